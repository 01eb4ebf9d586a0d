"""Settings for one run. Every field has a default that works with no file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def default_cache_dir() -> Path:
    """$BRIEFING_CACHE_DIR, else the user's cache folder (``~/.cache/briefing`` on Linux)."""
    return Path(os.environ.get("BRIEFING_CACHE_DIR") or platformdirs.user_cache_path("briefing"))


def _gtts_endpoint() -> str | None:
    """$BRIEFING_GTTS_ENDPOINT: a URL that stands in for Google's (a mirror, or a test's fake)."""
    return os.environ.get("BRIEFING_GTTS_ENDPOINT") or None


@dataclass(frozen=True)
class Settings:
    show: str = "Le Briefing"
    language: str = "fr"
    engine: str = "auto"  # auto (gtts when Google is reachable, else espeak), gtts or espeak
    fallback: str | None = None  # the engine that voices a segment the main one fails on (auto: espeak)
    voice: str = "fr"  # the offline voice's name
    words_per_minute: int = 160  # speaking rate of the offline voice
    gtts_tld: str = "fr"  # Google's accent: translate.google.<tld>; "ca" for a Québec voice
    gtts_slow: bool = False
    gtts_timeout: float = 10.0  # seconds to connect, and again to read, per request
    gtts_tries: int = 5  # calls per chunk before giving up on passing failures
    gtts_endpoint: str | None = field(default_factory=_gtts_endpoint)
    workers: int = 4  # chunks synthesized at once
    cache: bool = True  # reuse audio made before, and keep what is made
    cache_dir: Path = field(default_factory=default_cache_dir)
    summary_sentences: int = 3
    author: str = "Le Briefing"
    pause_ms: int = 700  # silence around the sting between stories
    sample_rate: int = 44100
    bitrate: str = "64k"
    loudness_lufs: float = -16.0  # integrated loudness of the episode
    true_peak_dbtp: float = -1.0  # highest true peak allowed
    cover: Path | None = None  # PNG or JPEG; None for the built-in cover
    output: Path = Path("out")
    templates: Path | None = None  # user templates, looked up before the built-in ones
    # The run's clock. Passed in so tests control "today".
    now: dt.datetime = field(default_factory=_now)

    @property
    def today(self) -> dt.date:
        return self.now.date()
