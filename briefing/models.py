"""The values that travel between stages. All are immutable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pydub is heavy; only the type is needed here.
    from pydub import AudioSegment


@dataclass(frozen=True)
class Article:
    """An article's clean text and what is known about where it came from."""

    source: str  # the path or URL it was read from, as the user named it
    text: str  # clean body text, one paragraph per line, page noise removed
    title: str | None = None
    published: dt.date | None = None
    site: str | None = None


@dataclass(frozen=True)
class Facts:
    """The key facts of one article."""

    article: Article
    headline: str
    lead: str
    summary: tuple[str, ...]
    sentences: tuple[str, ...]


SegmentKind = Literal["intro", "story", "outro"]


@dataclass(frozen=True)
class Segment:
    """One piece of the script, voiced in one engine call.

    ``text`` is the written French a reader sees in the transcript;
    ``spoken`` is the same words made speakable, exactly what the voice gets.
    """

    kind: SegmentKind
    title: str
    text: str
    spoken: str


@dataclass(frozen=True)
class Script:
    date: dt.date
    show: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Take:
    """A segment and its synthesized audio."""

    segment: Segment
    audio: AudioSegment
    engine: str


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int
    kind: SegmentKind | Literal["jingle"] = "story"


@dataclass(frozen=True)
class Episode:
    """The finished MP3 and the timing of what is in it."""

    mp3: Path
    title: str
    date: dt.date
    duration_ms: int
    chapters: tuple[Chapter, ...]
    segments: tuple[Segment, ...] = field(default=())
