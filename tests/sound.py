"""Google-like audio for tests: tones encoded to MP3 by our ffmpeg, and their pitch measured back."""

from __future__ import annotations

import io
from functools import cache

import numpy as np
from audio_helpers import dominant_hz

from briefing.ffmpeg import AudioSegment
from pydub.generators import Sine

GOOGLE_RATE = 24000  # Google's voice answers in 24 kHz mono MP3


@cache
def tone_mp3(ms: int, hz: int = 440) -> bytes:
    """``ms`` milliseconds of a sine at ``hz``, as Google-like MP3 bytes."""
    tone = Sine(hz, sample_rate=GOOGLE_RATE).to_audio_segment(duration=ms, volume=-6).set_channels(1)
    out = io.BytesIO()
    tone.export(out, format="mp3", bitrate="32k", parameters=["-ar", str(GOOGLE_RATE)])
    return out.getvalue()


def pitches(audio: AudioSegment, lengths_ms: list[int]) -> list[int]:
    """The pitch, to the nearest 50 Hz, at the middle third of each consecutive piece of ``audio``."""
    out, start = [], 0
    for length in lengths_ms:
        piece = audio[start + length // 3 : start + 2 * length // 3]
        samples = np.frombuffer(piece.set_sample_width(2).raw_data, dtype=np.int16) / 32768.0
        out.append(50 * round(dominant_hz(samples, piece.frame_rate) / 50))
        start += length
    return out
