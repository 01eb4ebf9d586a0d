"""A whole script through the pool, the cache and the fallback, with gTTS over loopback HTTP."""

import re

import pytest
from fake_google import FakeGoogle, Reply, batchexecute, speech
from sound import pitches, tone_mp3

from briefing.errors import EngineError
from briefing.models import Line, Segment
from briefing.tts.cache import Cache
from briefing.tts.engines.espeak import EspeakEngine
from briefing.tts.engines.gtts import GttsEngine
from briefing.tts.retry import Backoff
from briefing.tts.voicing import GIVE_UP_AFTER, Voices, speak

# Each chunk of these segments names its tone: « ton 3 » is answered with
# 300 Hz for 240 ms, and is answered last-first so the pool finishes out of order.
TONE_MS = 240


def tones(*numbers: int) -> str:
    return " ".join(f"Voici le ton {n}, " + "ceci est une phrase de remplissage assez longue pour un morceau." for n in numbers)


def segment(title: str, *lines: str) -> Segment:
    return Segment(kind="story", title=title, lines=tuple(Line(text=line, spoken=line) for line in lines))


SEGMENTS = [
    segment("Introduction", tones(3, 5)),  # one line, two chunks
    segment("Minsk", tones(7, 2), tones(9)),  # two lines
    segment("Conclusion", tones(4)),
]
ORDER = [3, 5, 7, 2, 9, 4]


def heard(take) -> list[list[int]]:
    """The tones of each line of a take, found where its span says the line is."""
    return [pitches(take.audio[s.start_ms : s.end_ms], [TONE_MS] * round((s.end_ms - s.start_ms) / TONE_MS)) for s in take.spans]


def by_tone(call) -> Reply:
    n = int(re.search(r"ton (\d+)", call.text).group(1))
    return Reply(body=batchexecute(tone_mp3(TONE_MS, 100 * n)), delay=(10 - n) * 0.02)


def gtts(fake: FakeGoogle, workers: int = 4, tries: int = 3) -> GttsEngine:
    return GttsEngine(endpoint=fake.url, workers=workers, timeout=(2, 2), backoff=Backoff(tries=tries, sleep=lambda _: None))


def test_order_is_kept_under_concurrency(tmp_path):
    with FakeGoogle(by_tone) as fake:
        takes = speak(SEGMENTS, Voices(gtts(fake)), Cache(tmp_path))
    assert len(fake.calls) == 6
    assert fake.most_in_flight > 1
    assert [int(re.search(r"ton (\d+)", t).group(1)) for t in fake.answered] != ORDER  # answered out of order…
    assert [heard(take) for take in takes] == [[[300, 500]], [[700, 200], [900]], [[400]]]  # …yet every chunk in its place
    assert [t.engine for t in takes] == ["gtts"] * 3


def test_all_chunks_of_all_segments_share_one_bounded_pool(tmp_path):
    with FakeGoogle(speech, delay=0.05) as fake:
        speak(SEGMENTS, Voices(gtts(fake, workers=2)), Cache(tmp_path))
    assert fake.most_in_flight == 2
    with FakeGoogle(speech, delay=0.05) as fake:
        speak(SEGMENTS, Voices(gtts(fake, workers=4)), None)
    assert fake.most_in_flight == 4  # across segments: no segment has 4 chunks


def test_a_second_run_makes_no_request_and_gives_the_same_audio(tmp_path):
    with FakeGoogle(by_tone) as fake:
        first = speak(SEGMENTS, Voices(gtts(fake)), Cache(tmp_path))
        made = len(fake.calls)
        said: list[str] = []
        second = speak(SEGMENTS, Voices(gtts(fake)), Cache(tmp_path), said.append)
    assert made == 6 and len(fake.calls) == 6
    assert [t.audio.raw_data for t in second] == [t.audio.raw_data for t in first]
    assert "6 chunks, 6 from the cache" in said[0]


