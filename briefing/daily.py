"""The morning run: gather the day's new stories, make one episode, publish it.

Under the output folder's lock: check that feed.xml and the state can be
read; go through the sources (a source or a story that fails is reported and
skipped); leave out stories already told; fit the rest to the target length;
make the episode with the ``make`` pipeline; record it in the state; rebuild
the feed; remove the files of episodes past the retention count.
"""

from __future__ import annotations


from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import feed, lock, pipeline, site, sources, state
from briefing.config import Settings
from briefing.errors import BriefingError, InputError
from briefing.fetch import Fetch
from briefing.models import Article

Report = Callable[[str], None]
LOCK_WAIT_S = 15 * 60  # a run takes a few minutes; a second one waits for it that long
# Seconds besides the stories: jingles, greeting, headlines, goodbye (measured: 26 s with espeak).


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
    """Make today's episode from ``settings.sources`` and add it to the feed."""
    folder = settings.output
    if not settings.sources:
        raise BriefingError("no sources: list them under [stories] sources in briefing.toml")
    with lock.hold(folder, lock_wait_s, progress):
        feed.check(folder)
        known = state.load(folder)
        found = gather(settings.sources, known, fetch, settings.max_stories, progress, warn, settings=settings)
        voices = pipeline.choose_voices(settings, progress=progress)
        chosen = pipeline.fit([article for _, article in found], settings, voices.engine.name, settings.target_minutes,
                              warn, most=settings.summary_sentences)
        addresses = {article: url for url, article in found}
        stem = known.stem_for(settings.today)
        result = pipeline.make_from_facts(chosen, settings, progress, stem=stem, voices=voices)
        podcast_guid = known.podcast_guid or feed.podcast_guid(feed.feed_url(settings))
        record = state.EpisodeRecord(
            stem=stem,
            guid=feed.episode_guid(podcast_guid, stem),
            title=result.episode.title,
            published=settings.now,
            duration_ms=result.episode.duration_ms,
            stories=tuple(state.Story(f.headline, _link(f.article), f.article.site) for f in chosen),
        )
        told = [(addresses[f.article], f.article.title or f.headline) for f in chosen]
        updated, dropped = replace(known, podcast_guid=podcast_guid).add(record, told, settings.keep_episodes)
        state.save(folder, updated)
        progress("writing the feed")
        feed_path = feed.write(folder, updated, settings,
                               missing=lambda r: warn(f"{r.stem}.mp3 is missing; its episode is left out of the feed"))
        removed = tuple(path for old in dropped for path in feed.episode_files(folder, old.stem))
        for path in removed:
            path.unlink(missing_ok=True)
        if removed:
            site.write_index(folder, settings)  # the front page lists what is left
    return Daily(result=result, feed=feed_path, stories=tuple(f.article for f in chosen), removed=removed)


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
                pipeline.extract(article, settings)  # a story with nothing to tell is skipped here, not later
            except InputError as exc:
                warn(f"{exc} (skipped)")
                continue
            if known.has_spoken(None, article.title):  # the page's own title, now known
                told_before += 1
                continue
            if this_run.has_spoken(None, article.title):
                continue
            this_run = this_run.remember([(item.url, article.title or item.title)], episode="")
            found.append((item.url, article))
    if not found:
        again = f"; {told_before} already told in earlier episodes" if told_before else ""
        raise NothingNew(f"no new story to tell from {len(source_list)} source(s){again}")
    return found


def _link(article: Article) -> str | None:
    return article.source if article.source.lower().startswith(("http://", "https://")) else None
