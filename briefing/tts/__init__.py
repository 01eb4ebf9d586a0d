"""Voices: a registry of engines by name, and ``speak`` for a whole script."""

from __future__ import annotations

from collections.abc import Callable

from briefing.config import Settings
from briefing.errors import EngineError
from briefing.models import Script, Take
from briefing.tts.engine import Engine
from briefing.tts.espeak import EspeakEngine

# name → factory taking the run's settings
ENGINES: dict[str, Callable[[Settings], Engine]] = {
    "espeak": lambda s: EspeakEngine(voice=s.voice, words_per_minute=s.words_per_minute),
}


def get_engine(name: str, settings: Settings) -> Engine:
    try:
        factory = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown voice engine {name!r} (known: {known})") from None
    return factory(settings)


def speak(script: Script, engine: Engine) -> list[Take]:
    """One engine call per segment, in script order."""
    return [Take(segment=s, audio=engine.synthesize(s.spoken), engine=engine.name) for s in script.segments]
