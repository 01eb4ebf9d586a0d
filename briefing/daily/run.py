"""The morning run: gather the day's new stories, make one episode, publish it.

Under the output folder's lock: finish or undo what a run that died left
behind; check that feed.xml and the state can be read; go through the
sources (a source or a story that fails is reported and skipped); leave out
stories already told; fit the rest to the target length; make the episode's
files out of sight; then publish in one order, each step atomic: the
episode's files, the feed, the state. Before the files go in place, the feed
is rendered (a feed that cannot be made stops the run with nothing changed)
and the state to come is written as a journal (``.briefing-state.next.json``):
a run killed after that point is finished by the next one, which then finds
the episode's files complete, or undone when they are not. Last, the files of
episodes past the retention count are removed.

Its steps (``open_feed``, ``gather`` with ``Picking``, ``plan_episode``,
``publish``) are also those of ``briefing editions`` (``briefing.editions``),
whose publishing holds the feed's lock of a cluster instead of the folder's.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import pipeline, tts

from briefing.publish import feed

from briefing.daily import lock

from briefing.script import render as script

from briefing.publish import site

from briefing.sources import articles as sources

from briefing.publish import staging

from briefing.publish import state
from briefing.config import Settings
from briefing.errors import BriefingError, InputError
from briefing.sources.fetch import Fetch
from briefing.files import check_writable_folder
from briefing.models import Article, Episode, Facts, Script

Report = Callable[[str], None]
LOCK_WAIT_S = 15 * 60  # a run takes a few minutes; a second one waits for it that long
JOURNAL = ".briefing-state.next.json"  # the state a run is about to publish


@dataclass(frozen=True)
class Daily:
    result: pipeline.Result
    feed: Path
    stories: tuple[Article, ...]
    removed: tuple[Path, ...]  # files of episodes that left the feed


class NothingNew(BriefingError):
    """No story is left to tell."""


@dataclass(frozen=True)
class Plan:
    """An episode to be made for a feed: its script (named) and the stories it tells."""

    script: Script
    chosen: tuple[Facts, ...]
    told: tuple[tuple[str | None, str | None, str | None], ...]  # each story's address, title and text
    base_title: str = ""  # the title before an edition's hour was added to tell it from an earlier one

    def all_told(self, known: state.State) -> bool:
        """Whether every story of this episode is told already in ``known`` (it was published)."""
        return all(known.has_spoken(*story) for story in self.told)


@dataclass(frozen=True)
class Published:
    files: tuple[Path, ...]  # the episode's files, then the folder's index
    feed: Path
    removed: tuple[Path, ...]  # files of episodes that left the feed


def run(settings: Settings, fetch: Fetch, progress: Report = lambda _: None, warn: Report = lambda _: None,
        lock_wait_s: float = LOCK_WAIT_S) -> Daily:
    """Make the episode of ``settings.today`` from ``settings.sources`` and add it to the feed."""
    folder = settings.output
    if not settings.sources:
        raise BriefingError("no sources: list them under [stories] sources in briefing.toml")
    check_writable_folder(folder)
    with lock.hold(folder, lock_wait_s, progress):
        known = open_feed(settings, warn)
        found = gather(settings.sources, known, fetch, settings.max_stories, progress, warn, settings=settings)
        voices = pipeline.choose_voices(settings, progress=progress)
        plan = plan_episode(found, known, settings, voices.engine.name, warn)
        cache = tts.open_cache(settings.part("voice"))
        takes = pipeline.voice(plan.script, settings, progress, voices=voices, cache=cache)
        with staging.Staging(folder) as staged:
            episode = pipeline.stage(takes, plan.script, settings, staged, progress)
            published = publish(staged, episode, plan, known, settings, progress, warn)
        pipeline.prune_cache(settings, cache)
    result = pipeline.Result(episode=episode, files=published.files)  # what is in the feed now
    return Daily(result=result, feed=published.feed, stories=tuple(f.article for f in plan.chosen),
                 removed=published.removed)


def open_feed(settings: Settings, warn: Report = lambda _: None) -> state.State:
    """The feed's state, once what a dead run left is finished or undone and
    ``feed.xml`` is known to be readable. Call it holding the folder's lock."""
    folder = settings.output
    recover(folder, settings, warn)
    feed.check(folder)
    known = state.load(folder)
    return replace(known, podcast_guid=known.podcast_guid or feed.podcast_guid(feed.feed_url(settings.part("publish"))))


