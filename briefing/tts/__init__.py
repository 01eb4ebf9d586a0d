"""Voices: a registry of engines by name, the choice of one for a run, and ``speak``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.config import Settings
from briefing.errors import EngineError
from briefing.models import Script, Segment, Take
from briefing.tts.cache import Cache, key_of
from briefing.tts import tempo
from briefing.tts.engines import kokoro
from briefing.tts.engine import Engine
from briefing.tts.engines.espeak import EspeakEngine
from briefing.tts.engines.kokoro import KokoroEngine
from briefing.tts.probe import Probe, reachable
from briefing.tts.retry import Backoff
from briefing.tts.tempo import SLOW_RATE
from briefing.tts.voicing import Say, Voices, all_cached, voice
from briefing.tts.voicing import speak as speak_segments

if TYPE_CHECKING:
    from briefing.tts.engines.gtts import GttsEngine

__all__ = ["ENGINES", "CHOICES", "Voices", "choose", "voices_named", "get_engine", "key_of", "open_cache", "speak", "statuses", "voice"]


def _gtts(s: Settings) -> GttsEngine:
    from briefing.tts.engines.gtts import GttsEngine  # gTTS and requests load only when the online voice is wanted

    return GttsEngine(
        lang=s.language, tld=s.gtts_tld, slow=s.gtts_slow or s.rate <= SLOW_RATE, timeout=(s.gtts_timeout, s.gtts_timeout),
        workers=s.workers, backoff=Backoff(tries=s.gtts_tries), endpoint=s.gtts_endpoint,
    )


def _espeak(s: Settings) -> EspeakEngine:
    return EspeakEngine(voice=s.voice or "fr", words_per_minute=round(s.words_per_minute * s.rate))


def _kokoro(s: Settings) -> KokoroEngine:
    return KokoroEngine(voice=s.voice, voice_file=s.voice_file, speed=s.rate, models=s.cache_dir, workers=s.workers)


# name → factory taking the run's settings
ENGINES: dict[str, Callable[[Settings], Engine]] = {"gtts": _gtts, "espeak": _espeak, "kokoro": _kokoro}
OFFLINE = "espeak"
CHOICES = ("auto", *ENGINES)


def get_engine(name: str, settings: Settings) -> Engine:
    try:
        factory = ENGINES[name]
    except KeyError:
        known = ", ".join(CHOICES)
        raise EngineError(f"unknown voice engine {name!r} (known: {known})") from None
    return factory(settings)


def open_cache(settings: Settings) -> Cache | None:
    return Cache(settings.cache_dir) if settings.cache else None


def choose(
    settings: Settings,
    segments: Sequence[Segment] = (),
    cache: Cache | None = None,
    probe: Probe = reachable,
    say: Say = lambda _: None,
) -> Voices:
    """The voices for this run.

    ``gtts`` and ``auto`` ask ``probe`` once whether Google answers, unless
    every chunk of ``segments`` is in ``cache`` already. When it does not,
    ``auto`` (or a fallback) takes the offline voice and says so; ``gtts``
    alone is an error.
    """
    fallback = _fallback(settings)
    if settings.engine not in ("auto", "gtts"):
        return Voices(get_engine(settings.engine, settings), fallback)
    online = _gtts(settings)
    if cache is not None and segments and all_cached(online, segments, cache):
        return Voices(online, fallback)
    problem = probe(online.url)
    if problem is None:
        return Voices(online, fallback)
    if fallback is None:
        raise EngineError(f"gtts: Google's voice at {online.host} is not reachable ({problem}); --engine espeak works offline")
    say(f"using the offline voice ({fallback.name}): {online.host} is not reachable ({problem})")
    return Voices(fallback)


def voices_named(name: str, settings: Settings) -> Voices:
    """The voices of a run that chose engine ``name`` (``choose`` gave it), with the settings' fallback."""
    fallback = _fallback(settings)
    return Voices(get_engine(name, settings), None if fallback is None or fallback.name == name else fallback)


def _fallback(settings: Settings) -> Engine | None:
    name = settings.fallback or (OFFLINE if settings.engine == "auto" else None)
    if name in (None, "none", settings.engine):
        return None
    if name == "auto":
        raise EngineError("--fallback takes an engine (espeak), not auto")
    return get_engine(name, settings)


def speak(
    script: Script, voices: Voices | Engine, cache: Cache | None = None, say: Say = lambda _: None, rate: float = 1.0
) -> list[Take]:
    """One take per segment of ``script``, in order (see ``briefing.tts.voicing``),
    at speech speed ``rate`` (see ``briefing.tts.tempo``)."""
    if not isinstance(voices, Voices):
        voices = Voices(voices)
    return tempo.follow(speak_segments(script.segments, voices, cache, say), rate)


@dataclass(frozen=True)
class Status:
    """What ``briefing engines`` shows for one engine."""

    name: str
    usable: str  # "yes", "no (why)", or for auto the engine it would take
    about: str
    options: str


def statuses(settings: Settings, probe: Probe = reachable) -> list[Status]:
    """Every engine, whether it can speak right now, and its options (one probe of Google)."""
    online = _gtts(settings)
    problem = probe(online.url)
    try:
        _espeak(settings).check()
        offline = "yes"
    except EngineError as exc:
        offline = f"no ({exc})"
    return [
        Status(
            "gtts", "yes" if problem is None else f"no ({online.host}: {problem})",
            "Google Translate's voice; online, natural",
            f"--tld {online.tld} (accent: fr France, ca Québec), --slow (or --rate 0.75 and under), "
            f"--workers {online.workers}, --timeout {settings.gtts_timeout:g}, --fallback espeak",
        ),
        Status(
            "espeak", offline, "espeak-ng; offline, robotic",
            f"--voice {settings.voice or 'fr'}, --rate {settings.rate:g} (speed)",
        ),
        Status(kokoro.NAME, *kokoro.status(settings)),
        Status(
            "auto", f"→ {'gtts' if problem is None else 'espeak'}",
            "gtts when Google answers, else espeak; espeak also voices a segment gtts fails on",
            "those of both",
        ),
    ]
