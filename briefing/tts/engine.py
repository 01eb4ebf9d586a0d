"""What every voice engine provides."""

from __future__ import annotations

from typing import Protocol

from briefing.ffmpeg import AudioSegment


class Engine(Protocol):
    """A voice: French text in, audio out.

    A text is spoken as the chunks ``chunks`` cuts it into; ``synthesize``
    speaks one chunk. Chunks may be spoken in any order, ``workers`` at a
    time, and are put back in order by ``briefing.tts.voicing``.
    """

    name: str
    workers: int  # how many chunks it can synthesize at once

    def options(self) -> dict[str, object]:
        """Everything besides the text that changes the sound (part of every cache key)."""
        ...

    def chunks(self, text: str) -> list[str]:
        """``text`` (already speakable French) cut into the pieces it is synthesized in."""
        ...

    def synthesize(self, text: str) -> AudioSegment:
        """Speak one chunk and return its audio; raise ``EngineError`` when it cannot."""
        ...
