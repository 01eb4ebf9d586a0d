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
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import feed, lock, pipeline, script, site, sources, staging, state
from briefing.config import Settings
from briefing.errors import BriefingError, InputError
from briefing.fetch import Fetch
from briefing.files import check_writable_folder
from briefing.models import Article, Episode, Facts

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


def run(settings: Settings, fetch: Fetch, progress: Report = lambda _: None, warn: Report = lambda _: None,
        lock_wait_s: float = LOCK_WAIT_S) -> Daily:
    """Make the episode of ``settings.today`` from ``settings.sources`` and add it to the feed."""
    folder = settings.output
    if not settings.sources:
        raise BriefingError("no sources: list them under [stories] sources in briefing.toml")
    check_writable_folder(folder)
    with lock.hold(folder, lock_wait_s, progress):
        recover(folder, settings, warn)
        feed.check(folder)
        known = state.load(folder)
        found = gather(settings.sources, known, fetch, settings.max_stories, progress, warn, settings=settings)
        voices = pipeline.choose_voices(settings, progress=progress)
        chosen = pipeline.fit([article for _, article in found], settings, voices.engine.name, settings.target_minutes,
                              warn, most=settings.summary_sentences)
        addresses = {article: url for url, article in found}
        known = replace(known, podcast_guid=known.podcast_guid or feed.podcast_guid(feed.feed_url(settings)))
        the_script = script.render(chosen, settings)
        the_script = replace(the_script, stem=known.stem_for(settings.today, free=lambda s: not feed.episode_files(folder, s)),
                             title=known.title_for(the_script.title, settings.now))
        told = [(addresses[f.article], _title(f), f.article.text) for f in chosen]
        publishing: dict[str, object] = {}

        def before_commit(episode: Episode, staged: staging.Staging) -> None:
            updated, dropped = known.add(_record(episode, known, chosen, settings), told, settings.keep_episodes)
            progress("writing the feed")
            publishing["feed"] = feed.render_for(folder, updated, settings, locate=staged.locate, missing=lambda r: warn(
                f"{r.stem}.mp3 is missing; its episode is left out of the feed"))
            publishing["dropped"] = dropped
            state.save(folder, updated, JOURNAL)

        made = pipeline.produce(the_script, settings, progress, voices=voices, warn=warn, before_commit=before_commit,
                                index=False)
        feed_path = feed.write_bytes(folder, publishing["feed"])
        os.replace(folder / JOURNAL, folder / state.STATE_NAME)
        removed = _remove(folder, publishing["dropped"])
        result = replace(made, files=(*made.files, site.write_index(folder, settings)))  # what is in the feed now
    return Daily(result=result, feed=feed_path, stories=tuple(f.article for f in chosen), removed=removed)


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
        feed.write_bytes(folder, feed.render_for(folder, upcoming, settings))
        os.replace(journal, folder / state.STATE_NAME)
        kept = {e.stem for e in upcoming.episodes}
        _remove(folder, [e for e in current.episodes if e.stem not in kept])
        warn(f"the last run was stopped while publishing; its episode {', '.join(e.stem for e in new)} is published now")
    else:
        _remove(folder, new)
        state.save(folder, current.retire({e.stem for e in new}))
        with contextlib.suppress(FileNotFoundError):
            journal.unlink()
    site.write_index(folder, settings)


def gather(source_list: Sequence[str], known: state.State, fetch: Fetch, limit: int,
           progress: Report, warn: Report, *, settings: Settings) -> list[tuple[str, Article]]:
    """Up to ``limit`` new stories, in source order, each with its address.
    A source or a story that fails is reported through ``warn`` and skipped.
    """
    found: list[tuple[str, Article]] = []
    told_before = 0
    this_run = state.State()  # so two sources do not give the same story twice
    for source in source_list:
        if len(found) >= limit:
            break
        progress(f"looking in {source}")
        try:
            items = sources.find(source, fetch)
        except InputError as exc:
            warn(f"{exc} (skipped)")
            continue
        for item in items:
            if len(found) >= limit:
                break
            if known.has_spoken(item.url, item.title):
                told_before += 1
                continue
            if this_run.has_spoken(item.url, item.title):
                continue
            progress(f"reading {item.source}")
            try:
                article = item.read()
                facts = pipeline.extract(article, settings)  # a story with nothing to tell is skipped here, not later
            except InputError as exc:
                warn(f"{exc} (skipped)")
                continue
            # now known: the page's title (or the headline of a text), and the words
            if known.has_spoken(None, _title(facts), article.text):
                told_before += 1
                continue
            if this_run.has_spoken(None, _title(facts), article.text):
                continue
            this_run = this_run.remember([(item.url, _title(facts), article.text)], episode="")
            found.append((item.url, article))
    if not found:
        again = f"; {told_before} already told in earlier episodes" if told_before else ""
        raise NothingNew(f"no new story to tell from {len(source_list)} source(s){again}")
    return found


def _link(article: Article) -> str | None:
    return article.source if article.source.lower().startswith(("http://", "https://")) else None
