"""The output folder's front page: ``index.html`` lists every episode, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import ID3

from briefing.config import Settings
from briefing.sources.controls import clean
from briefing.files import write_text
from briefing.script.templating import environment, render

FEED = "feed.xml"


@dataclass(frozen=True)
class Listing:
    """One episode as the front page shows it."""

    title: str
    date: dt.date | None
    duration_ms: int | None
    mp3: str
    page: str | None
    transcript: str | None


def episodes(folder: Path) -> list[Listing]:
    """Every tagged MP3 in ``folder``, newest first (by date, then by name)."""
    found = []
    for mp3 in folder.glob("*.mp3"):
        try:
            tags = ID3(mp3)
        except MutagenError:
            continue  # not one of ours
        title = clean(str(tags["TIT2"])) if "TIT2" in tags else mp3.stem  # any MP3 put in the folder: data
        try:
            date = dt.date.fromisoformat(str(tags["TDRC"])[:10]) if "TDRC" in tags else None
        except ValueError:
            date = None
        duration = int(str(tags["TLEN"])) if "TLEN" in tags and str(tags["TLEN"]).isdigit() else None
        page, txt = mp3.with_suffix(".html"), mp3.with_suffix(".txt")
        found.append(
            Listing(
                title=title, date=date, duration_ms=duration, mp3=mp3.name,
                page=page.name if page.exists() else None, transcript=txt.name if txt.exists() else None,
            )
        )
    found.sort(key=lambda e: (e.date or dt.date.min, e.mp3), reverse=True)
    return found


def write_index(folder: Path, settings: Settings) -> Path:
    """Write ``folder/index.html`` (atomically) and return its path."""
    env = environment(settings, html=True)
    page = render(
        env,
        "index.html.j2",
        {"show": settings.show, "episodes": episodes(folder), "feed": FEED if (folder / FEED).exists() else None},
    )
    path = folder / "index.html"
    write_text(path, page)
    return path
