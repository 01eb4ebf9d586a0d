"""Voices: a registry of engines by name, and ``speak`` for a whole script."""

from __future__ import annotations

from collections.abc import Callable

from briefing.config import Settings
from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment
from briefing.models import Script, Segment, Span, Take
from briefing.tts.engine import Engine
from briefing.tts.espeak import EspeakEngine

# name → factory taking the run's settings
ENGINES: dict[str, Callable[[Settings], Engine]] = {
    "espeak": lambda s: EspeakEngine(voice=s.voice, words_per_minute=round(s.words_per_minute * s.rate)),
}


def get_engine(name: str, settings: Settings) -> Engine:
    try:
        factory = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown voice engine {name!r} (known: {known})") from None
    return factory(settings)


SENTENCE_GAP_MS = 250


def speak(script: Script, engine: Engine) -> list[Take]:
    """Voice every segment, one engine call per line, in script order.

    Each line is synthesized on its own so that its place in the take is
    measured, not estimated: the transcript's cues come from these spans.
    """
    return [_take(segment, engine) for segment in script.segments]


def _take(segment: Segment, engine: Engine) -> Take:
    pieces = [_mono16(engine.synthesize(line.spoken)) for line in segment.lines]
    rate = pieces[0].frame_rate
    gap = AudioSegment.silent(duration=SENTENCE_GAP_MS, frame_rate=rate).raw_data
    spans, raw, frames = [], [], 0
    for i, piece in enumerate(pieces):
        if i:
            raw.append(gap)
            frames += len(gap) // 2
        start = frames
        frames += int(piece.set_frame_rate(rate).frame_count())
        raw.append(piece.set_frame_rate(rate).raw_data)
        spans.append(Span(round(start * 1000 / rate), round(frames * 1000 / rate)))
    return Take(segment=segment, audio=pieces[0]._spawn(b"".join(raw)), engine=engine.name, spans=tuple(spans))


def _mono16(audio: AudioSegment) -> AudioSegment:
    return audio.set_channels(1).set_sample_width(2)
