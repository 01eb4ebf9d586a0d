"""What the daily briefing remembers, kept in the output folder.

``.briefing-state.json`` holds the episodes in the feed (everything the feed
needs to list them again) and the stories already spoken (their link and
normalised title), so no story is told twice. It is written atomically: a
crash leaves the previous state. ``feed.xml`` is rebuilt from it each run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import urllib.parse
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from briefing.errors import BriefingError
from briefing.files import write_text

STATE_NAME = ".briefing-state.json"
VERSION = 1


class StateError(BriefingError):
    """A state file that cannot be read; it is left as it is."""


@dataclass(frozen=True)
class Story:
    """One story of an episode, as the feed lists it."""

    title: str
    url: str | None = None  # its link, when it came from the web
    site: str | None = None


@dataclass(frozen=True)
class EpisodeRecord:
    """An episode in the feed."""

    stem: str  # its files: <stem>.mp3, <stem>.txt, <stem>.vtt…
    guid: str  # permanent; never changes once published
    title: str
    published: dt.datetime
    duration_ms: int
    stories: tuple[Story, ...] = ()


@dataclass(frozen=True)
class Spoken:
    """A story told in an episode: by its address and its normalised title."""

    url: str | None
    title: str | None
    episode: str  # the stem of the episode it was in


@dataclass(frozen=True)
class State:
    podcast_guid: str | None = None
    episodes: tuple[EpisodeRecord, ...] = ()  # oldest first
    spoken: tuple[Spoken, ...] = field(default=())

    def has_spoken(self, url: str | None, title: str | None) -> bool:
        """True when a story with this address or this title was told before."""
        url_key, title_key = url_key_of(url), title_key_of(title)
        return any(
            (url_key and s.url == url_key) or (title_key and s.title == title_key) for s in self.spoken
        )

    def stem_for(self, date: dt.date) -> str:
        """A file name for a new episode of ``date`` that no episode in the feed has."""
        taken = {e.stem for e in self.episodes}
        stem = f"briefing-{date.isoformat()}"
        number = 2
        while stem in taken:
            stem = f"briefing-{date.isoformat()}-{number}"
            number += 1
        return stem

    def remember(self, stories: list[tuple[str | None, str | None]], episode: str) -> State:
        """The state with these stories (address, title) told in ``episode``."""
        told = tuple(Spoken(url_key_of(u), title_key_of(t), episode) for u, t in stories)
        return replace(self, spoken=self.spoken + told)

    def add(self, episode: EpisodeRecord, stories: list[tuple[str | None, str | None]],
            keep: int) -> tuple[State, tuple[EpisodeRecord, ...]]:
        """The state with ``episode`` and its stories (address, title) added, and the episodes that leave the feed."""
        episodes = (*self.episodes, episode)
        cut = max(0, len(episodes) - keep)
        return replace(self.remember(stories, episode.stem), episodes=episodes[cut:]), episodes[:cut]


def url_key_of(url: str | None) -> str | None:
    """An address as compared: no fragment, no tracking parameters, host in lower case."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(url.strip())
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    )
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def title_key_of(title: str | None) -> str | None:
    """A title as compared: no accents, no case, no punctuation (« Été : l'orage » = « ete l orage »)."""
    if not title:
        return None
    plain = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", plain)
    return " ".join(words) or None


def load(folder: Path) -> State:
    """The state kept in ``folder``; an empty one when there is none yet."""
    path = folder / STATE_NAME
    if not path.exists():
        return State()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, this briefing reads version {VERSION}")
        return State(
            podcast_guid=data.get("podcast_guid"),
            episodes=tuple(
                EpisodeRecord(
                    stem=e["stem"], guid=e["guid"], title=e["title"],
                    published=dt.datetime.fromisoformat(e["published"]), duration_ms=int(e["duration_ms"]),
                    stories=tuple(Story(**s) for s in e.get("stories", [])),
                )
                for e in data.get("episodes", [])
            ),
            spoken=tuple(Spoken(**s) for s in data.get("spoken", [])),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StateError(f"{path}: cannot be read ({exc}); it is left untouched — fix or remove it") from None


def save(folder: Path, state: State) -> Path:
    """Write the state into ``folder`` atomically."""
    path = folder / STATE_NAME
    data = {
        "version": VERSION,
        "podcast_guid": state.podcast_guid,
        "episodes": [
            {**asdict(e), "published": e.published.isoformat(), "stories": [asdict(s) for s in e.stories]}
            for e in state.episodes
        ],
        "spoken": [asdict(s) for s in state.spoken],
    }
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return path
