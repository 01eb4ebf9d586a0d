"""The podcast's cover in the output folder, where the feed points to it."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from briefing.config import Settings
from briefing.files import atomic_path, read_regular
from briefing.resources import default_cover


def publish(settings: Settings, folder: Path) -> str:
    """Copy the cover (the user's, or the built-in one) into ``folder``; return its URL."""
    source = Path(settings.cover) if settings.cover else default_cover()
    image = read_regular(source)
    suffix = source.suffix.lower().replace(".jpeg", ".jpg")
    target = folder / f"cover{suffix}"
    if not target.exists() or target.read_bytes() != image:
        with atomic_path(target) as tmp:
            tmp.write_bytes(image)
    return urllib.parse.urljoin(settings.base_url, urllib.parse.quote(target.name))
