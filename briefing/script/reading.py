"""Whole articles cut into parts for reading aloud: one part per sub-heading,
or per group of paragraphs when the article has none."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefing.french import sentences

PART_WORDS = 150  # a part without sub-heading gathers paragraphs up to about this many words
TITLE_WORDS = 7
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Part:
    title: str
    paragraphs: tuple[str, ...]
    heading: bool  # the title is the article's own sub-heading


def is_heading(paragraph: str) -> bool:
    """A short line without closing punctuation: a sub-heading."""
    words = paragraph.split()
    return 0 < len(words) <= _HEADING_MAX_WORDS and not re.search(r"[.!?…:;,»\"”)]$", paragraph.strip())


def parts(text: str) -> list[Part]:
    """The article's paragraphs, grouped for chapters."""
    out: list[Part] = []
    heading: str | None = None
    group: list[str] = []

    def close() -> None:
        nonlocal heading, group
        if group:
            out.append(Part(title=heading or _title_from(group[0]), paragraphs=tuple(group), heading=heading is not None))
        elif heading:  # a heading with nothing under it is read as a paragraph
            out.append(Part(title=heading, paragraphs=(heading,), heading=False))
        heading, group = None, []

    for paragraph in (p.strip() for p in text.splitlines()):
        if not paragraph:
            continue
        if is_heading(paragraph):
            close()
            heading = paragraph
            continue
        group.append(paragraph)
        if heading is None and sum(len(p.split()) for p in group) >= PART_WORDS:
            close()
    close()
    return out


def _title_from(paragraph: str) -> str:
    """A chapter title from a paragraph's first words: « Les deux dirigeants, proches alliés… »."""
    first = (sentences.split(paragraph) or [paragraph])[0].rstrip(" .!?…")
    words = first.split()
    if len(words) <= TITLE_WORDS:
        return first
    words = words[:TITLE_WORDS]
    while len(words) > 1 and words[-1].rstrip(".") in sentences.TITLES:  # never end on « M. »
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


def slug(text: str, words: int = 6) -> str:
    """« Le président russe… » → « le-president-russe-… », for file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(tokens[:words]) or "article"
