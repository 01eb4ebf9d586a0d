"""Article web pages: the main text and its metadata, found by trafilatura.

Navigation, adverts, share buttons, cookie banners and comments are left out;
the title, publication date and site name come from the page's metadata.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from briefing.errors import InputError

# trafilatura logs its doubts about odd pages at WARNING; the user gets our
# one line instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class PageText:
    text: str  # one paragraph per line, not yet cleaned of page noise
    title: str | None
    published: dt.date | None
    site: str | None


def extract(html: bytes | str, source: str, url: str | None = None) -> PageText:
    """The main text of an HTML page and its title, date and site name.

    Raises ``InputError`` naming ``source`` when no article text is found.
    """
    try:
        import trafilatura  # loaded only when a page is read

        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except (ValueError, TypeError, AttributeError) as exc:  # lxml on a page it cannot parse
        raise InputError(source, f"is not a readable HTML page ({exc})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(source, "no article text found in the HTML page")
    return PageText(
        text=text,
        title=_clean(document.title),
        published=_date(document.date),
        site=_clean(document.sitename),
    )


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
