"""A segment's audio made into the shared cache, each chunk by one process.

Many editions voiced on many machines share one cache folder: a sentence
told in ten editions is the same chunk under the same key (engine, voice
options, text), so it is voiced once. ``fill`` voices the chunks of one
segment that the cache lacks; each is made under a claim on its key (a lock
other processes see), and looked for again once the claim is held, so two
processes wanting the same chunk at once voice it once: the second finds it
made. The episode's mix then reads every chunk from the cache.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import ContextManager

from briefing.errors import EngineError
from briefing.models import Segment
from briefing.tts.cache import Cache
from briefing.tts.voicing import Voices, plan, voice

Claim = Callable[[str], ContextManager[object]]


def unclaimed(_: str) -> ContextManager[object]:
    return contextlib.nullcontext()


@dataclass(frozen=True)
class Filled:
    """What one segment's voicing did: the chunks it made, by key, and those it found made."""

    made: tuple[str, ...]
    cached: int
    fallback: bool = False  # the engine failed; the fallback voiced the segment


def fill(segment: Segment, voices: Voices, cache: Cache, claim: Claim = unclaimed) -> Filled:
    """Voice into ``cache`` every chunk of ``segment`` it does not hold yet.

    A chunk the engine fails on (after its retries) stops it, or, with a
    fallback, the segment is voiced by the fallback instead, as a whole run would.
    """
    engine = voices.engine
    made: list[str] = []
    cached = 0
    try:
        for line in plan(engine, segment):
            for key, chunk in line:
                if key in cache:
                    cached += 1
                    continue
                with claim(key):
                    if key in cache:  # made by another process while this one waited
                        cached += 1
                        continue
                    cache.put(key, engine.synthesize(chunk))
                    made.append(key)
    except EngineError:
        if voices.fallback is None:
            raise
        for text in segment.lines:
            voice(voices.fallback, text.spoken, cache)
        return Filled(tuple(made), cached, fallback=True)
    return Filled(tuple(made), cached)
