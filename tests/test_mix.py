import dataclasses
import tracemalloc

import numpy as np
import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3, BitrateMode

from audio_helpers import decoded, dominant_hz, lufs, rms, tone_take, true_peak, true_peak_dbtp
from briefing.mix import assemble as mix
from briefing.publish import id3
from briefing.errors import InputError
from briefing.ffmpeg import AudioSegment, mp3_duration_ms
from briefing.models import Line, Segment, Span, Take
from briefing.resources import default_cover, jingle

# Frequencies that do not fit a whole number of cycles in the tones, so every
# tone stops mid-wave: without a fade that is a click.
FREQS = {"Introduction": 445, "Première histoire": 555, "Deuxième histoire": 665, "Conclusion": 335}


@pytest.fixture
def takes():
    return [
        tone_take("intro", "Introduction", [(445, 1500), (445, 900)]),
        tone_take("story", "Première histoire", [(555, 2200), (555, 1800)]),
        tone_take("story", "Deuxième histoire", [(665, 3300)]),
        tone_take("outro", "Conclusion", [(335, 1200)]),
    ]


def tagged(takes, settings):
    """Mixed, then tagged, as the pipeline does."""
    episode = mix.assemble(takes, settings)
    id3.write(episode.mp3, episode, settings)
    return episode


@pytest.fixture
def episode(settings, takes):
    return tagged(takes, settings)


def _ms(name):
    return len(AudioSegment.from_file(jingle(name), format="wav"))


def test_duration_is_the_layout(settings, takes, episode):
    voices = sum(len(t.audio) for t in takes)
    pause = settings.pause_ms
    expected = (
        _ms("intro") - mix.JINGLE_UNDER_VOICE_MS  # the greeting comes in over the jingle's tail
        + voices
        + (len(takes) - 1) * (pause + _ms("sting") + pause)  # a sting between segments
        + pause
        + _ms("outro")
    )
    assert abs(episode.duration_ms - expected) <= 5
    assert abs(mp3_duration_ms(episode.mp3) - expected) <= 100  # ffmpeg decodes it without error
    # the Xing/LAME header gives players the exact length
    assert abs(MP3(episode.mp3).info.length * 1000 - expected) <= 60


def test_mp3_format(episode):
    info = MP3(episode.mp3).info
    assert info.channels == 1 and info.sample_rate == 44100
    assert info.bitrate == 64000 and info.bitrate_mode == BitrateMode.CBR


def test_bitrate_setting(settings, takes):
    ep = mix.assemble(takes, dataclasses.replace(settings, bitrate="96k"))
    assert MP3(ep.mp3).info.bitrate == 96000


def test_id3_tags(episode, settings):
    tags = ID3(episode.mp3)
    assert tags.version[:2] == (2, 4)
    assert str(tags["TIT2"]) == "Le Briefing du mardi 24 novembre 2026"
    assert str(tags["TPE1"]) == settings.show  # the author, unless said otherwise
    assert str(tags["TALB"]) == "Le Briefing"
    assert str(tags["TDRC"]) == "2026-11-24"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TLAN"]) == "fra"
    assert "Première histoire ; Deuxième histoire" in str(tags.getall("COMM")[0])
    (cover,) = tags.getall("APIC")
    assert cover.mime == "image/png" and cover.type == 3
    assert cover.data == default_cover().read_bytes()


def test_user_cover_and_bad_cover(settings, takes, tmp_path):
    jpeg = tmp_path / "cover.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    ep = tagged(takes, dataclasses.replace(settings, cover=jpeg))
    assert ID3(ep.mp3).getall("APIC")[0].mime == "image/jpeg"
    text = tmp_path / "cover.txt"
    text.write_text("pas une image")
    with pytest.raises(InputError, match="not a PNG or JPEG"):
        tagged(takes, dataclasses.replace(settings, cover=text))


