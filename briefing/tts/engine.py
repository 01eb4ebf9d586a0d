"""What every voice engine provides."""

from __future__ import annotations

from typing import Protocol

from briefing.ffmpeg import AudioSegment


class Engine(Protocol):
    """A voice: French text in, audio out."""

    name: str

    def synthesize(self, text: str) -> AudioSegment:
        """Speak ``text`` (already speakable French) and return its audio."""
        ...