def test_the_same_chunk_twice_is_asked_once(tmp_path):
    twice = [segment("A", tones(1)), segment("B", tones(1))]
    with FakeGoogle(by_tone) as fake:
        takes = speak(twice, Voices(gtts(fake)), None)
    assert len(fake.calls) == 1
    assert takes[0].audio.raw_data == takes[1].audio.raw_data


def test_a_damaged_cache_entry_is_noticed_and_made_again(tmp_path):
    cache = Cache(tmp_path)
    with FakeGoogle(by_tone) as fake:
        speak(SEGMENTS[2:], Voices(gtts(fake)), cache)
        [entry] = list(tmp_path.rglob("*.audio"))
        entry.write_bytes(entry.read_bytes()[:-100])  # cut short, as by a full disk
        [take] = speak(SEGMENTS[2:], Voices(gtts(fake)), cache)
    assert len(fake.calls) == 2
    assert heard(take) == [[400]]
    assert cache.get(entry.stem) is not None  # made again, whole


def test_cache_keys_tell_engines_options_and_text_apart(tmp_path):
    cache = Cache(tmp_path)
    with FakeGoogle(speech) as fake:
        for engine in (gtts(fake), GttsEngine(endpoint=fake.url, tld="ca"), GttsEngine(endpoint=fake.url, slow=True)):
            speak(SEGMENTS[2:], Voices(engine), cache)
        speak([segment("C", SEGMENTS[2].spoken + " Fin.")], Voices(gtts(fake)), cache)
    assert len(fake.calls) == 4


def test_the_offline_voice_goes_through_the_cache_too(tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    [first] = speak(SEGMENTS[2:], Voices(EspeakEngine()), cache)
    monkeypatch.setattr(EspeakEngine, "fetch", lambda *_: pytest.fail("not from the cache"))
    [second] = speak(SEGMENTS[2:], Voices(EspeakEngine()), cache)
    assert second.audio.raw_data == first.audio.raw_data and len(first.audio) > 1000


def test_a_failed_segment_stops_the_run_naming_it():
    def answer(call):
        return Reply(503) if "ton 9" in call.text else speech(call)

    with FakeGoogle(answer) as fake:
        with pytest.raises(EngineError, match=r"^segment 2 of 3 \(Minsk\): gtts: 127.0.0.1:\d+ answered 503 .*\(3 tries\)$"):
            speak(SEGMENTS, Voices(gtts(fake)), None)


def test_with_a_fallback_only_the_failed_segment_is_voiced_offline_and_the_run_says_so(tmp_path):
    def answer(call):
        return Reply(429) if "ton 9" in call.text else by_tone(call)

    said: list[str] = []
    with FakeGoogle(answer) as fake:
        takes = speak(SEGMENTS, Voices(gtts(fake), fallback=EspeakEngine()), Cache(tmp_path), said.append)
    assert [t.engine for t in takes] == ["gtts", "espeak", "gtts"]
    assert heard(takes[0]) == [[300, 500]]
    assert len(takes[1].audio) > 2000  # espeak reading the whole segment
    [fallback_line] = [line for line in said if "offline" in line]
    assert re.fullmatch(r"segment 2 of 3 \(Minsk\): gtts: .*429.*; voiced offline with espeak instead", fallback_line)


def test_a_voice_that_is_down_is_given_up_for_the_rest_of_the_run(tmp_path):
    segments = [segment(f"S{n}", tones(n)) for n in range(1, 10)]
    said: list[str] = []
    with FakeGoogle(lambda call: Reply(503)) as fake:
        takes = speak(segments, Voices(gtts(fake, workers=1, tries=2), fallback=EspeakEngine()), None, said.append)
    assert [t.engine for t in takes] == ["espeak"] * 9
    # 4 chunks fail (2 tries each), the one already in flight ends; the others are not asked
    assert GIVE_UP_AFTER <= len(set(fake.texts())) <= GIVE_UP_AFTER + 2 < len(segments)
    assert "segment 9 of 9 (S9): not asked, gtts had failed on 4 chunks already; voiced offline with espeak instead" in said