def test_chapters_in_id3_follow_the_voices(episode, takes):
    tags = ID3(episode.mp3)
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    ordered = [chaps[i] for i in toc.child_element_ids]
    assert [str(c.sub_frames["TIT2"]) for c in ordered] == [t.segment.title for t in takes]
    assert [(c.start_time, c.end_time) for c in ordered] == [(c.start_ms, c.end_ms) for c in episode.chapters]
    assert ordered[0].start_time == 0 and ordered[-1].end_time == episode.duration_ms
    for before, after in zip(ordered, ordered[1:]):
        assert before.end_time == after.start_time


def test_each_chapter_starts_exactly_where_its_voice_starts(episode):
    samples, rate = decoded(episode.mp3)
    for chapter in episode.chapters[1:]:
        at = chapter.start_ms * rate // 1000
        ms = rate // 1000
        # silence (the pause) just before, the chapter's own tone from 10 ms after
        assert rms(samples[at - 60 * ms : at - 10 * ms]) < 0.01
        assert rms(samples[at + 10 * ms : at + 60 * ms]) > 0.05
        assert abs(dominant_hz(samples[at + 20 * ms : at + 400 * ms], rate) - FREQS[chapter.title]) < 10


def test_loudness_and_true_peak(episode, settings):
    samples, rate = decoded(episode.mp3)
    assert abs(lufs(samples, rate) - settings.loudness_lufs) <= 1.0
    assert true_peak_dbtp(samples) <= settings.true_peak_dbtp


def test_loudness_target_is_configurable(settings, takes):
    ep = mix.assemble(takes, dataclasses.replace(settings, loudness_lufs=-19.0))
    samples, rate = decoded(ep.mp3)
    assert abs(lufs(samples, rate) + 19.0) <= 1.0


