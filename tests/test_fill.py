"""Voicing into the shared cache: segments of several editions voiced at the
same time, in several threads, say each sentence once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from briefing.daily.lock import FolderLocks
from briefing.models import Line, Segment
from briefing.tts import speak
from briefing.tts.cache import Cache
from briefing.tts.engines.espeak import EspeakEngine
from briefing.tts.fill import fill
from briefing.tts.voicing import Voices, plan
from briefing.models import Script
from conftest import NOW

SHARED = Line("Le conseil municipal de Lyon a voté le budget.", "Le conseil municipal de Lyon a voté le budget.")


class Counting(EspeakEngine):
    """espeak, counting what it is asked to say."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []
        self._lock = threading.Lock()

    def synthesize(self, text):
        with self._lock:
            self.said.append(text)
        return super().synthesize(text)


def segment(n: int) -> Segment:
    own = Line(f"Voici l'édition numéro {n}.", f"Voici l'édition numéro {n}.")
    return Segment("story", f"Édition {n}", (own, SHARED))


def test_segments_voiced_at_once_say_a_shared_sentence_once_and_the_mix_finds_all_in_the_cache(tmp_path):
    engine = Counting()
    cache = Cache(tmp_path / "cache")
    claim = FolderLocks().claims(tmp_path / "cache")
    segments = [segment(n) for n in range(6)]
    with ThreadPoolExecutor(6) as pool:  # six editions' segments, all at once
        filled = list(pool.map(lambda s: fill(s, Voices(engine), cache, claim), segments))
    assert engine.said.count(SHARED.spoken) == 1
    assert sorted(engine.said) == sorted({line.spoken for s in segments for line in s.lines})
    assert sum(len(f.made) for f in filled) == 7 and sum(f.cached for f in filled) == 5
    # the episode's mix reads every chunk from the cache: nothing is said again
    said_before = len(engine.said)
    takes = speak(Script(NOW.date(), "Le Briefing", "t", "s", tuple(segments)), Voices(engine), cache)
    assert len(engine.said) == said_before and len(takes) == 6
    assert all(key in cache for s in segments for line in plan(engine, s) for key, _ in line)