def plan_episode(found: Sequence[tuple[str, Article]], known: state.State, settings: Settings, engine: str,
                 warn: Report = lambda _: None) -> Plan:
    """The episode of these stories: fitted to ``minutes`` for ``engine`` when set,
    with a file name and a title no episode of the feed ever had."""
    articles = [article for _, article in found]
    if settings.minutes is None:
        chosen = [pipeline.extract(article, settings, warn) for article in articles]
    else:
        chosen = pipeline.fit(articles, settings, engine, settings.minutes, warn, most=settings.summary_sentences)
    addresses = {article: url for url, article in found}
    the_script = script.render(chosen, settings.part("script"))
    base_title = the_script.title
    the_script = replace(the_script, stem=known.stem_for(settings.today, free=lambda s: not feed.episode_files(settings.output, s)),
                         title=known.title_for(the_script.title, settings.now))
    return Plan(script=the_script, chosen=tuple(chosen),
                told=tuple((addresses[f.article], _title(f), f.article.text) for f in chosen), base_title=base_title)


def publish(staged: staging.Staging, episode: Episode, plan: Plan, known: state.State, settings: Settings,
            progress: Report = lambda _: None, warn: Report = lambda _: None,
            confirm: Callable[[], None] = lambda: None) -> Published:
    """Put a staged episode in the feed, holding the feed's lock (``known`` is
    its state, read under it). The feed is rendered first, then the state to
    come is written as a journal, then, each atomic: the episode's files, the
    feed, the state; last, the files of episodes past the retention count go.
    ``confirm`` is called just before the journal (the first change to the
    folder): it raises when the lock is no longer held, and nothing changes."""
    folder = settings.output
    updated, dropped = known.add(_record(episode, known, plan.chosen, settings), list(plan.told), settings.keep_episodes)
    progress("writing the feed")
    rendered = feed.render_for(folder, updated, settings.part("publish"), locate=staged.locate, missing=lambda r: warn(
        f"{r.stem}.mp3 is missing; its episode is left out of the feed"))
    confirm()
    state.save(folder, updated, JOURNAL)
    files = staged.commit()
    feed_path = feed.write_bytes(folder, rendered)
    os.replace(folder / JOURNAL, folder / state.STATE_NAME)
    removed = _remove(folder, dropped)
    return Published(files=(*files, site.write_index(folder, settings.part("publish"))), feed=feed_path, removed=removed)


def _record(episode: Episode, known: state.State, chosen: Sequence[Facts], settings: Settings) -> state.EpisodeRecord:
    stem = episode.mp3.stem
    return state.EpisodeRecord(
        stem=stem,
        guid=feed.episode_guid(known.podcast_guid, stem),
        title=episode.title,
        published=settings.now,
        duration_ms=episode.duration_ms,
        stories=tuple(state.Story(f.headline, _link(f.article), f.article.site) for f in chosen),
    )


def _title(found: Facts) -> str:
    """What a story is known by: its page's title, else its headline (a text file has no title)."""
    return found.article.title or found.headline


