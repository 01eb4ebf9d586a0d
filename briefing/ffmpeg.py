"""pydub, wired once to the ffmpeg binary that ships in the imageio-ffmpeg wheel.

Import ``AudioSegment`` from here, never from pydub directly: this module is
the one place that points pydub at that ffmpeg and keeps pydub's warnings
about a missing ffmpeg/ffprobe on PATH away from the user. There is no
ffprobe; every decode names its codec so pydub never asks for one.
"""

from __future__ import annotations

import io
import subprocess
import warnings
from functools import cache
from pathlib import Path

import imageio_ffmpeg

with warnings.catch_warnings():
    # pydub looks for ffmpeg on PATH at import time and warns when it is not
    # there; ours is not on PATH by design.
    warnings.filterwarnings("ignore", category=RuntimeWarning, module="pydub")
    from pydub import AudioSegment

__all__ = ["AudioSegment", "ffmpeg_exe", "decode_mp3", "mp3_duration_ms"]


@cache
def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


AudioSegment.converter = ffmpeg_exe()


def decode_mp3(data: bytes | Path) -> AudioSegment:
    """Decode MP3 bytes or an MP3 file (no ffprobe involved)."""
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=RuntimeWarning, module="pydub")
        return AudioSegment.from_file(source, format="mp3", codec="mp3")


def mp3_duration_ms(path: Path) -> int:
    """Duration of an MP3 as ffmpeg decodes it, in milliseconds.

    Raises ``ValueError`` if ffmpeg reports any decoding error.
    """
    proc = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", "44100", "-"],
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0 or proc.stderr.strip():
        raise ValueError(f"{path}: ffmpeg could not decode it: {proc.stderr.decode(errors='replace').strip()}")
    return round(len(proc.stdout) / 2 / 44100 * 1000)
