"""The episode: jingles, voiced segments and pauses stitched into one MP3."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing.config import Settings
from briefing.ffmpeg import AudioSegment
from briefing.files import atomic_path
from briefing.french_dates import long_date
from briefing.models import Chapter, Episode, Take
from briefing.resources import jingle

EDGE_FADE_MS = 10  # on every segment edge, so joins never click


def assemble(takes: Sequence[Take], settings: Settings) -> Episode:
    """Mix the takes into ``<output>/<episode_stem>.mp3`` (briefing-<date>.mp3) and return the episode.

    Layout: intro jingle, then each take followed by a pause, then the outro
    jingle. Chapters follow the takes; the jingles belong to the first and
    last chapter. The MP3 is written to a temporary file and renamed into place.
    """
    rate = settings.sample_rate
    pause = AudioSegment.silent(duration=settings.pause_ms, frame_rate=rate)
    intro = _prepare(AudioSegment.from_file(jingle("intro"), format="wav"), rate)
    outro = _prepare(AudioSegment.from_file(jingle("outro"), format="wav"), rate)

    parts: list[AudioSegment] = [intro]
    chapters: list[Chapter] = []
    frames = intro.frame_count()  # counted in frames, so no rounding adds up
    for take in takes:
        voice = _prepare(take.audio, rate).fade_in(EDGE_FADE_MS).fade_out(EDGE_FADE_MS)
        start = _ms(frames, rate) if chapters else 0
        parts += [voice, pause]
        frames += voice.frame_count() + pause.frame_count()
        chapters.append(Chapter(title=take.segment.title, start_ms=start, end_ms=_ms(frames, rate), kind=take.segment.kind))
    parts.append(outro)
    frames += outro.frame_count()
    duration_ms = _ms(frames, rate)
    if chapters:
        chapters[-1] = replace(chapters[-1], end_ms=duration_ms)

    # One concatenation of raw frames: pydub's ``+`` copies the whole buffer each time.
    audio = parts[0]._spawn(b"".join(p.raw_data for p in parts))
    title = f"{settings.show} du {long_date(settings.today)}"
    mp3 = settings.output / f"{settings.episode_stem}.mp3"
    with atomic_path(mp3) as tmp:
        audio.export(
            tmp,
            format="mp3",
            bitrate=settings.bitrate,
            tags={"title": title, "artist": settings.show, "album": settings.show, "date": settings.today.isoformat(), "genre": "Podcast"},
            id3v2_version="4",
            parameters=["-ac", "1", "-ar", str(rate)],
        )
    return Episode(
        mp3=mp3,
        title=title,
        date=settings.today,
        duration_ms=duration_ms,
        chapters=tuple(chapters),
        segments=tuple(t.segment for t in takes),
    )


def _prepare(audio: AudioSegment, rate: int) -> AudioSegment:
    """Mono, 16-bit, at the episode's sample rate."""
    return audio.set_channels(1).set_sample_width(2).set_frame_rate(rate)


def _ms(frames: float, rate: int) -> int:
    return round(frames * 1000 / rate)
