"""The episode: jingles, voiced segments, stings and pauses in one MP3.

Layout: the intro jingle starts the show and the greeting comes in over its
tail, the music ducked under the voice; between stories a short sting with a
pause either side; after the sign-off the outro jingle. Every take is brought
to the same loudness first, every edge gets a short fade, and the whole mix is
normalised (integrated loudness, true-peak ceiling) before one MP3 encode.

The mix is never held whole: it is rendered a window at a time from its
layout (``Mixdown``), once to measure its loudness, again where its peaks
could reach the ceiling, and a last time into the encoder, gained. What it
holds besides the takes is a few seconds of audio, however long the episode.
"""

from __future__ import annotations

import contextlib
import wave
from collections.abc import Sequence
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from briefing.mix import cores


from briefing.mix import loudness
from briefing.config import Settings
from briefing.ffmpeg import AudioSegment, Mp3Encoder, encoder_gain_db
from briefing.files import atomic_path
from briefing.french.dates import long_date
from briefing.models import Chapter, Cue, Episode, Take
from briefing.resources import jingle

EDGE_FADE_MS = 10  # on every take's edges, so joins never click
JINGLE_UNDER_VOICE_MS = 1000  # how much of the intro jingle plays under the greeting
DUCK_DB = -14.0  # the jingle's level under the voice
MUSIC_BELOW_VOICE_LU = 4.0  # jingles sit this much under the voices
# Mixing and loudness work happen at the speech band's rate (voices are 22.05
# or 24 kHz); the encoder resamples to the MP3's 44.1 kHz with a proper filter.
MIX_RATE = 22050
MP3_PEAK_MARGIN_DB = 1.0  # encoding lifts true peaks by up to ~0.5 dB; aim this much lower
WINDOW_BLOCKS = 1024  # 10 ms blocks rendered and encoded at once (10 s: a few MB)


