"""What every voice engine provides."""

from __future__ import annotations

from typing import Protocol

from briefing.ffmpeg import AudioSegment


class Engine(Protocol):
    """A voice: French text in, audio out.

    A text is spoken as the chunks ``chunks`` cuts it into. ``fetch`` does the
    slow part for one chunk (a request, a synthesis) and may run on
    ``workers`` threads at once, in any order; ``decode`` turns what it
    returned into audio. ``briefing.tts.voicing`` puts the chunks back in order.

    An engine that holds something big while it speaks (worker processes) may
    also have ``release()``, which lets it go: voicing calls it once it has
    made a script's chunks, before the mix; the next fetch takes it again.
    """

    name: str
    workers: int  # how many chunks it can fetch at once

    def options(self) -> dict[str, object]:
        """Everything besides the text that changes the sound (part of every cache key)."""
        ...

    def chunks(self, text: str) -> list[str]:
        """``text`` (already speakable French) cut into the pieces it is spoken in."""
        ...

    def fetch(self, chunk: str) -> bytes:
        """One chunk's audio as the engine makes it; raise ``EngineError`` when it cannot."""
        ...

    def decode(self, data: bytes) -> AudioSegment:
        """The audio in what ``fetch`` returned; raise ``EngineError`` if there is none."""
        ...

    def synthesize(self, chunk: str) -> AudioSegment:
        """``decode(fetch(chunk))``."""
        ...
