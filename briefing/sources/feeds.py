"""RSS and Atom feeds read as sources: their entries, with feedparser.

An entry carries its link, title and date, and the article's full text when
the feed includes it (``content:encoded``, Atom ``content``); otherwise the
article is read from its link.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from briefing.sources import controls
from briefing.errors import InputError

# Fewer words than this in an entry's content is a teaser, not the article.
FULL_TEXT_WORDS = 120

_FEED_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]",
    re.DOTALL | re.IGNORECASE,
)
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml", "application/x-rss+xml",
})


@dataclass(frozen=True)
class Entry:
    link: str | None
    title: str | None
    published: dt.date | None
    site: str | None  # the feed's own title
    full_text: str | None  # the article as the feed carries it (HTML), when it is the whole article


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes open like an RSS, RDF or Atom document."""
    return bool(_FEED_START.match(data[:4096]))


def entries(data: bytes, source: str, url: str | None = None) -> list[Entry]:
    """The entries of the feed in ``data``, in feed order.

    Raises ``InputError`` naming ``source`` when it is not a feed or has no entries.
    """
    headers = {"content-location": url} if url else {}
    # Bytes in a BytesIO: feedparser never treats them as a URL or a file name.
    import feedparser  # loaded only when a feed is read

    parsed = feedparser.parse(io.BytesIO(_without_bad_references(data)), response_headers=headers)
    site = _text(parsed.feed.get("title"))
    found = [
        Entry(
            link=(entry.get("link") or "").strip() or None,
            title=_text(entry.get("title")),
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            site=site,
            full_text=_full_text(entry),
        )
        for entry in parsed.entries
    ]
    # An entry with no link and no text (a truncated feed's last one) is nothing to read.
    usable = [e for e in found if e.link or e.full_text]
    if not usable:
        if parsed.bozo:
            problem = str(parsed.get("bozo_exception") or "").strip() or "malformed"
            raise InputError(source, f"is not a readable RSS/Atom feed ({problem})")
        if found:
            raise InputError(source, "is a feed whose entries have neither a link nor a text")
        raise InputError(source, "is a feed with no entries")
    return usable


_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _without_bad_references(data: bytes) -> bytes:
    """The feed without character references to what no text may hold
    (``briefing.controls``): feedparser fails outright on ``&#xD800;``.
    What such characters appear as themselves is dropped from the texts later."""

    def keep(match: re.Match[bytes]) -> bytes:
        hexa, decimal = match.groups()
        point = int(hexa, 16) if hexa else int(decimal)
        if 0x80 <= point <= 0x9F:  # read as Windows-1252, as browsers do (&#128; is €)
            return match[0]
        return match[0] if point <= 0x10FFFF and controls.clean(chr(point)) == chr(point) else b""

    return _REFERENCE.sub(keep, data)


def _full_text(entry) -> str | None:
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    for html in candidates:
        if html and len(paragraphs(html).split()) >= FULL_TEXT_WORDS:
            return html
    return None


_BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article")


def paragraphs(html: str) -> str:
    """The text of an HTML fragment, one block (paragraph, heading, item) per line."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(controls.clean(html))  # lxml refuses control characters
    except (ValueError, etree.ParserError):
        return ""
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return tree.text_content()


def _text(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value) -> dt.date | None:
    return dt.date(*value[:3]) if value else None
