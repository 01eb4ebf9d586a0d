"""The episode: jingles, voiced segments, stings and pauses in one MP3.

Layout: the intro jingle starts the show and the greeting comes in over its
tail, the music ducked under the voice; between stories a short sting with a
pause either side; after the sign-off the outro jingle. Every take is brought
to the same loudness first, every edge gets a short fade, and the whole mix is
normalised (integrated loudness, true-peak ceiling) before one MP3 encode.
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
    # The encoder starts, and its level change is looked up (or measured), while numpy mixes.
    with (
        (atomic_path(mp3) if into is None else contextlib.nullcontext(into)) as tmp,
        Mp3Encoder(rate, tmp, settings.bitrate, settings.sample_rate) as encoder,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        kept = settings.cache_dir if settings.cache else None
        encoder_gain = pool.submit(encoder_gain_db, rate, settings.bitrate, settings.sample_rate, kept)
        mix, starts, total = _mix(takes, settings, rate)
        # Aim so that the MP3, once the encoder has changed the level, is on target.
        mix = loudness.normalize(
            mix,
            rate,
            settings.loudness_lufs - encoder_gain.result(),
            settings.true_peak_dbtp - MP3_PEAK_MARGIN_DB - encoder_gain.result(),
        )
        pcm = _to_pcm(mix)
        del mix  # the float samples go before the encoder takes the 16-bit ones
        encoder.finish(pcm)
        episode = _episode(takes, starts, total, rate, mp3, title or f"{settings.show} du {long_date(settings.today)}", settings)
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


def _mix(takes: Sequence[Take], settings: Settings, rate: int) -> tuple[np.ndarray, list[int], int]:
    """The mixed samples, where each take's voice starts, and the length (in frames).

    Each piece is brought to its level on its own, on all cores. A voice is
    levelled and added into its place, then let go: a long reading never holds
    all its voices twice over.
    """
    music_level = settings.loudness_lufs - MUSIC_BELOW_VOICE_LU
    intro, sting, outro = cores.map_items(lambda name: _load(jingle(name), rate, music_level), ("intro", "sting", "outro"))
    voices = [_mono16(take.audio, rate) for take in takes]  # the same object when it already is
    lengths = [len(voice.raw_data) // 2 for voice in voices]
    layout = _layout(lengths, len(intro), len(sting), len(outro), _frames(settings.pause_ms, rate), rate)

    mix = np.zeros(layout.total, dtype=np.float32)
    mix[: len(intro)] += _duck(intro, layout.voices[0], rate) if takes else intro
    for at in layout.stings:
        mix[at : at + len(sting)] += sting
    mix[layout.outro : layout.outro + len(outro)] += outro

    def place(i: int) -> None:  # the voices' places never overlap one another
        voice = _voice(voices[i], rate, settings.loudness_lufs)
        mix[layout.voices[i] : layout.voices[i] + len(voice)] += voice

    cores.map_items(place, range(len(takes)))
    return mix, layout.voices, layout.total


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


def _mono16(audio: AudioSegment, rate: int) -> AudioSegment:
    """Mono 16-bit audio at ``rate`` (pydub hands back the same audio when it already is)."""
    return audio.set_channels(1).set_sample_width(2).set_frame_rate(rate)


def _samples(audio: AudioSegment, rate: int) -> np.ndarray:
    """Mono float samples in [-1, 1] at ``rate``."""
    samples = np.frombuffer(_mono16(audio, rate).raw_data, dtype=np.int16).astype(np.float32)
    samples *= 1 / 32768
    return samples


def _at_level(samples: np.ndarray, rate: int, level_lufs: float) -> np.ndarray:
    """``samples`` brought to ``level_lufs`` integrated loudness (silence stays silent)."""
    level = loudness.integrated(samples, rate)
    return samples * np.float32(10 ** ((level_lufs - level) / 20)) if np.isfinite(level) else samples


def _load(path, rate: int, level_lufs: float) -> np.ndarray:
    return _at_level(_samples(AudioSegment.from_file(path, format="wav"), rate), rate, level_lufs)


def _voice(audio: AudioSegment, rate: int, level_lufs: float) -> np.ndarray:
    """A take at the episode's loudness, faded in and out over a few milliseconds."""
    samples = _at_level(_samples(audio, rate), rate, level_lufs)
    fade = min(_frames(EDGE_FADE_MS, rate), len(samples) // 2)
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
    samples[:fade] *= ramp  # a new array: _at_level's, or _samples' for silence
    samples[len(samples) - fade :] *= ramp[::-1]
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
