"""Measuring what a listener hears: decoded samples, loudness, pitch."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from briefing.ffmpeg import decode_mp3
from briefing.models import Line, Segment, Span, Take
from pydub.generators import Sine


def decoded(mp3: Path) -> tuple[np.ndarray, int]:
    audio = decode_mp3(mp3)
    return np.frombuffer(audio.raw_data, dtype=np.int16) / 32768.0, audio.frame_rate


def lufs(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness by pyloudnorm, an independent BS.1770 meter."""
    import pyloudnorm  # imports scipy.signal: a second of collection for every worker otherwise
    return pyloudnorm.Meter(rate).integrated_loudness(samples)


def true_peak_dbtp(samples: np.ndarray) -> float:
    """True peak with 4× oversampling (FFT interpolation), independent of briefing's."""
    up = np.fft.irfft(np.fft.rfft(samples), len(samples) * 4) * 4
    return 20 * np.log10(np.abs(up).max())


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[spectrum.argmax()])


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


def tone_take(kind: str, title: str, lines: list[tuple[int, int]], volume_db: float = -12.0) -> Take:
    """A take whose lines are tones: (frequency Hz, milliseconds) each, 250 ms apart."""
    rate, gap = 22050, 250
    audio = None
    spans, position = [], 0
    for i, (freq, ms) in enumerate(lines):
        tone = Sine(freq, sample_rate=rate).to_audio_segment(duration=ms, volume=volume_db).set_channels(1)
        if audio is None:
            audio = tone
        else:
            audio = audio + Sine(0, sample_rate=rate).to_audio_segment(duration=gap, volume=-120).set_channels(1) + tone
            position += gap
        spans.append(Span(position, position + ms))
        position += ms
    segment = Segment(kind=kind, title=title, lines=tuple(Line(f"{title}, ligne {i + 1}.", f"{title}, ligne {i + 1}.") for i in range(len(lines))))
    return Take(segment=segment, audio=audio, engine="test", spans=tuple(spans))


def true_peak(samples: np.ndarray) -> float:
    """True peak in dBTP (4× oversampling), as the mix's limiter measures it, block by block."""
    from briefing.mix import loudness

    if not len(samples):
        return float("-inf")
    samples = np.asarray(samples, dtype=np.float32)
    block = 4096
    peak = loudness._block_peaks_at(loudness.Samples(samples), block, np.arange((len(samples) + block - 1) // block)).max()
    return float(20 * np.log10(max(peak, 1e-12)))
