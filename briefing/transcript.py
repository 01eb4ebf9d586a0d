"""Transcripts of an episode, written beside its MP3."""

from __future__ import annotations

from pathlib import Path

from briefing.files import write_text
from briefing.models import Episode


def plain_text(episode: Episode) -> str:
    """The spoken text in written French: one paragraph per segment, in order."""
    return "\n\n".join(segment.text for segment in episode.segments) + "\n"


def write(episode: Episode) -> list[Path]:
    """Write the transcripts beside the MP3; return their paths."""
    txt = episode.mp3.with_suffix(".txt")
    write_text(txt, plain_text(episode))
    return [txt]