def assemble(
    takes: Sequence[Take], settings: Settings, *, title: str | None = None, stem: str | None = None, into: Path | None = None
) -> Episode:
    """Mix ``takes`` into ``<output>/<stem>.mp3`` and return the episode (its tags
    are the publisher's: ``briefing.publish.id3``).

    ``title`` and ``stem`` default to the daily briefing's (« Le Briefing du
    mardi 24 novembre 2026 », ``briefing-2026-11-24``).

    Chapters start where their voice starts (the intro chapter at zero) and
    end where the next begins; cues are each line's measured span, placed.
    The MP3 is written to a temporary file and renamed into place, or, with
    ``into``, written there (a staging folder's path; the episode still names
    its place in the output folder).
    """
    rate = MIX_RATE
    mp3 = settings.output / f"{stem or 'briefing-' + settings.today.isoformat()}.mp3"
    # The encoder starts, and its level change is looked up (or measured), while the takes are levelled.
    with (
        (atomic_path(mp3) if into is None else contextlib.nullcontext(into)) as tmp,
        Mp3Encoder(rate, tmp, settings.bitrate, settings.sample_rate) as encoder,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        kept = settings.cache_dir if settings.cache else None
        encoder_gain = pool.submit(encoder_gain_db, rate, settings.bitrate, settings.sample_rate, kept)
        mixdown = Mixdown(takes, settings, rate)
        # Aim so that the MP3, once the encoder has changed the level, is on target.
        normalizer = loudness.normalizer(
            mixdown,
            rate,
            settings.loudness_lufs - encoder_gain.result(),
            settings.true_peak_dbtp - MP3_PEAK_MARGIN_DB - encoder_gain.result(),
        )
        window = WINDOW_BLOCKS * normalizer.block
        for start in range(0, mixdown.length, window):
            samples = mixdown.read(start, min(start + window, mixdown.length))
            normalizer.apply(samples, start)
            encoder.write(_to_pcm(samples))
        encoder.finish()
        episode = _episode(
            takes, mixdown.layout.voices, mixdown.length, rate, mp3, title or f"{settings.show} du {long_date(settings.today)}", settings
        )
    return episode


def _episode(
    takes: Sequence[Take], starts: list[int], total: int, rate: int, mp3: Path, title: str, settings: Settings
) -> Episode:
    """The episode's record: chapters from where each voice starts, cues from each line's measured span."""

    def ms(frames: int) -> int:
        return round(frames * 1000 / rate)

    ends = [*starts[1:], total]
    chapters = tuple(
        Chapter(title=take.segment.title, start_ms=0 if i == 0 else ms(start), end_ms=ms(end), kind=take.segment.kind)
        for i, (take, start, end) in enumerate(zip(takes, starts, ends))
    )
    cues = tuple(
        Cue(text=line.text, start_ms=ms(start) + span.start_ms, end_ms=ms(start) + span.end_ms)
        for take, start in zip(takes, starts)
        for line, span in zip(take.segment.lines, take.spans)
    )
    return Episode(
        mp3=mp3,
        title=title,
        date=settings.today,
        duration_ms=ms(total),
        chapters=chapters,
        cues=cues,
        segments=tuple(take.segment for take in takes),
        show=settings.show,
    )


@dataclass(frozen=True)
class _Layout:
    """Where each piece of the episode starts, and its length, in one unit (frames or ms)."""

    voices: list[int]
    stings: list[int]
    outro: int
    total: int


def _layout(voices: Sequence[int], intro: int, sting: int, outro: int, pause: int, rate: int) -> _Layout:
    """The intro jingle at zero with the first voice over its tail, a pause, a
    sting and a pause between voices, a pause, then the outro jingle. Lengths
    are in the unit ``rate`` counts per second (1000 for milliseconds)."""
    position = max(0, intro - _frames(JINGLE_UNDER_VOICE_MS, rate))
    starts, stings = [], []
    for i, length in enumerate(voices):
        if i:
            stings.append(position + pause)
            position += pause + sting + pause
        starts.append(position)
        position += length
    position += pause
    return _Layout(voices=starts, stings=stings, outro=position, total=position + outro)


def frame_ms(segments: int, settings: Settings) -> int:
    """What the layout adds around ``segments`` voiced segments, in ms: the
    jingles (less the part under the greeting), the stings and the pauses."""
    intro, sting, outro = (_wav_ms(jingle(name)) for name in ("intro", "sting", "outro"))
    return _layout([0] * segments, intro, sting, outro, settings.pause_ms, 1000).total


def _wav_ms(path: Path) -> int:
    with wave.open(str(path)) as wav:
        return round(wav.getnframes() * 1000 / wav.getframerate())


def _frames(ms: int, rate: int) -> int:
    return round(ms * rate / 1000)


class Mixdown:
    """The episode's samples, rendered from its layout a window at a time (a ``loudness.Signal``).

    Each piece is brought to its level on its own, on all cores, and only its
    gain is kept; a window is the jingles and the levelled, faded voices that
    fall in it, added. A take is read at the mix's rate while a window needs
    it, then let go.
    """

    def __init__(self, takes: Sequence[Take], settings: Settings, rate: int) -> None:
        self.rate = rate
        self._takes = takes
        music_level = settings.loudness_lufs - MUSIC_BELOW_VOICE_LU
        intro, sting, outro = cores.map_items(lambda name: _load(jingle(name), rate, music_level), ("intro", "sting", "outro"))
        levels = cores.map_items(lambda take: _level(take.audio, rate, settings.loudness_lufs), takes)
        self._lengths = [length for length, _ in levels]
        self._gains = [gain for _, gain in levels]
        self.layout = _layout(self._lengths, len(intro), len(sting), len(outro), _frames(settings.pause_ms, rate), rate)
        self.length = self.layout.total
        ducked = _duck(intro, self.layout.voices[0], rate).astype(np.float32) if takes else intro
        self._music = [(0, ducked), *((at, sting) for at in self.layout.stings), (self.layout.outro, outro)]
        self._held: dict[int, np.ndarray] = {}  # the takes the last window needed, at the mix's rate

    def read(self, start: int, end: int) -> np.ndarray:
        """The mixed samples from ``start`` to ``end`` (zeros outside the episode)."""
        out = np.zeros(end - start, dtype=np.float32)
        for at, music in self._music:
            _onto(out, start, music, at)
        wanted = [i for i, (at, length) in enumerate(zip(self.layout.voices, self._lengths)) if at < end and start < at + length]
        self._held = {i: self._held[i] if i in self._held else _pcm(self._takes[i].audio, self.rate) for i in wanted}
        for i in wanted:  # the voices' places never overlap one another
            at = self.layout.voices[i]
            first, last = max(start, at) - at, min(end, at + self._lengths[i]) - at
            _onto(out, start, _voice(self._held[i], first, last, self._gains[i], self.rate), at + first)
        return out


def _onto(out: np.ndarray, start: int, piece: np.ndarray, at: int, how: np.ufunc = np.add) -> None:
    """Add (or multiply, …) ``piece``, placed at ``at``, into ``out``, the stretch
    from ``start``, where they meet."""
    first, last = max(start, at), min(start + len(out), at + len(piece))
    if first < last:
        meeting = out[first - start : last - start]
        how(meeting, piece[first - at : last - at], out=meeting)


def _mono16(audio: AudioSegment, rate: int) -> AudioSegment:
    """Mono 16-bit audio at ``rate`` (pydub hands back the same audio when it already is)."""
    return audio.set_channels(1).set_sample_width(2).set_frame_rate(rate)


def _pcm(audio: AudioSegment, rate: int) -> np.ndarray:
    """Mono 16-bit samples at ``rate`` (the audio's own when it already is)."""
    return np.frombuffer(_mono16(audio, rate).raw_data, dtype=np.int16)


def _samples(audio: AudioSegment, rate: int) -> np.ndarray:
    """Mono float samples in [-1, 1] at ``rate``."""
    return _floats(_pcm(audio, rate))


def _floats(pcm: np.ndarray) -> np.ndarray:
    samples = pcm.astype(np.float32)
    samples *= 1 / 32768
    return samples


class _Pcm(loudness.Samples):
    """16-bit samples, read as floats in [-1, 1] a piece at a time (a ``loudness.Signal``)."""

    def read(self, start: int, end: int) -> np.ndarray:
        return _floats(super().read(start, end))


def _gain(samples: np.ndarray | _Pcm, rate: int, level_lufs: float) -> np.float32:
    """What brings ``samples`` to ``level_lufs`` integrated loudness (silence stays silent)."""
    level = loudness.integrated(samples, rate)
    return np.float32(10 ** ((level_lufs - level) / 20) if np.isfinite(level) else 1.0)


def _load(path, rate: int, level_lufs: float) -> np.ndarray:
    samples = _samples(AudioSegment.from_file(path, format="wav"), rate)
    return samples * _gain(samples, rate, level_lufs)


def _level(audio: AudioSegment, rate: int, level_lufs: float) -> tuple[int, np.float32]:
    """A take's length at ``rate``, and the gain that brings it to the episode's loudness."""
    pcm = _pcm(audio, rate)
    return len(pcm), _gain(_Pcm(pcm), rate, level_lufs)


def _voice(pcm: np.ndarray, first: int, last: int, gain: np.float32, rate: int) -> np.ndarray:
    """Samples ``first`` to ``last`` of a take, at the episode's loudness, faded in
    and out over its first and last few milliseconds."""
    samples = _floats(pcm[first:last])
    samples *= gain
    fade = min(_frames(EDGE_FADE_MS, rate), len(pcm) // 2)
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
    _onto(samples, first, ramp, 0, np.multiply)
    _onto(samples, first, ramp[::-1], len(pcm) - fade, np.multiply)
    return samples


def _duck(music: np.ndarray, voice_start: int, rate: int) -> np.ndarray:
    """Lower the music from ``voice_start`` on, over a 150 ms ramp that ends there."""
    ramp = _frames(150, rate)
    gain = np.ones(len(music))
    low = 10 ** (DUCK_DB / 20)
    begin = max(0, voice_start - ramp)
    if begin < len(music):
        gain[begin:voice_start] = np.linspace(1.0, low, voice_start - begin)[: len(music) - begin]
        gain[voice_start:] = low
    return music * gain


def _to_pcm(mix: np.ndarray) -> memoryview:
    """The mix as 16-bit little-endian bytes (the mix is clipped and scaled in place; the bytes are not copied)."""
    np.clip(mix, -1.0, 32767 / 32768, out=mix)
    mix *= 32768
    return memoryview(mix.astype("<i2")).cast("B")
