"""ID3v2.4 tags for the episode's MP3: what podcast apps show, and chapters."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import (
    APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TLEN, TPE1, CTOCFlags, PictureType,
)

from briefing.config import Settings
from briefing.errors import InputError
from briefing.files import read_regular
from briefing.models import Episode
from briefing.resources import default_cover

_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def cover_image(settings: Settings) -> tuple[bytes, str]:
    """The cover's bytes and MIME type: the user's (PNG or JPEG) or the built-in one."""
    path = settings.cover or default_cover()
    data = read_regular(Path(path))
    for magic, mime in _IMAGE_TYPES.items():
        if data.startswith(magic):
            return data, mime
    raise InputError(str(path), "the cover is not a PNG or JPEG image")


def write(mp3: Path, episode: Episode, settings: Settings) -> None:
    """Tag ``mp3``: title, author, show, date, genre, comment, language, cover,
    and one CHAP frame per chapter under a CTOC table of contents."""
    image, mime = cover_image(settings)
    stories = [c.title for c in episode.chapters if c.kind == "story"]
    tags = ID3()
    tags.add(TIT2(encoding=3, text=[episode.title]))
    tags.add(TPE1(encoding=3, text=[settings.podcast_author]))
    tags.add(TALB(encoding=3, text=[settings.show]))
    tags.add(TDRC(encoding=3, text=[episode.date.isoformat()]))
    tags.add(TCON(encoding=3, text=["Podcast"]))
    tags.add(TLAN(encoding=3, text=["fra"]))
    tags.add(TLEN(encoding=3, text=[str(episode.duration_ms)]))
    tags.add(COMM(encoding=3, lang="fra", desc="", text=[" ; ".join(stories) or episode.title]))
    tags.add(APIC(encoding=3, mime=mime, type=PictureType.COVER_FRONT, desc="Couverture", data=image))
    ids = [f"chp{i}" for i in range(len(episode.chapters))]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=["Sommaire"])],
        )
    )
    for element_id, chapter in zip(ids, episode.chapters):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
    tags.save(mp3, v2_version=4)
