"""The values that travel between stages. All are immutable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
class Person:
    """A person the article names: the full name as first written, honorific left out."""

    name: str
    roles: tuple[str, ...] = ()  # « député », « gouverneur par intérim », as the article says
    aliases: tuple[str, ...] = ()  # other ways the article names them: « M. Poutine »

    @property
    def role(self) -> str | None:
        return ", ".join(self.roles) or None


@dataclass(frozen=True)
class Entity:
    """A place or an organisation the article names."""

    name: str
    aliases: tuple[str, ...] = ()  # « ARS » for Agence Régionale de Santé, « Parisien »


@dataclass(frozen=True)
class DateMention:
    """A date as written and what it resolves to against the publication date.

    ``iso`` is an ISO 8601 date of the precision the text gives: « 2024-12-06 »,
    « 2025-09 », « 2018 », or an interval « 2020-02-20/2020-02-21 ».
    """

    text: str
    iso: str


@dataclass(frozen=True)
class Figure:
    """A number and what it counts: « 800 kilomètres carrés »."""

    text: str
    value: float
    counts: str  # « kilomètres carrés »; empty when the text says nothing
    # The article's sentence that says it, when that sentence stands alone and so
    # says what the figure counts (« La Russie affirme avoir repris 800 kilomètres
    # carrés dans la région de Koursk. »); empty when it leans on another sentence.
    sentence: str = ""


@dataclass(frozen=True)
class Quote:
    """Words quoted between « » (or straight quotes) and who said them."""

    text: str
    speaker: str | None  # the canonical name (a person or an organisation), None when not said
    cue: str | None = None  # how the article attributes it: « a déclaré M. Poutine »


@dataclass(frozen=True)
class Attribution:
    """A source the article credits: « a rapporté l'agence de presse TASS »."""

    source: str
    text: str


@dataclass(frozen=True)
class Facts:
    """The key facts of one article."""

    article: Article
    headline: str
    lead: str
    summary: tuple[str, ...]
    sentences: tuple[str, ...]
    people: tuple[Person, ...] = ()
    places: tuple[Entity, ...] = ()
    organisations: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attribution: tuple[Attribution, ...] = ()
    # The date relative dates were resolved against, and whether it is the run's
    # date because the article has none.
    reference_date: dt.date | None = None
    dated_by_run: bool = False
    warnings: tuple[str, ...] = ()


SegmentKind = Literal["intro", "story", "outro"]


@dataclass(frozen=True)
class Line:
    """One sentence of the script: as a reader sees it, and as the voice gets it."""

    text: str  # written French: « M. Poutine », « 6 décembre »
    spoken: str  # the same words made speakable: « Monsieur Poutine », « six décembre »


@dataclass(frozen=True)
class Segment:
    """One piece of the script (intro, a story, outro): a chapter of the episode."""

    kind: SegmentKind
    title: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def spoken(self) -> str:
        return " ".join(line.spoken for line in self.lines)


@dataclass(frozen=True)
class Script:
    """What will be said, and what the episode is called."""

    date: dt.date
    show: str
    title: str  # the episode's title: « Le Briefing du mardi 24 novembre 2026 »
    stem: str  # its files' name: « briefing-2026-11-24 »
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Span:
    """A stretch of audio, in milliseconds."""

    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Take:
    """A segment and its synthesized audio; ``spans`` says where each line is in it."""

    segment: Segment
    audio: AudioSegment
    engine: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Cue:
    """A line of the episode and when it is heard, measured from the mixed audio."""

    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int
    kind: SegmentKind


@dataclass(frozen=True)
class Episode:
    """The finished MP3 and the timing of what is in it."""

    mp3: Path
    title: str
    date: dt.date
    duration_ms: int
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]
    segments: tuple[Segment, ...]
    show: str
