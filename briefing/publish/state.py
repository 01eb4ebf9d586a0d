"""What the daily briefing remembers, kept in the output folder.

``.briefing-state.json`` holds the episodes in the feed (everything the feed
needs to list them again), every file name ever given to an episode (so no
name, and no guid, is ever given twice), and the stories already spoken
(their link, normalised title and a digest of their text), so no story is
told twice. It is written atomically: a crash leaves the previous state.
``feed.xml`` is rebuilt from it each run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from briefing.errors import BriefingError
from briefing.files import write_text

STATE_NAME = ".briefing-state.json"
VERSION = 2
READS = (1, 2)  # version 1 had no stems and no digests: they are found again from what it kept


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
    """A story told in an episode: by its address, its normalised title and its text's digest."""

    url: str | None
    title: str | None
    episode: str  # the stem of the episode it was in
    digest: str | None = None  # of its words (``text_key_of``): the same article under any name


@dataclass(frozen=True)
class State:
    podcast_guid: str | None = None
    episodes: tuple[EpisodeRecord, ...] = ()  # oldest first
    spoken: tuple[Spoken, ...] = field(default=())
    stems: frozenset[str] = frozenset()  # every file name an episode was ever given, in the feed or gone
    titles: frozenset[str] = frozenset()  # every title an episode was ever given (apps keep old rows)

    def has_spoken(self, url: str | None, title: str | None, text: str | None = None) -> bool:
        """True when a story with this address, this title or these words was told before."""
        url_key, title_key, digest = url_key_of(url), title_key_of(title), text_key_of(text)
        return any(
            (url_key and s.url == url_key) or (title_key and s.title == title_key) or (digest and s.digest == digest)
            for s in self.spoken
        )

    @property
    def used_stems(self) -> frozenset[str]:
        """Every name an episode of this feed has had: never given again, nor its guid."""
        return self.stems | {e.stem for e in self.episodes} | {s.episode for s in self.spoken if s.episode}

    def stem_for(self, date: dt.date, free: Callable[[str], bool] = lambda _: True) -> str:
        """A file name for a new episode of ``date`` that no episode ever had,
        and that ``free`` accepts (no file of that name in the folder, say)."""
        return free_stem(f"briefing-{date.isoformat()}", self.used_stems, free)

    def title_for(self, base: str, now: dt.datetime) -> str:
        """``base`` (« Le Briefing du lundi 30 novembre 2026 »), or, when an
        episode of the feed ever had it, the same with the edition's hour:
        « …, édition de 18 h », then « …, édition de 18 h 05 », then numbered."""
        taken = self.titles | {e.title for e in self.episodes}
        hour = f"{base}, édition de {now.hour} h"
        candidates = [base, hour, f"{hour} {now.minute:02d}"]
        for title in candidates:
            if title not in taken:
                return title
        number = 2
        while f"{candidates[-1]} ({number})" in taken:
            number += 1
        return f"{candidates[-1]} ({number})"

    def remember(self, stories: list[tuple[str | None, str | None, str | None]], episode: str) -> State:
        """The state with these stories (address, title, text) told in ``episode``."""
        told = tuple(Spoken(url_key_of(u), title_key_of(t), episode, text_key_of(x)) for u, t, x in stories)
        return replace(self, spoken=self.spoken + told)

    def add(self, episode: EpisodeRecord, stories: list[tuple[str | None, str | None, str | None]],
            keep: int) -> tuple[State, tuple[EpisodeRecord, ...]]:
        """The state with ``episode`` and its stories (address, title, text) added, and the episodes that leave the feed."""
        episodes = (*self.episodes, episode)
        cut = max(0, len(episodes) - keep)
        told = self.remember(stories, episode.stem)
        titles = self.titles | {e.title for e in self.episodes} | {episode.title}
        return replace(told, episodes=episodes[cut:], stems=self.used_stems | {episode.stem}, titles=titles), episodes[:cut]

    def retire(self, stems: set[str]) -> State:
        """The state with ``stems`` never to be given again (an episode that was begun, not finished)."""
        return replace(self, stems=self.used_stems | stems)


def free_stem(base: str, taken: frozenset[str], free: Callable[[str], bool] = lambda _: True) -> str:
    """``base``, or ``base-2``, ``base-3``…: the first not ``taken`` that ``free`` accepts."""
    stem, number = base, 2
    while stem in taken or not free(stem):
        stem, number = f"{base}-{number}", number + 1
    return stem


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


def text_key_of(text: str | None) -> str | None:
    """An article's words as compared, whatever its file's name, layout or
    punctuation: the SHA-256 of its normalised words (as for titles)."""
    words = title_key_of(text)
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32] if words else None


def load(folder: Path, name: str = STATE_NAME) -> State:
    """The state kept in ``folder`` (or its file ``name``); an empty one when there is none yet."""
    path = folder / name
    if not path.exists():
        return State()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") not in READS:
            raise ValueError(f"version {data.get('version')!r}, this briefing reads versions {READS[0]} to {READS[-1]}")
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
            stems=frozenset(data.get("stems", [])),
            titles=frozenset(data.get("titles", [])),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StateError(f"{path}: cannot be read ({exc}); it is left untouched — fix or remove it") from None


def save(folder: Path, state: State, name: str = STATE_NAME) -> Path:
    """Write the state into ``folder`` (as its file ``name``) atomically."""
    path = folder / name
    data = {
        "version": VERSION,
        "podcast_guid": state.podcast_guid,
        "episodes": [
            {**asdict(e), "published": e.published.isoformat(), "stories": [asdict(s) for s in e.stories]}
            for e in state.episodes
        ],
        "spoken": [asdict(s) for s in state.spoken],
        "stems": sorted(state.used_stems),
        "titles": sorted(state.titles | {e.title for e in state.episodes}),
    }
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return path
