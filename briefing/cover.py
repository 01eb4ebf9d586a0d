"""The podcast's cover in the output folder, where the feed points to it."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.files import atomic_path
from briefing.resources import default_cover


def publish(settings: Settings, folder: Path) -> str:
    """Copy the cover (the user's, or the built-in one) into ``folder``; return its URL."""
    source = Path(settings.cover) if settings.cover else default_cover()
    if not source.is_file():
        raise BriefingError(f"{source}: the cover image does not exist")
    suffix = source.suffix.lower().replace(".jpeg", ".jpg")
    target = folder / f"cover{suffix}"
    if not target.exists() or target.read_bytes() != source.read_bytes():
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
    return urllib.parse.urljoin(settings.base_url, urllib.parse.quote(target.name))
