"""Speech speed for voices that cannot set it themselves.

Each engine says (``leaves`` in ``briefing.tts.registry``) what part of a
speed it cannot reach itself: some speak at any rate, some have a slow mode;
what is left is reached by stretching the take in time with ffmpeg's
``atempo``, which keeps the pitch. Each line's place in the take is stretched
with it, so the captions follow.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace

from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment, ffmpeg_exe
from briefing.models import Span, Take
from briefing.tts import registry


def residual(engine: str, rate: float) -> float:
    """The speed factor left for ``atempo`` once ``engine`` has done what it can
    (all of it for an engine that is not registered)."""
    found = registry.known(engine)
    if found is None or rate == 1.0:
        return rate
    return found.leaves(rate)


def follow(takes: list[Take], rate: float) -> list[Take]:
    """Every take at speed ``rate``, whichever engine spoke it."""
    return [stretch(take, residual(take.engine, rate)) for take in takes]


def stretch(take: Take, factor: float) -> Take:
    """``take`` played ``factor`` times faster (pitch unchanged), its spans scaled alike."""
    if factor == 1.0:
        return take
    audio = take.audio.set_channels(1).set_sample_width(2)
    rate = audio.frame_rate
    proc = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
         "-filter:a", f"atempo={factor}", "-f", "s16le", "-ar", str(rate), "-ac", "1", "pipe:1"],
        input=audio.raw_data, capture_output=True, check=False,
    )
    if proc.returncode != 0:
        raise EngineError(f"could not change the speed of {take.segment.title!r}: {proc.stderr.decode(errors='replace').strip()}")
    stretched = AudioSegment(data=proc.stdout, sample_width=2, frame_rate=rate, channels=1)
    spans = tuple(Span(round(s.start_ms / factor), round(s.end_ms / factor)) for s in take.spans)
    return replace(take, audio=stretched, spans=spans)
