"""Speech speed for voices that cannot set it themselves.

espeak-ng and Kokoro speak at any rate (their engines say so: ``sets_speed``)
and Google's voice has a slow mode (used at 0.75 and under); any other speed is reached by stretching the
take in time with ffmpeg's ``atempo``, which keeps the pitch. Each line's
place in the take is stretched with it, so the captions follow.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace

from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment, ffmpeg_exe
from briefing.models import Span, Take
from briefing.tts.engines.espeak import EspeakEngine
from briefing.tts.engines.kokoro import KokoroEngine

SLOW_RATE = 0.75  # at or under this speed, Google's own slow voice is used instead
OWN_SPEED = frozenset(engine.name for engine in (EspeakEngine, KokoroEngine) if engine.sets_speed)


def residual(engine: str, rate: float) -> float:
    """The speed factor left for ``atempo`` once ``engine`` has done what it can."""
    if engine in OWN_SPEED or rate == 1.0:
        return 1.0
    if engine == "gtts" and rate <= SLOW_RATE:
        return 1.0
    return rate


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