def _remove(folder: Path, episodes: Sequence[state.EpisodeRecord]) -> tuple[Path, ...]:
    removed = tuple(path for old in episodes for path in feed.episode_files(folder, old.stem))
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def recover(folder: Path, settings: Settings, warn: Report = lambda _: None) -> None:
    """Finish or undo what a run that died in ``folder`` left: staged files
    (``staging.recover``), then a journal. A journal whose new episodes' MP3s
    are in place is published (feed, then state); one whose are not is
    undone: their files removed, their names never given again."""
    staging.recover(folder)
    journal = folder / JOURNAL
    if not journal.exists():
        return
    current = state.load(folder)
    try:
        upcoming = state.load(folder, JOURNAL)
    except state.StateError:
        journal.unlink(missing_ok=True)
        return
    before = {e.stem for e in current.episodes}
    new = [e for e in upcoming.episodes if e.stem not in before]
    if new and all((folder / f"{e.stem}.mp3").is_file() for e in new):
        feed.write_bytes(folder, feed.render_for(folder, upcoming, settings.part("publish")))
        os.replace(journal, folder / state.STATE_NAME)
        kept = {e.stem for e in upcoming.episodes}
        _remove(folder, [e for e in current.episodes if e.stem not in kept])
        warn(f"the last run was stopped while publishing; its episode {', '.join(e.stem for e in new)} is published now")
    else:
        _remove(folder, new)
        state.save(folder, current.retire({e.stem for e in new}))
        with contextlib.suppress(FileNotFoundError):
            journal.unlink()
    site.write_index(folder, settings.part("publish"))


def gather(source_list: Sequence[str], known: state.State, fetch: Fetch, limit: int,
           progress: Report, warn: Report, *, settings: Settings) -> list[tuple[str, Article]]:
    """Up to ``limit`` new stories, in source order, each with its address.
    A source or a story that fails is reported through ``warn`` and skipped.
    """
    picking = Picking(known, limit)
    for source in source_list:
        if picking.full:
            break
        for item in find(source, fetch, progress, warn):
            if picking.full:
                break
            if not picking.wanted(item):
                continue
            progress(f"reading {item.source}")
            try:
                article = item.read()
                facts = pipeline.extract(article, settings)  # a story with nothing to tell is skipped here, not later
            except InputError as exc:
                warn(f"{exc} (skipped)")
                continue
            picking.offer(item, article, facts)
    return picking.found(len(source_list))


def find(source: str, fetch: Fetch, progress: Report, warn: Report) -> list[sources.Item]:
    """The stories of one source; none, said through ``warn``, when it cannot be used."""
    progress(f"looking in {source}")
    try:
        return sources.find(source, fetch)
    except InputError as exc:
        warn(f"{exc} (skipped)")
        return []


class Picking:
    """The new stories of an episode, offered in source order: a story told in
    an earlier episode of the feed, or already taken, is left out, by its
    address and title before it is read, and by its title and words after."""

    def __init__(self, known: state.State, limit: int) -> None:
        self.known = known
        self.limit = limit
        self.taken: list[tuple[str, Article]] = []
        self.told_before = 0
        self.this_run = state.State()  # so two sources do not give the same story twice

    @property
    def full(self) -> bool:
        return len(self.taken) >= self.limit

    def wanted(self, item: sources.Item) -> bool:
        """Whether ``item`` is worth reading: not known to be told before, nor taken."""
        if self.known.has_spoken(item.url, item.title):
            self.told_before += 1
            return False
        return not self.this_run.has_spoken(item.url, item.title)

    def offer(self, item: sources.Item, article: Article, facts: Facts) -> bool:
        """Take a story once read, unless its title or words were told before; whether it was taken."""
        # now known: the page's title (or the headline of a text), and the words
        if self.known.has_spoken(None, _title(facts), article.text):
            self.told_before += 1
            return False
        if self.full or self.this_run.has_spoken(None, _title(facts), article.text):
            return False
        self.this_run = self.this_run.remember([(item.url, _title(facts), article.text)], episode="")
        self.taken.append((item.url, article))
        return True

    def found(self, sources_count: int) -> list[tuple[str, Article]]:
        """The stories taken; ``NothingNew`` when there is none."""
        if not self.taken:
            again = f"; {self.told_before} already told in earlier episodes" if self.told_before else ""
            raise NothingNew(f"no new story to tell from {sources_count} source(s){again}")
        return self.taken


def _link(article: Article) -> str | None:
    return article.source if article.source.lower().startswith(("http://", "https://")) else None
