"""The units of work of many editions, each one a function of picklable
values, run in a process pool or as Celery tasks: read a story (fetch and
extract, once for every edition that tells it), voice a segment (into the
shared cache, each chunk once), finish an episode (mix and encode it out of
sight, then publish it under its feed's lock).

Each can run again after a process died in it: reading and voicing fill
caches that are looked up first; finishing stages its files anew, and
publishes nothing when the feed tells its stories already. ``locks`` is the
folder locks of one machine (``briefing.lock.FolderLocks``) or a cluster's
Redis locks: one writer per feed, one voicer per chunk.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import pipeline, tts

from briefing.daily import run as daily

from briefing.facts import cache as factcache

from briefing.publish import feed

from briefing.publish import id3

from briefing.publish import staging

from briefing.publish import state

from briefing.publish import transcript
from briefing.config import Settings
from briefing.errors import BriefingError, InputError
from briefing.models import Article, Episode
from briefing.sources.articles import Item
from briefing.tts import voicing
from briefing.tts.fill import Filled, fill

log = logging.getLogger("briefing.daily.work")


@dataclass(frozen=True)
class ReadJob:
    """A story to read once for every edition that may tell it."""

    item: Item
    today: dt.date
    most: int  # its facts are kept for every summary length up to this
    cache_dir: Path


@dataclass(frozen=True)
class ReadResult:
    url: str
    article: Article | None
    problem: str | None  # why it cannot be told (then ``article`` is None)
    parsed: bool = False  # whether its facts were extracted now (not found in the cache)


@dataclass(frozen=True)
class EpisodeJob:
    """One edition's episode, planned: its script, stories and voice."""

    edition: str
    settings: Settings
    plan: daily.Plan
    engine: str  # the voice chosen for it


@dataclass(frozen=True)
class Outcome:
    edition: str
    stem: str
    files: tuple[Path, ...]  # the episode's files and the folder's index (none when it was published before)
    feed: Path
    already: bool  # its stories were in the feed already: a run that died after publishing, run again
    voiced: int  # chunks voiced by its segments' tasks (the others were in the cache)
    cached: int
    chunks: frozenset[str] = frozenset()  # the cache keys of everything it says
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """A step that could not be done, and why, in one line (sent back as a value, never raised across processes)."""

    message: str


def attempt(step, *args):
    """``step(*args)``, or the ``Failure`` a user is meant to read."""
    try:
        return step(*args)
    except BriefingError as exc:
        return Failure(str(exc))


def read_story(job: ReadJob) -> ReadResult:
    """Fetch and extract one story; its facts go to the facts cache for the
    editions to find (for every summary length they may ask for)."""
    try:
        article = job.item.read()
        parsed = factcache.fill(article, today=job.today, most=job.most, store=factcache.FactsCache(job.cache_dir / "facts"))
    except InputError as exc:
        return ReadResult(job.item.url, None, str(exc))
    if parsed:
        log.info("extracted %s", job.item.url)
    return ReadResult(job.item.url, article, None, parsed)


def voice_segment(job: EpisodeJob, number: int, locks) -> Filled:
    """Voice segment ``number`` of the episode into the shared cache."""
    cache = tts.open_cache(job.settings.part("voice"))
    done = fill(job.plan.script.segments[number], tts.voices_named(job.engine, job.settings), cache,
                locks.claims(job.settings.cache_dir))
    for key in done.made:
        log.info("voiced chunk %s", key)
    return done


def finish_episode(job: EpisodeJob, voiced: list[Filled], locks) -> Outcome:
    """Mix and encode the episode from the cache into a staging folder, then,
    holding the feed's lock, publish it as ``briefing daily`` does
    (``daily.publish``): under a name and title no episode of the feed had."""
    failed = next((v for v in voiced if isinstance(v, Failure)), None)
    if failed is not None:
        raise BriefingError(failed.message)
    settings = job.settings
    folder = settings.output
    warnings: list[str] = []
    voices = tts.voices_named(job.engine, settings)
    counts = dict(voiced=sum(len(v.made) for v in voiced), cached=sum(v.cached for v in voiced),
                  chunks=frozenset(key for segment in job.plan.script.segments
                                   for line in voicing.plan(voices.engine, segment) for key, _ in line))
    takes = pipeline.voice(job.plan.script, settings, voices=voices, cache=tts.open_cache(settings.part("voice")))
    with staging.Staging(folder) as staged:
        episode = pipeline.stage(takes, job.plan.script, settings, staged)
        with locks.feed(folder) as lease:
            known = daily.open_feed(settings, warnings.append)
            if job.plan.all_told(known):
                staged.discard()
                log.info("%s: published before", job.edition)
                return Outcome(job.edition, _stem_told(known, job.plan), (), folder / feed.FEED_NAME, True, **counts,
                               warnings=tuple(warnings))
            episode = _named(staged, episode, job.plan, known, settings)
            published = daily.publish(staged, episode, job.plan, known, settings, warn=warnings.append,
                                      confirm=lease.confirm)
    log.info("%s: published %s", job.edition, episode.mp3.name)
    return Outcome(job.edition, episode.mp3.stem, published.files, published.feed, False, **counts,
                   warnings=tuple(warnings))


def _named(staged: staging.Staging, episode: Episode, plan: daily.Plan, known: state.State, settings: Settings) -> Episode:
    """The staged episode under the name and title it was planned with, or,
    when another run gave them meanwhile, under free ones (its tags and
    transcripts made again)."""
    folder = settings.output
    stem, title = episode.mp3.stem, episode.title
    if stem in known.used_stems or feed.episode_files(folder, stem):
        stem = known.stem_for(settings.today, free=lambda s: not feed.episode_files(folder, s))
    if title in known.titles | {e.title for e in known.episodes}:
        title = known.title_for(plan.base_title or title, settings.now)
    if (stem, title) == (episode.mp3.stem, episode.title):
        return episode
    old = episode.mp3.stem
    for name in transcript.render_all(episode, settings.part("publish")):
        (staged.dir / name).unlink(missing_ok=True)
    os.replace(staged.dir / f"{old}.mp3", staged.path(f"{stem}.mp3"))
    episode = replace(episode, mp3=folder / f"{stem}.mp3", title=title)
    id3.write(staged.dir / f"{stem}.mp3", episode, settings.part("publish"))
    transcript.write(episode, settings.part("publish"), staged.path)
    return episode


def _stem_told(known: state.State, plan: daily.Plan) -> str:
    """The episode of the feed that told the plan's stories ("" when they were told in several)."""
    for stem in sorted({s.episode for s in known.spoken}, reverse=True):
        if plan.all_told(replace(known, spoken=tuple(s for s in known.spoken if s.episode == stem))):
            return stem
    return ""
