"""Voices: a registry of engines by name, the choice of one for a run, and ``speak``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.errors import EngineError
from briefing.models import Script, Segment, Take
from briefing.tts import registry, tempo
from briefing.tts.cache import Cache, key_of
from briefing.tts.engine import Engine
from briefing.tts.probe import Probe, reachable
from briefing.tts.voicing import Say, Voices, all_cached, voice
from briefing.tts.voicing import speak as speak_segments

if TYPE_CHECKING:
    from briefing.config import Settings

__all__ = ["Voices", "choose", "voices_named", "get_engine", "key_of", "needs_room", "open_cache", "speak", "statuses", "voice"]


def get_engine(name: str, settings: Settings) -> Engine:
    """The engine ``name`` (see ``briefing.tts.registry``), made from the run's settings."""
    return registry.voice(name).make(settings)


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

    An engine that speaks from a server (``online``) is asked once, through
    ``probe``, whether it answers, unless every chunk of ``segments`` is in
    ``cache`` already. ``auto`` takes the first engine of its order
    (``registry.auto_order``). When an online engine does not answer, the
    fallback (for ``auto``, the first offline engine of its order) takes its
    place and the run says so; without one, it is an error.
    """
    fallback = _fallback(settings)
    asked = registry.auto_order()[0] if settings.engine == registry.AUTO else registry.voice(settings.engine)
    engine = asked.make(settings)
    problem = _problem(engine, segments, cache, probe) if asked.online else None
    if problem is None:
        return Voices(engine, None if fallback is None or fallback.name == engine.name else fallback)
    if fallback is None:
        raise EngineError(
            f"{asked.name}: {asked.called} at {engine.host} is not reachable ({problem}); "
            f"--engine {registry.offline_default().name} works offline"
        )
    say(f"using the offline voice ({fallback.name}): {engine.host} is not reachable ({problem})")
    return Voices(fallback)


def _problem(engine: Engine, segments: Sequence[Segment], cache: Cache | None, probe: Probe) -> str | None:
    """Why the online ``engine`` cannot speak now, or None (nothing to ask when the cache holds it all)."""
    if cache is not None and segments and all_cached(engine, segments, cache):
        return None
    return probe(engine.url)


def needs_room(voices: Voices, segments: Sequence[Segment], cache: Cache | None = None) -> bool:
    """Whether voicing ``segments`` starts an engine that holds something big
    while it speaks (one with ``release``, see ``Engine``): it has chunks to make."""
    engine = voices.engine
    return hasattr(engine, "release") and not (cache is not None and all_cached(engine, segments, cache))


def voices_named(name: str, settings: Settings) -> Voices:
    """The voices of a run that chose engine ``name`` (``choose`` gave it), with the settings' fallback."""
    fallback = _fallback(settings)
    return Voices(get_engine(name, settings), None if fallback is None or fallback.name == name else fallback)


def _fallback(settings: Settings) -> Engine | None:
    name = settings.fallback or (registry.offline_default().name if settings.engine == registry.AUTO else None)
    if name in (None, registry.NONE, settings.engine):
        return None
    if name == registry.AUTO:
        raise EngineError(f"--fallback takes an engine ({registry.offline_default().name}), not {registry.AUTO}")
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
    """Every engine, whether it can speak right now, and its options (each online one asked once)."""
    rows, answers = [], {}
    for name in registry.names():
        found = registry.voice(name)
        problem = found.missing()
        if problem is None and found.online:
            engine = found.make(settings)
            answered = probe(engine.url)
            answers[name] = answered is None
            problem = None if answered is None else f"{engine.host}: {answered}"
        about = f"{found.about}. {found.notes}" if found.notes else found.about
        rows.append(Status(name, "yes" if problem is None else f"no ({problem})", about, found.shown_options(settings)))
    first, offline = registry.auto_order()[0], registry.offline_default()
    taken = first.name if not first.online or answers.get(first.name) else offline.name
    about = registry.describe_auto()
    if first.online:
        about += f"; {offline.name} also voices a segment {first.name} fails on"
    options = f"those of {first.name} and {offline.name}" if first.online else f"those of {first.name}"
    rows.append(Status(registry.AUTO, f"→ {taken}", about, options))
    return rows
