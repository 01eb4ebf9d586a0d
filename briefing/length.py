"""How long a briefing will last, and summaries sized to a target length.

A script's length is its spoken characters over the voice's speaking rate,
plus what the mix adds, which is known exactly: the jingles, the stings and
pauses between segments, the gaps between sentences. The speaking rate of
each voice is measured: ``record`` keeps what every run produced (characters
and seconds, per engine) beside the audio cache, and estimates use that once
there is enough of it; until then, the rate each engine declares
(``chars_per_second`` in ``briefing.tts.registry``), measured on this
project's own test articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing.config import Settings
from briefing.files import read_record, write_text
from briefing.models import Facts, Script, Take
from briefing.tts import registry

RATES_FILE = "voice-rates.json"
MIN_MEASURED_SECONDS = 60.0  # trust a measured rate once this much speech backs it
MAX_SENTENCES = 8
TOLERANCE = 0.10


def cps(engine: str, settings: Settings) -> float:
    """Characters per second the voice ``engine`` speaks at the run's speed."""
    measured = _load(settings).get(engine)
    if measured and measured["seconds"] >= MIN_MEASURED_SECONDS:
        base = measured["chars"] / measured["seconds"]
    else:
        base = default_cps(engine)
    return base * settings.rate


def default_cps(engine: str) -> float:
    """The speaking rate ``engine`` declares (the offline voice's for one that is not registered)."""
    return (registry.known(engine) or registry.offline_default()).chars_per_second


def seconds(the_script: Script, engine: str, settings: Settings) -> float:
    """The episode's expected length: speech, plus the mix's jingles, stings, pauses and gaps."""
    from briefing.mix import assemble as mix
    from briefing.tts.voicing import SENTENCE_GAP_MS

    spoken = sum(len(line.spoken) for segment in the_script.segments for line in segment.lines)
    lines = sum(len(segment.lines) for segment in the_script.segments)
    segments = len(the_script.segments)
    frame_ms = mix.frame_ms(segments, settings) + SENTENCE_GAP_MS * (lines - segments)
    return spoken / cps(engine, settings) + frame_ms / 1000


def fit(
    extract: Callable[[int], list[Facts]],
    render: Callable[[list[Facts]], Script],
    engine: str,
    minutes: float,
    settings: Settings,
    most: int = MAX_SENTENCES,
) -> list[Facts]:
    """The stories, with as many summary sentences each (``most`` at the most)
    as brings the briefing closest to ``minutes``; if one sentence each is
    still too long, the last stories are left out (one is always kept).

    ``extract(n)`` gives every story's facts with ``n`` summary sentences.
    """
    target = minutes * 60
    best: tuple[float, list[Facts]] | None = None
    for n in range(1, most + 1):
        told = extract(n)
        length = seconds(render(told), engine, settings)
        if best is None or abs(length - target) < best[0]:
            best = (abs(length - target), told)
        longest = max(len(f.summary) for f in told)
        if length > target or longest < n:  # longer is worse from here, or no story has more to say
            break
    told = best[1]
    while len(told) > 1 and seconds(render(told), engine, settings) > target * (1 + TOLERANCE):
        told = told[:-1]
    return told


def record(takes: Sequence[Take], settings: Settings) -> None:
    """Add what these takes measured (characters spoken, seconds of speech) to
    the speaking rates kept beside the cache. Only runs at normal speed count:
    a voice slowed or sped up does not scale its pauses exactly."""
    if not settings.cache or not takes or settings.rate != 1.0:
        return
    rates = _load(settings)
    for take in takes:
        entry = rates.setdefault(take.engine, {"chars": 0.0, "seconds": 0.0})
        for line, span in zip(take.segment.lines, take.spans):
            entry["chars"] += len(line.spoken)
            entry["seconds"] += (span.end_ms - span.start_ms) / 1000
    try:
        write_text(_path(settings), json.dumps(rates, indent=2, sort_keys=True))
    except OSError:
        pass  # measuring is a nicety; a cache folder that cannot be written costs nothing else


def _path(settings: Settings) -> Path:
    return settings.cache_dir / RATES_FILE


def _load(settings: Settings) -> dict[str, dict[str, float]]:
    return {
        k: v for k, v in read_record(_path(settings)).items()
        if isinstance(v, dict) and all(isinstance(v.get(f), (int, float)) and v[f] >= 0 for f in ("chars", "seconds"))
    }