def test_quiet_and_loud_voices_end_at_the_same_loudness(settings):
    takes = [
        tone_take("intro", "Introduction", [(440, 3000)], volume_db=-35),
        tone_take("story", "Première histoire", [(550, 3000)], volume_db=-3),
        tone_take("outro", "Conclusion", [(330, 3000)], volume_db=-20),
    ]
    ep = mix.assemble(takes, settings)
    samples, rate = decoded(ep.mp3)
    starts = [_ms("intro") - mix.JINGLE_UNDER_VOICE_MS] + [c.start_ms for c in ep.chapters[1:]]
    levels = [lufs(samples[(s + 200) * rate // 1000 : (s + 2800) * rate // 1000], rate) for s in starts]
    assert max(levels) - min(levels) <= 1.0


def _jingle_band(samples, rate, start_ms, end_ms):
    """Energy of the intro jingle's notes (C5 to C6) in a stretch, leaving out the 445 Hz voice."""
    piece = samples[start_ms * rate // 1000 : end_ms * rate // 1000]
    spectrum = np.abs(np.fft.rfft(piece)) ** 2
    freqs = np.fft.rfftfreq(len(piece), 1 / rate)
    return spectrum[(freqs > 500) & (freqs < 1100)].sum()


def test_jingle_is_ducked_under_the_greeting(settings, takes, monkeypatch):
    voice_start = _ms("intro") - mix.JINGLE_UNDER_VOICE_MS
    ducked, rate = decoded(mix.assemble(takes, settings).mp3)
    monkeypatch.setattr(mix, "DUCK_DB", 0.0)
    plain, _ = decoded(mix.assemble(takes, settings).mp3)
    under = (voice_start + 50, voice_start + 700)
    drop = 10 * np.log10(_jingle_band(plain, rate, *under) / _jingle_band(ducked, rate, *under))
    assert drop >= 10  # the music steps well back while the greeting is spoken
    # and it is heard on its own first, at full level
    before = (voice_start - 600, voice_start - 200)
    assert abs(10 * np.log10(_jingle_band(plain, rate, *before) / _jingle_band(ducked, rate, *before))) < 1.5


def test_no_clicks_at_joins(episode, takes, settings):
    samples, rate = decoded(episode.mp3)
    highs = np.abs(np.diff(samples, 2))  # a click is a burst of high frequencies
    starts = [_ms("intro") - mix.JINGLE_UNDER_VOICE_MS] + [c.start_ms for c in episode.chapters[1:]]
    joins = [ms for start, take in zip(starts, takes) for ms in (start, start + len(take.audio))]
    body = np.median([highs[(s + 300) * rate // 1000 : (s + 800) * rate // 1000].max() for s in starts[1:]])
    for at in joins:
        at = at * rate // 1000
        assert highs[at - rate // 50 : at + rate // 50].max() <= body * 1.5


def test_ends_fade(episode):
    samples, rate = decoded(episode.mp3)
    assert rms(samples[-rate // 20 :]) < 0.01


def test_a_failed_encode_keeps_the_previous_file(settings, takes, monkeypatch):
    episode = mix.assemble(takes, settings)
    good = episode.mp3.read_bytes()

    class DiskFull(mix.Mp3Encoder):
        def write(self, pcm):
            super().write(pcm[: len(pcm) // 2])  # part of an MP3 written
            raise OSError("disk full")

    monkeypatch.setattr(mix, "Mp3Encoder", DiskFull)
    with pytest.raises(OSError, match="disk full"):
        mix.assemble(takes[:2], settings)
    assert episode.mp3.read_bytes() == good
    assert sorted(p.name for p in episode.mp3.parent.iterdir()) == [episode.mp3.name]


def test_a_failure_before_the_encode_stops_the_encoder_and_leaves_nothing(settings, takes, monkeypatch):
    started = []

    class Watched(mix.Mp3Encoder):
        def __init__(self, *args):
            super().__init__(*args)
            started.append(self._process)

    def fails(*args):
        raise MemoryError("no room to mix")

    monkeypatch.setattr(mix, "Mp3Encoder", Watched)
    monkeypatch.setattr(mix.loudness, "normalizer", fails)
    with pytest.raises(MemoryError):
        mix.assemble(takes, settings)
    assert started and started[0].returncode is not None, "the ffmpeg process was stopped and reaped"
    assert list(settings.output.iterdir()) == []


def test_pause_setting(settings, takes):
    short = mix.assemble(takes, dataclasses.replace(settings, pause_ms=200))
    long = mix.assemble(takes, dataclasses.replace(settings, pause_ms=900))
    # two pauses around each of the three stings, one before the outro jingle
    assert abs((long.duration_ms - short.duration_ms) - 7 * 700) <= 5


def test_loudness_meter_agrees_with_an_independent_one(episode):
    from briefing.mix import loudness

    samples, rate = decoded(episode.mp3)
    assert loudness.integrated(samples, rate) == pytest.approx(lufs(samples, rate), abs=0.2)
    assert true_peak(samples) == pytest.approx(true_peak_dbtp(samples), abs=0.3)


def _long_take(number: int, seconds: int, rate: int):
    """A story whose one line is a tone, at ``rate``."""
    t = np.arange(seconds * rate) / rate
    pcm = (0.3 * np.sin(2 * np.pi * (200 + 10 * number) * t) * 32767).astype("<i2")
    segment = Segment(kind="story", title=f"Histoire {number}", lines=(Line("Une ligne.", "Une ligne."),))
    audio = AudioSegment(data=pcm.tobytes(), sample_width=2, frame_rate=rate, channels=1)
    return Take(segment=segment, audio=audio, engine="test", spans=(Span(0, seconds * 1000),))


def test_a_long_episode_is_mixed_without_ever_being_held_whole(settings, monkeypatch):
    """Six minutes of voices at 24 kHz (the mix resamples them to its rate): all
    the mix holds at once, its takes aside, stays under half of one float copy of
    the episode (one float copy, or a 16-bit copy with anything else, would not),
    and every sample of the episode reaches the encoder."""
    takes = [_long_take(n, 20, 24000) for n in range(18)]
    handed = []

    class Discarding:  # the encode itself is ffmpeg's, in its own process: only what it is handed counts here
        def __init__(self, *args):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            pass

        def write(self, pcm):
            handed.append(len(pcm))

        def finish(self):
            pass

    monkeypatch.setattr(mix, "Mp3Encoder", Discarding)
    tracemalloc.start()
    try:
        episode = mix.assemble(takes, settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    frames = sum(handed) // 2
    assert episode.duration_ms == round(frames * 1000 / mix.MIX_RATE) and episode.duration_ms > 6 * 60_000
    assert peak < frames * 4 / 2
