"""The podcast feed, ``feed.xml`` in the output folder: RSS 2.0 with the
iTunes and Podcasting 2.0 namespaces, built with feedgen.

The feed is rebuilt from the state's episodes each time, so every earlier
episode stays in it. Each item links the files found beside its MP3 at that
moment: transcripts (``.vtt``, ``.html``, ``.txt``, ``.srt``) and chapters
(``.chapters.json``). A ``feed.xml`` that no longer parses is never replaced.
"""

from __future__ import annotations

import html
import urllib.parse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator
from lxml import etree

from briefing import __version__

from briefing.publish import cover
from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.publish.feedext import ItunesExplicitExtension, PodcastIndexEntryExtension, PodcastIndexExtension
from briefing.files import atomic_path

if TYPE_CHECKING:
    from briefing.publish.state import EpisodeRecord, State

FEED_NAME = "feed.xml"
# The Podcasting 2.0 spec: podcast:guid is a UUIDv5 of the feed URL in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
TRANSCRIPTS = ((".vtt", "text/vtt", "captions"), (".srt", "application/x-subrip", "captions"),
               (".html", "text/html", None), (".txt", "text/plain", None))
CHAPTERS = (".chapters.json",)
# Every file an episode may have beside it: removed with it when it leaves the feed.
EPISODE_SUFFIXES = (".mp3", *(s for s, _, _ in TRANSCRIPTS), *CHAPTERS, ".json")


class FeedError(BriefingError):
    """A feed.xml that cannot be updated; it is left as it is."""


def check(folder: Path) -> None:
    """Raise ``FeedError`` if ``folder/feed.xml`` exists and is not a readable RSS feed."""
    path = folder / FEED_NAME
    if not path.exists():
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise FeedError(f"{path}: no longer parses as XML ({exc}); it is left untouched: "
                        "repair it, or move it away to start a new feed") from None
    if root.tag != "rss":
        raise FeedError(f"{path}: is not an RSS feed (its root is <{root.tag}>); it is left untouched")


def feed_url(settings: Settings) -> str:
    return urllib.parse.urljoin(settings.base_url, FEED_NAME)


def podcast_guid(url: str) -> str:
    """The Podcasting 2.0 guid of a feed URL: UUIDv5 of it without scheme and trailing slashes."""
    bare = url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def episode_guid(podcast: str, stem: str) -> str:
    """An episode's permanent guid: from the podcast's guid and the episode's file name."""
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(podcast), stem)}"


def episode_files(folder: Path, stem: str) -> list[Path]:
    """The files of one episode present in ``folder``."""
    return [folder / f"{stem}{suffix}" for suffix in EPISODE_SUFFIXES if (folder / f"{stem}{suffix}").exists()]


def render(state: State, settings: Settings, folder: Path, cover_url: str,
           missing: Callable[[EpisodeRecord], None] = lambda _: None,
           locate: Callable[[str], Path] | None = None) -> bytes:
    """The feed's XML. Episodes whose MP3 is gone are left out (and passed to ``missing``).

    ``locate`` finds an episode's file by name (default: in ``folder``); a run
    renders the feed with its new episode still staged, before anything is
    put in place, so a feed that cannot be made changes nothing.
    """
    find = locate or (lambda name: folder / name)
    base = settings.base_url
    author = settings.podcast_author
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.register_extension("itunes_explicit", ItunesExplicitExtension)

    fg.title(settings.show)
    fg.link(href=feed_url(settings), rel="self")
    fg.link(href=base, rel="alternate")  # the last link is the RSS <link>
    fg.description(settings.description or settings.show)
    fg.language(settings.language)
    fg.generator("briefing", version=__version__)
    fg.lastBuildDate(settings.now)
    fg.image(url=cover_url, title=settings.show, link=base)
    fg.podcast.itunes_author(author)
    if settings.email:
        fg.podcast.itunes_owner(name=author, email=settings.email)
    fg.podcast.itunes_image(cover_url)
    fg.podcast.itunes_category("News")
    fg.podcast.itunes_type("episodic")
    fg.itunes_explicit.explicit(False)
    fg.podcastindex.guid(state.podcast_guid or podcast_guid(feed_url(settings)))
    fg.podcastindex.locked(settings.locked, owner=settings.email)

    for record in state.episodes:  # oldest first; each is put before the previous one
        mp3 = find(f"{record.stem}.mp3")
        if not mp3.is_file():
            missing(record)
            continue
        entry = fg.add_entry(order="prepend")
        entry.title(record.title)
        entry.guid(record.guid, permalink=False)
        entry.pubDate(record.published)
        entry.description(_description(record))
        entry.enclosure(_url(base, f"{record.stem}.mp3"), str(mp3.stat().st_size), "audio/mpeg")
        entry.podcast.itunes_duration(_duration(record.duration_ms))
        entry.podcast.itunes_episode_type("full")
        for suffix, kind, rel in TRANSCRIPTS:
            if find(f"{record.stem}{suffix}").is_file():
                entry.podcastindex.transcript(_url(base, f"{record.stem}{suffix}"), kind, settings.language, rel)
        for suffix in CHAPTERS:
            if find(f"{record.stem}{suffix}").is_file():
                entry.podcastindex.chapters(_url(base, f"{record.stem}{suffix}"))
                break
        if find(f"{record.stem}.html").is_file():
            entry.link(href=_url(base, f"{record.stem}.html"))
    return fg.rss_str(pretty=True)


def write(folder: Path, state: State, settings: Settings,
          missing: Callable[[EpisodeRecord], None] = lambda _: None) -> Path:
    """Write ``folder/feed.xml`` atomically, with the cover it names."""
    return write_bytes(folder, render_for(folder, state, settings, missing))


def render_for(folder: Path, state: State, settings: Settings,
               missing: Callable[[EpisodeRecord], None] = lambda _: None,
               locate: Callable[[str], Path] | None = None) -> bytes:
    """The feed of ``folder``'s episodes as ``state`` lists them, its cover
    published; checked to parse before anything is written."""
    check(folder)  # never replace a feed the user may still want to repair
    try:
        return render(state, settings, folder, cover.publish(settings, folder), missing, locate)
    except ValueError as exc:  # feedgen refuses what XML cannot hold
        raise FeedError(f"{folder / FEED_NAME}: cannot be made ({exc}); the previous feed is kept") from None


def write_bytes(folder: Path, data: bytes) -> Path:
    """Put a feed made by :func:`render_for` in place, atomically."""
    path = folder / FEED_NAME
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def _url(base: str, name: str) -> str:
    return urllib.parse.urljoin(base, urllib.parse.quote(name))


def _duration(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _description(record: EpisodeRecord) -> str:
    """The story list as HTML; every piece of article text escaped."""
    items = []
    for story in record.stories:
        title = html.escape(story.title, quote=False)
        if story.url and story.url.startswith(("http://", "https://")):
            title = f'<a href="{html.escape(story.url)}">{title}</a>'
        site = f" ({html.escape(story.site, quote=False)})" if story.site else ""
        items.append(f"<li>{title}{site}</li>")
    return f"<p>{html.escape(record.title, quote=False)}. Au sommaire :</p><ol>{''.join(items)}</ol>"
