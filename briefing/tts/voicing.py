"""A whole script voiced: every chunk of every segment through one bounded pool.

Chunks already in the cache are not made again; the same chunk said twice is
made once. The others are fetched ``engine.workers`` at a time, in any order,
decoded (and cached) by the calling thread as they arrive, so decoding never
holds up a request, and put back in script order. A segment the engine fails
on is voiced by the fallback engine when there is one (the run says so), and
after a few failed chunks the engine is not asked for more; without a
fallback the run stops with the first failure and the segment it belongs to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment
from briefing.models import Segment, Span, Take
from briefing.tts.cache import Cache, key_of
from briefing.tts.engine import Engine

Say = Callable[[str], None]

# With a fallback, chunks that failed (each after its retries) before the
# engine is given up for the rest of the run: a voice that is down must not
# make every remaining chunk wait through its retries.
GIVE_UP_AFTER = 4

SENTENCE_GAP_MS = 250  # silence between two lines of a segment
GAP_RATE = 22050  # the frame rate of a take with nothing said in it


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class Voices:
    """The engine that speaks, and the one that takes over a segment it fails on."""

    engine: Engine
    fallback: Engine | None = None


Plan = list[list[tuple[str, str]]]  # one segment: per line, its chunks as (cache key, text)


def plan(engine: Engine, segment: Segment) -> Plan:
    """The chunks ``engine`` speaks ``segment`` in, line by line (a chunk never spans two lines)."""
    return [[(key_of(engine, chunk), chunk) for chunk in engine.chunks(line.spoken)] for line in segment.lines]


def all_cached(engine: Engine, segments: Sequence[Segment], cache: Cache) -> bool:
    """Whether every chunk of ``segments`` is in ``cache`` already."""
    return all(key in cache for segment in segments for line in plan(engine, segment) for key, _ in line)


def speak(segments: Sequence[Segment], voices: Voices, cache: Cache | None = None, say: Say = _quiet) -> list[Take]:
    """One take per segment, in order, each line's place in it measured."""
    engine = voices.engine
    plans = [plan(engine, segment) for segment in segments]
    wanted = {key: chunk for p in plans for line in p for key, chunk in line}  # each chunk once
    audio = {key: hit for key in wanted if cache is not None and (hit := cache.get(key)) is not None}
    todo = {key: chunk for key, chunk in wanted.items() if key not in audio}
    say(
        f"voicing {len(segments)} segments with {engine.name}: {len(wanted)} chunks, "
        f"{len(audio)} from the cache" + (f", {engine.workers} at a time" if todo and engine.workers > 1 else "")
    )
    fallback = voices.fallback
    failures = _fetch_all(engine, todo, cache, audio, give_up_after=GIVE_UP_AFTER if fallback else 1)
    unvoiced = [n for n, p in enumerate(plans, start=1) if any(key not in audio for line in p for key, _ in line)]
    if unvoiced and fallback is None:
        number = next(n for n in unvoiced if _failure(plans[n - 1], failures))
        raise EngineError(f"{_where(number, segments)}: {_failure(plans[number - 1], failures)}")
    uses = Counter(key for p in plans for line in p for key, _ in line)
    takes = []
    for number, (segment, p) in enumerate(zip(segments, plans), start=1):
        if number in unvoiced:
            why = _failure(p, failures) or f"not asked, {engine.name} had failed on {len(failures)} chunks already"
            say(f"{_where(number, segments)}: {why}; voiced offline with {fallback.name} instead")
            lines = [voice(fallback, line.spoken, cache) for line in segment.lines]
            takes.append(_take(segment, lines, fallback.name))
        else:
            takes.append(_take(segment, [_join([audio[key] for key, _ in line]) for line in p], engine.name))
        for key in (key for line in p for key, _ in line):  # a chunk no later take says is let go: the takes replace the chunks
            uses[key] -= 1
            if not uses[key]:
                audio.pop(key, None)
    return takes


def _take(segment: Segment, lines: list[AudioSegment], engine: str) -> Take:
    """The lines end to end, ``SENTENCE_GAP_MS`` apart, with where each one is."""
    rate = max((line.frame_rate for line in lines if len(line)), default=GAP_RATE)
    gap = AudioSegment.silent(duration=SENTENCE_GAP_MS, frame_rate=rate).set_sample_width(2).raw_data
    spans, raw, frames = [], [], 0
    for i, line in enumerate(lines):
        if i:
            raw.append(gap)
            frames += len(gap) // 2
        pcm = line.set_channels(1).set_sample_width(2).set_frame_rate(rate).raw_data if len(line) else b""
        start, frames = frames, frames + len(pcm) // 2
        raw.append(pcm)
        spans.append(Span(round(start * 1000 / rate), round(frames * 1000 / rate)))
    audio = AudioSegment(data=b"".join(raw), sample_width=2, frame_rate=rate, channels=1)
    return Take(segment=segment, audio=audio, engine=engine, spans=tuple(spans))


def _failure(p: Plan, failures: dict[str, EngineError]) -> EngineError | None:
    return next((failures[key] for line in p for key, _ in line if key in failures), None)


def _where(number: int, segments: Sequence[Segment]) -> str:
    return f"segment {number} of {len(segments)} ({segments[number - 1].title})"


def voice(engine: Engine, text: str, cache: Cache | None = None) -> AudioSegment:
    """``text`` spoken by ``engine``, one chunk after the other, through the cache."""
    parts = []
    for chunk in engine.chunks(text):
        key = key_of(engine, chunk)
        hit = cache.get(key) if cache is not None else None
        parts.append(hit if hit is not None else _keep(engine.synthesize(chunk), key, cache))
    return _join(parts)


def _fetch_all(
    engine: Engine, todo: dict[str, str], cache: Cache | None, audio: dict[str, AudioSegment], give_up_after: int
) -> dict[str, EngineError]:
    """Fill ``audio`` with the chunks of ``todo``; return the failures by key.

    After ``give_up_after`` failures the chunks not yet started are dropped.
    """
    failures: dict[str, EngineError] = {}
    if not todo:
        return failures
    pool = ThreadPoolExecutor(max_workers=min(engine.workers, len(todo)), thread_name_prefix=f"briefing-{engine.name}")
    try:
        futures: dict[Future[bytes], str] = {pool.submit(engine.fetch, chunk): key for key, chunk in todo.items()}
        for future in as_completed(futures):
            key = futures[future]
            try:
                audio[key] = _keep(engine.decode(future.result()), key, cache)
            except EngineError as exc:
                failures[key] = exc
                if len(failures) >= give_up_after:
                    break
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _release(engine)
    return failures


def _release(engine: Engine) -> None:
    """Let the engine's workers go once the chunks are made (see ``Engine``)."""
    release = getattr(engine, "release", None)
    if release is not None:
        release()


def _keep(made: AudioSegment, key: str, cache: Cache | None) -> AudioSegment:
    if cache is not None:
        cache.put(key, made)
    return made


def _join(parts: Sequence[AudioSegment]) -> AudioSegment:
    if not parts:
        return AudioSegment.empty()
    joined = parts[0]
    for part in parts[1:]:
        joined += part
    return joined
