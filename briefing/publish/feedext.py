"""feedgen extensions for what its own ``podcast`` (iTunes) extension lacks.

- ``PodcastIndexExtension`` / ``PodcastIndexEntryExtension``: the Podcasting
  2.0 namespace (``podcast:guid``, ``podcast:locked`` on the channel;
  ``podcast:transcript``, ``podcast:chapters`` on an item).
- ``ItunesExplicitExtension``: ``itunes:explicit`` as Apple now spells it,
  ``true``/``false`` (feedgen 1.0 only writes yes/no/clean).

Register them with ``FeedGenerator.register_extension``.

The namespace URI is the GitHub address of the specification: the spec says
clients must take it as identical to https://podcastindex.org/namespace/1.0,
and it is the one podcastparser (the gPodder app's parser) recognises.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.etree  # noqa: F401 - feedgen.util uses lxml.etree without importing it
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

PODCAST_NS = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


@dataclass(frozen=True)
class Link:
    url: str
    type: str
    language: str | None = None
    rel: str | None = None


class PodcastIndexExtension(BaseExtension):
    """Channel tags of the Podcasting 2.0 namespace."""

    def __init__(self) -> None:
        self.__guid: str | None = None
        self.__locked: bool | None = None
        self.__locked_owner: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        if self.__guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.__guid
        if self.__locked is not None:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            locked.text = "yes" if self.__locked else "no"
            if self.__locked_owner:
                locked.attrib["owner"] = self.__locked_owner
        return rss_feed

    def guid(self, guid: str | None = None) -> str | None:
        """Get or set the podcast's permanent id (a UUIDv5 of its feed URL, by the spec)."""
        if guid is not None:
            self.__guid = guid
        return self.__guid

    def locked(self, locked: bool | None = None, owner: str | None = None) -> bool | None:
        """Get or set whether other platforms may import the feed; ``owner`` is the e-mail that may unlock it."""
        if locked is not None:
            self.__locked = bool(locked)
            self.__locked_owner = owner or None
        return self.__locked


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item tags of the Podcasting 2.0 namespace."""

    def __init__(self) -> None:
        self.__transcripts: list[Link] = []
        self.__chapters: Link | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, entry):
        for link in self.__transcripts:
            element = xml_elem(f"{{{PODCAST_NS}}}transcript", entry)
            element.attrib.update(_attributes(link))
        if self.__chapters:
            xml_elem(f"{{{PODCAST_NS}}}chapters", entry).attrib.update(_attributes(self.__chapters))
        return entry

    def transcript(self, url: str, type: str, language: str | None = None, rel: str | None = None) -> list[Link]:
        """Add a transcript of the episode (``type``: text/vtt, text/html, text/plain…)."""
        self.__transcripts.append(Link(url, type, language, rel))
        return list(self.__transcripts)

    def chapters(self, url: str | None = None, type: str = "application/json+chapters") -> Link | None:
        """Get or set the episode's chapters file."""
        if url is not None:
            self.__chapters = Link(url, type)
        return self.__chapters


def _attributes(link: Link) -> dict[str, str]:
    attributes = {"url": link.url, "type": link.type}
    if link.language:
        attributes["language"] = link.language
    if link.rel:
        attributes["rel"] = link.rel
    return attributes


class ItunesExplicitExtension(BaseExtension):
    """``itunes:explicit`` on the channel as ``true`` or ``false``."""

    def __init__(self) -> None:
        self.__explicit: bool | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, rss_feed):
        if self.__explicit is not None:
            xml_elem(f"{{{ITUNES_NS}}}explicit", rss_feed[0]).text = "true" if self.__explicit else "false"
        return rss_feed

    def explicit(self, explicit: bool | None = None) -> bool | None:
        if explicit is not None:
            self.__explicit = bool(explicit)
        return self.__explicit
