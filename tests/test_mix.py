import dataclasses

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from briefing import mix
from briefing.ffmpeg import AudioSegment, decode_mp3, mp3_duration_ms
from briefing.models import Segment, Take
from briefing.resources import jingle
from pydub.generators import Sine


def _take(kind, title, ms, freq):
    audio = Sine(freq, sample_rate=22050).to_audio_segment(duration=ms, volume=-12).set_channels(1)
    segment = Segment(kind=kind, title=title, text=title, spoken=title)
    return Take(segment=segment, audio=audio, engine="test")


@pytest.fixture
def takes():
    return [
        _take("intro", "Introduction", 1500, 440),
        _take("story", "Première histoire", 4200, 550),
        _take("story", "Deuxième histoire", 3300, 660),
        _take("outro", "Conclusion", 1200, 330),
    ]


def _jingles_ms():
    return sum(len(AudioSegment.from_file(jingle(n), format="wav")) for n in ("intro", "outro"))


def test_mp3_lasts_jingles_plus_segments_plus_pauses(settings, takes):
    episode = mix.assemble(takes, settings)
    expected = _jingles_ms() + sum(len(t.audio) for t in takes) + len(takes) * settings.pause_ms
    assert abs(episode.duration_ms - expected) <= 5
    assert abs(mp3_duration_ms(episode.mp3) - expected) <= 100  # ffmpeg decodes it without error


def test_mp3_is_mono_44k_with_title_and_date(settings, takes):
    episode = mix.assemble(takes, settings)
    info = MP3(episode.mp3).info
    assert info.channels == 1 and info.sample_rate == 44100
    assert 60_000 <= info.bitrate <= 68_000
    tags = ID3(episode.mp3)
    assert tags.version[:2] == (2, 4)
    assert str(tags["TIT2"]) == "Le Briefing du mardi 24 novembre 2026"
    assert str(tags["TDRC"]) == "2026-11-24"
    assert episode.mp3.name == "briefing-2026-11-24.mp3"


def test_chapters_follow_the_takes_and_cover_the_episode(settings, takes):
    episode = mix.assemble(takes, settings)
    chapters = episode.chapters
    assert [c.title for c in chapters] == [t.segment.title for t in takes]
    assert chapters[0].start_ms == 0 and chapters[-1].end_ms == episode.duration_ms
    for before, after in zip(chapters, chapters[1:]):
        assert before.end_ms == after.start_ms
    intro_jingle = len(AudioSegment.from_file(jingle("intro"), format="wav"))
    # the second chapter starts after the jingle, the first take and one pause
    assert abs(chapters[1].start_ms - (intro_jingle + 1500 + settings.pause_ms)) <= 2


def test_voice_is_where_the_chapter_says(settings, takes):
    episode = mix.assemble(takes, settings)
    audio = decode_mp3(episode.mp3)
    story = episode.chapters[1]
    # inside the story the tone plays; in the pause after it, silence
    assert audio[story.start_ms + 200 : story.start_ms + 3800].rms > 1000
    assert audio[story.end_ms - settings.pause_ms + 100 : story.end_ms - 100].rms < 50


def test_a_failed_export_keeps_the_previous_file(settings, takes, monkeypatch):
    episode = mix.assemble(takes, settings)
    good = episode.mp3.read_bytes()

    def broken_export(self, out_f, **kwargs):
        with open(out_f, "wb") as fh:
            fh.write(b"half an mp3")
        raise OSError("disk full")

    monkeypatch.setattr(AudioSegment, "export", broken_export)
    with pytest.raises(OSError, match="disk full"):
        mix.assemble(takes[:2], settings)
    assert episode.mp3.read_bytes() == good
    assert sorted(p.name for p in episode.mp3.parent.iterdir()) == [episode.mp3.name]


def test_pause_setting(settings, takes):
    short = mix.assemble(takes, dataclasses.replace(settings, pause_ms=200))
    long = mix.assemble(takes, dataclasses.replace(settings, pause_ms=900))
    assert abs((long.duration_ms - short.duration_ms) - 4 * 700) <= 5
