"""Real audio for tests: tones encoded to MP3 by our ffmpeg, and their pitch measured back."""

from __future__ import annotations

import array
import io
import math
from functools import cache

from briefing.ffmpeg import AudioSegment

GOOGLE_RATE = 24000  # Google's voice answers in 24 kHz mono MP3


@cache
def tone_mp3(ms: int, hz: int = 440) -> bytes:
    """``ms`` milliseconds of a sine at ``hz``, as Google-like MP3 bytes."""
    n = GOOGLE_RATE * ms // 1000
    samples = array.array("h", (round(16000 * math.sin(2 * math.pi * hz * i / GOOGLE_RATE)) for i in range(n)))
    tone = AudioSegment(data=samples.tobytes(), sample_width=2, frame_rate=GOOGLE_RATE, channels=1)
    out = io.BytesIO()
    tone.export(out, format="mp3", bitrate="32k", parameters=["-ar", str(GOOGLE_RATE)])
    return out.getvalue()


def pitch(audio: AudioSegment) -> float:
    """The frequency of a pure tone, from its zero crossings."""
    samples = array.array("h", audio.set_channels(1).set_sample_width(2).raw_data)
    crossings = sum(1 for a, b in zip(samples, samples[1:]) if (a < 0) != (b < 0))
    return crossings / 2 / (len(samples) / audio.frame_rate)


def pitches(audio: AudioSegment, lengths_ms: list[int]) -> list[float]:
    """The pitch, to the nearest 50 Hz, at the middle third of each consecutive piece of ``audio``."""
    out, start = [], 0
    for length in lengths_ms:
        out.append(50 * round(pitch(audio[start + length // 3 : start + 2 * length // 3]) / 50))
        start += length
    return out
