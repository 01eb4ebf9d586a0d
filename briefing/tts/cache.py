"""Audio already made, kept on disk and found again by what made it.

The key is a hash of the engine's name, its voice options and the exact
text, so every engine shares one cache and a change of voice, accent or
speed never returns the wrong audio. An entry is the decoded audio as a WAV
file behind a short header holding a SHA-256 of that WAV: an entry that is
cut short or altered is noticed, thrown away, and made again.
"""

from __future__ import annotations

import hashlib
import io
import json
import wave
from pathlib import Path
from typing import Protocol

from briefing import cachedir
from briefing.ffmpeg import AudioSegment
from briefing.files import atomic_path

FORMAT = "briefing-audio-1"  # part of every key: a new format never reads an old entry
_MAGIC = b"BRFAUD1\n"


class Voice(Protocol):
    name: str

    def options(self) -> dict[str, object]: ...


def key_of(voice: Voice, text: str) -> str:
    """The cache key of ``text`` spoken by ``voice``: engine, voice options, exact text."""
    identity = {"format": FORMAT, "engine": voice.name, "options": voice.options(), "text": text}
    return hashlib.sha256(json.dumps(identity, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class Cache:
    """A folder of audio entries, two levels deep by key."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.added = 0  # entries this object has stored

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.audio"

    def __contains__(self, key: str) -> bool:
        return self.path(key).is_file()

    def get(self, key: str) -> AudioSegment | None:
        """The audio stored under ``key``; None if there is none or it is damaged (then it is removed)."""
        path = self.path(key)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        audio = _unpack(blob)
        if audio is None:
            path.unlink(missing_ok=True)
        else:
            cachedir.mark_used(path)
        return audio

    def put(self, key: str, audio: AudioSegment) -> None:
        """Keep ``audio``; a cache that cannot be written (disk full) costs only the keeping."""
        try:
            with atomic_path(self.path(key)) as tmp:
                tmp.write_bytes(_pack(audio))
        except OSError:
            return
        self.added += 1


def _pack(audio: AudioSegment) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(audio.channels)
        wav.setsampwidth(audio.sample_width)
        wav.setframerate(audio.frame_rate)
        wav.writeframes(audio.raw_data)
    payload = buffer.getvalue()
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def _unpack(blob: bytes) -> AudioSegment | None:
    header = len(_MAGIC) + 32
    if not blob.startswith(_MAGIC) or len(blob) < header:
        return None
    payload = blob[header:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC) : header]:
        return None
    try:
        with wave.open(io.BytesIO(payload), "rb") as wav:
            frames = wav.readframes(wav.getnframes())
            return AudioSegment(data=frames, sample_width=wav.getsampwidth(), frame_rate=wav.getframerate(), channels=wav.getnchannels())
    except (wave.Error, EOFError):
        return None
