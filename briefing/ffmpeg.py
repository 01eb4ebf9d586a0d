"""pydub, wired once to the ffmpeg binary that ships in the imageio-ffmpeg wheel.

Import ``AudioSegment`` from here, never from pydub directly: importing this
module points pydub at that ffmpeg (through ``briefing.patches.pydub``, which
also keeps pydub's warnings about a missing ffmpeg on PATH away from the
user). There is no ffprobe; every decode names its codec so pydub never asks
for one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path

from briefing.files import read_record, write_text
from briefing.patches.pydub import AudioSegment, use_ffmpeg

__all__ = ["AudioSegment", "Mp3Encoder", "ffmpeg_exe", "decode_mp3", "encode_mp3", "mp3_duration_ms"]


@cache
def ffmpeg_exe() -> str:
    """The ffmpeg binary of the imageio-ffmpeg wheel (or ``$IMAGEIO_FFMPEG_EXE``).

    Found by its place in the wheel, without importing imageio_ffmpeg and
    without the ``ffmpeg -version`` run its ``get_ffmpeg_exe`` makes to check
    it: together 30 ms of every command. If the wheel does not hold exactly
    one binary, imageio_ffmpeg looks further (conda, PATH).
    """
    if exe := os.environ.get("IMAGEIO_FFMPEG_EXE"):
        return exe
    spec = importlib.util.find_spec("imageio_ffmpeg")
    if spec and spec.submodule_search_locations:
        binaries = Path(spec.submodule_search_locations[0]) / "binaries"
        found = [path for path in binaries.glob("ffmpeg-*") if os.access(path, os.X_OK)]
        if len(found) == 1:
            return str(found[0])
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


use_ffmpeg(ffmpeg_exe())


def die_with_parent() -> Callable[[], None] | None:
    """For ``Popen(preexec_fn=…)``: asks Linux to kill the child when its
    parent dies, so an encoder never outlives a killed run (elsewhere, None).

    The signal follows the thread that started the child: start long-lived
    children from a thread that lives as long as they do.
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = _prctl()  # looked up in the parent: the child only makes the call
    parent = os.getpid()

    def in_child() -> None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return in_child


@cache
def _prctl():
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl


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


class Mp3Encoder:
    """An MP3 encode started ahead of its audio: the ffmpeg process starts (14 ms)
    while the audio is still being mixed, then takes the samples as they come
    (:meth:`write`), and :meth:`finish` waits for the file.

    Mono 16-bit PCM at ``rate`` in; out, a constant-bitrate MP3 at ``out_rate``
    with a Xing/LAME header (so players know its exact duration). Tags are
    written separately. Used as a context manager, an encode that is never
    finished is stopped.
    """

    def __init__(self, rate: int, path: Path, bitrate: str, out_rate: int = 44100) -> None:
        self._process = subprocess.Popen(
            [
                ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
                "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(out_rate), "-ac", "1",
                "-id3v2_version", "0", "-write_id3v1", "0", "-write_xing", "1", "-f", "mp3", str(path),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=die_with_parent(),
        )

    def write(self, pcm: bytes | memoryview) -> None:
        """More samples for the encode (it encodes them while the next are made)."""
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:  # the encoder stopped: say why
            self.finish()
            raise OSError("ffmpeg could not encode the MP3: it stopped reading its input") from None

    def finish(self, pcm: bytes | memoryview = b"") -> None:
        """The last samples (if any); returns once the MP3 is written, or raises ``OSError`` saying why not."""
        if pcm:
            self.write(pcm)
        _, errors = self._process.communicate()
        code = self._process.returncode
        if code != 0:
            why = errors.decode(errors="replace").strip().splitlines()
            if code < 0:  # stopped by a signal: a file size limit (SIGXFSZ), the user…
                why.append(signal.strsignal(-code) or f"signal {-code}")
            raise OSError(f"ffmpeg could not encode the MP3: {'; '.join(why) or f'exit status {code}'}")

    def __enter__(self) -> Mp3Encoder:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._process.returncode is None:
            self._process.kill()
            self._process.communicate()


def encode_mp3(pcm: bytes, rate: int, path: Path, bitrate: str, out_rate: int = 44100) -> None:
    """Encode mono 16-bit PCM at ``rate`` to an MP3 (see :class:`Mp3Encoder`)."""
    with Mp3Encoder(rate, path, bitrate, out_rate) as encoder:
        encoder.finish(pcm)


def encoder_gain_db(rate: int, bitrate: str, out_rate: int = 44100, cache_dir: Path | None = None) -> float:
    """How much the MP3 encoder changes the level, in dB (LAME lowers it by
    about 0.45 dB, evenly across the spectrum), so loudness targets can allow for it.

    Measured on a one-second tone with the same settings, once for each ffmpeg
    binary and setting: kept in ``cache_dir`` (``encoder-gain.json``) when one
    is given, else for the life of the process.
    """
    exe = Path(ffmpeg_exe())
    try:
        stat = exe.stat()
        key = f"{exe}|{stat.st_size}|{stat.st_mtime_ns}|{rate}|{bitrate}|{out_rate}"
    except OSError:
        key = None  # no file to vouch for (a command on PATH): measure
    kept = cache_dir / "encoder-gain.json" if cache_dir and key else None
    known = read_record(kept) if kept else {}
    if isinstance(known.get(key), float):
        return known[key]
    gain = _measured_gain(rate, bitrate, out_rate)
    if kept:
        with contextlib.suppress(OSError):  # a cache that cannot be written: measure next time
            write_text(kept, json.dumps({**known, key: gain}, indent=1))
    return gain


@cache
def _measured_gain(rate: int, bitrate: str, out_rate: int) -> float:
    import numpy as np

    tone = np.round(10000 * np.sin(2 * np.pi * 997 * np.arange(rate) / rate)).astype("<i2")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tone.mp3"
        encode_mp3(tone.tobytes(), rate, path, bitrate, out_rate)
        decoded = np.frombuffer(decode_mp3(path).raw_data, dtype=np.int16).astype(np.float64)
    level = np.sqrt(np.mean(decoded[out_rate // 4 : 3 * out_rate // 4] ** 2))
    return float(20 * np.log10(level / np.sqrt(np.mean(tone[rate // 4 : 3 * rate // 4].astype(np.float64) ** 2))))
