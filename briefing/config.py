"""Settings for one run. Every field has a default that works with no file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class Settings:
    show: str = "Le Briefing"
    language: str = "fr"
    engine: str = "espeak"
    voice: str = "fr"  # the engine's voice name
    words_per_minute: int = 160  # the offline voice's rate at normal speed
    rate: float = 1.0  # speech speed: 0.5 (half) to 2.0 (double)
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
