"""Reading articles from their sources, cleaned of page noise.

A source is a text file, an HTML page (a file or an http(s) URL), an RSS/Atom
feed (a file or a URL), or a folder of such files. ``find`` lists the stories
a source holds without reading them all (a feed's entries are known by link
and title before their pages are fetched); ``Item.read`` reads one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from briefing.sources import feeds as newsfeeds

from briefing.sources import pages
from briefing.sources.controls import clean, clean_optional
from briefing.errors import InputError
from briefing.sources.fetch import Fetch, Page, is_url
from briefing.files import read_regular
from briefing.models import Article

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few kB; 5 MB is not an article
FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".xml", ".rss", ".atom")

# Lines that are page furniture, not article text. Each is matched against a
# whole stripped line.
NOISE_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r".*\(\s*sources?\s*:[^)]*\)\s*\|?",  # photo caption: "… (Source : Reuters) |"
        r"comments?\s*\(\d+\)",  # "Comment (0)"
        r"commentaires?\s*\(\d+\)",
        r"lire (aussi|également)\s*:?.*",
        r"(partager|partagez)( (sur|cet article|l'article).*)?",
        r"(abonnez-vous|s'abonner|inscrivez-vous à notre newsletter).*",
        r"(crédits? photo|crédits?|photo|illustration|image)\s*:.*",  # image credits
        r"(©|\(c\)|copyright)\s*.*",
        r".*\|\s*(photo|crédits?)\s*:?\s*[\w .,/'-]+",  # "… | Photo AFP"
        r"publicité",
        # Bylines: "Par Jean Dupont", "Par la rédaction avec AFP", "Publié le …", "Mis à jour le …".
        r"par\s+(la rédaction|(?-i:[A-ZÀ-Þ][\w'-]+(\s+[A-ZÀ-Þ][\w'-]+){0,3}))(\s+(avec|et)\s+[\w .-]+)?",
        r"propos recueillis par\s+.*",
        r"(partager|partagez|suivez-nous)\s+(sur\s+)?(facebook|twitter|x|linkedin|whatsapp|instagram|par e-?mail)\b.*",
        # a byline: "6Medias, publié le dimanche 03 mai 2020 à 20h00" (no full stop)
        r"[^.!?]{0,80},?\s+(publié|mis à jour|modifié)\s+le\s+[^.!?]{0,60}",
    )
)

_BULLET = re.compile(r"^\s*[*•·–-]\s+")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,])(?=\s|$)")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype html|<html|<head|<body)", re.IGNORECASE | re.DOTALL)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Item:
    """A story found in a source, read when asked. Its texts are clean (``briefing.controls``)."""

    source: str  # names it in messages: a path or a URL
    url: str  # its address: the article's link, or the file's file:// URL
    title: str | None  # known before reading when a feed gives it
    read: Callable[[], Article]  # a partial of this module's functions: an item can be sent to another process

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", clean(self.url))
        object.__setattr__(self, "title", clean_optional(self.title))


def _article(source: str, text: str, title: str | None = None, published=None, site: str | None = None) -> Article:
    """The one way an article is made here: every text from outside cleaned where it enters."""
    return Article(source=clean(source), text=clean(text), title=clean_optional(title), published=published,
                   site=clean_optional(site))


def find(source: str | Path, fetch: Fetch) -> list[Item]:
    """The stories in one source, in order. Only URLs and feeds touch the network.

    Raises ``InputError`` naming the source when it cannot be used at all.
    """
    name = str(source)
    if is_url(name):
        return _find_url(name, fetch)
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
        if not files:
            raise InputError(name, f"is a folder with no article files ({', '.join(FOLDER_SUFFIXES)})")
        return [item for file in files for item in find(file, fetch)]
    data = _read_bytes(path, name)
    if newsfeeds.looks_like_feed(data):
        return _feed_items(data, name, None, fetch)
    return [Item(source=name, url=path.resolve().as_uri(), title=None, read=partial(article, data, name))]


def load(inputs: Iterable[str | Path], fetch: Fetch, progress: Progress = lambda _: None) -> list[Article]:
    """Every article of every input, in order; the first that fails stops it all."""
    articles = []
    for source in inputs:
        for item in find(source, fetch):
            progress(f"reading {item.source}")
            articles.append(item.read())
    return articles


def read(source: str | Path) -> Article:
    """Read one article from a local file: plain text, or an HTML page.

    Raises ``InputError`` naming the file when it is missing, a folder, empty,
    binary, too large, or holds no article text.
    """
    name = str(source)
    path = Path(source)
    if path.is_dir():
        raise InputError(name, "is a folder, not an article file")
    return article(_read_bytes(path, name), name)


def article(data: bytes, name: str, url: str | None = None, charset: str | None = None) -> Article:
    """An article from a file's or a page's bytes: HTML is extracted, text is decoded."""
    text = clean(decode(data, name, charset))
    if _HTML_START.match(text[:4096]):
        page = pages.extract(text, name, url)
        found = _article(name, page.text, page.title, page.published, page.site)
    else:
        found = _article(name, text)
    body = clean_text(found.text)
    if not body:
        raise InputError(name, "holds no article text (only page noise)")
    return _article(found.source, body, found.title, found.published, found.site)


def _read_bytes(path: Path, name: str) -> bytes:
    if path.is_dir():
        raise InputError(name, "is a folder, not an article file")
    return read_regular(path, name, MAX_BYTES)


def _find_url(url: str, fetch: Fetch) -> list[Item]:
    page = fetch(url)
    if page.content_type in newsfeeds.FEED_TYPES or newsfeeds.looks_like_feed(page.body):
        return _feed_items(page.body, url, page.url, fetch)
    return [Item(source=url, url=page.url, title=None, read=partial(_page_article, page, url))]


def _page_article(page: Page, name: str) -> Article:
    if not page.content_type.startswith("text/") and page.content_type != "application/xhtml+xml":
        raise InputError(name, f"is not an article page (it is {page.content_type})")
    return article(page.body, name, url=page.url, charset=page.charset)


def _feed_items(data: bytes, name: str, url: str | None, fetch: Fetch) -> list[Item]:
    items = []
    for number, entry in enumerate(newsfeeds.entries(data, name, url), start=1):
        source = entry.link or f"{name} (entry {number})"
        items.append(Item(source=source, url=entry.link or f"{url or name}#{number}", title=entry.title,
                          read=partial(_entry_article, entry, source, fetch)))
    return items


def _entry_article(entry: newsfeeds.Entry, source: str, fetch: Fetch) -> Article:
    if entry.full_text:
        found = _article(source, clean_text(newsfeeds.paragraphs(entry.full_text)))
        if not found.text:
            raise InputError(source, "holds no article text (only page noise)")
    else:
        page = fetch(entry.link)
        found = _page_article(page, source)
    return _article(source, found.text, entry.title or found.title, entry.published or found.published,
                    found.site or entry.site)


def decode(data: bytes, name: str, charset: str | None = None) -> str:
    """Bytes to text: UTF-16 or UTF-32 when a BOM or the charset says so, else the declared charset,
    else UTF-8, else Windows-1252, else Latin-1; binary is refused."""
    if not data.strip():
        raise InputError(name, "is empty")
    wide = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if wide is None and charset and charset.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        wide = charset
    if wide:
        try:
            return data.decode(wide)
        except (UnicodeDecodeError, LookupError):
            raise InputError(name, f"is not a text file (it says {wide.upper()} but is not)") from None
    if _looks_binary(data):
        raise InputError(name, "is not a text file (it holds binary data)")
    for encoding in (charset, "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


# UTF-32's little-endian BOM begins like UTF-16's: it is looked for first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def clean_text(text: str) -> str:
    """Drop page-noise lines, list bullets and stray spaces; one paragraph per line."""
    kept = []
    for raw in clean(text).split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or is_noise(line):
            continue
        line = _BULLET.sub("", line)
        line = _SPACE_BEFORE_STOP.sub(r"\1", line)
        line = line.replace("\u2019", "'")
        kept.append(line)
    return "\n".join(kept)


def is_noise(line: str) -> bool:
    return any(p.fullmatch(line) for p in NOISE_LINES)
