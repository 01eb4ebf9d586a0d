"""Which voice a run gets: ``auto``, ``gtts``, ``espeak``, and the one probe of Google."""

import re
import socket
import threading
from dataclasses import replace

import pytest
from conftest import NOWHERE
from fake_google import FakeGoogle

from briefing import config, pipeline, tts
from briefing.errors import EngineError
from briefing.tts.cache import Cache
from briefing.tts.probe import reachable


class Probe:
    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.urls: list[str] = []

    def __call__(self, url: str) -> str | None:
        self.urls.append(url)
        return self.answer


def test_auto_takes_the_offline_voice_when_google_does_not_answer_and_says_so(settings):
    said: list[str] = []
    voices = tts.choose(replace(settings, engine="auto", gtts_endpoint=None), probe=Probe("cannot connect"), say=said.append)
    assert voices.engine.name == "espeak" and voices.fallback is None
    assert said == ["using the offline voice (espeak): translate.google.fr is not reachable (cannot connect)"]


def test_auto_takes_google_when_it_answers_with_the_offline_voice_behind(settings):
    probe = Probe(None)
    voices = tts.choose(replace(settings, engine="auto", gtts_endpoint=None, gtts_tld="ca"), probe=probe)
    assert (voices.engine.name, voices.fallback.name) == ("gtts", "espeak")
    assert probe.urls == ["https://translate.google.ca/"]


def test_gtts_without_network_is_one_clear_error(settings):
    with pytest.raises(EngineError) as error:
        tts.choose(replace(settings, engine="gtts", gtts_endpoint=None), probe=Probe("cannot connect"))
    assert str(error.value) == (
        "gtts: Google's voice at translate.google.fr is not reachable (cannot connect); --engine espeak works offline"
    )


def test_gtts_with_an_offline_fallback_falls_back(settings):
    said: list[str] = []
    voices = tts.choose(replace(settings, engine="gtts", fallback="espeak"), probe=Probe("cannot connect"), say=said.append)
    assert voices.engine.name == "espeak" and len(said) == 1
    voices = tts.choose(replace(settings, engine="gtts", fallback="espeak"), probe=Probe(None))
    assert (voices.engine.name, voices.fallback.name) == ("gtts", "espeak")


def test_espeak_asks_nothing_of_the_network(settings):
    voices = tts.choose(replace(settings, engine="espeak"), probe=lambda url: pytest.fail("probed"))
    assert voices.engine.name == "espeak"


def test_an_unknown_engine_is_named(settings):
    with pytest.raises(EngineError, match=r"unknown voice engine 'google' \(known: auto, gtts, espeak, kokoro\)"):
        tts.choose(replace(settings, engine="google"))


def test_no_probe_when_every_chunk_is_cached_already(settings, seed, tmp_path):
    cache = Cache(tmp_path)
    segments = pipeline.write_script([seed], settings).segments
    online, offline = tts.get_engine("gtts", settings), tts.get_engine("espeak", settings)
    for segment in segments:
        for line in segment.lines:
            for chunk in online.chunks(line.spoken):
                cache.put(tts.key_of(online, chunk), offline.synthesize(chunk))  # any audio will do
    voices = tts.choose(replace(settings, engine="auto"), segments, cache, probe=lambda url: pytest.fail("probed"))
    assert voices.engine.name == "gtts"
    cache.path(tts.key_of(online, online.chunks(segments[-1].lines[-1].spoken)[-1])).unlink()
    probe = Probe(None)
    tts.choose(replace(settings, engine="auto"), segments, cache, probe=probe)
    assert len(probe.urls) == 1  # one chunk missing: Google is asked whether it answers


def test_a_run_probes_once_then_voices_every_segment(settings, seed):
    probe = Probe("cannot connect")
    said: list[str] = []
    result = pipeline.make([seed], replace(settings, engine="auto"), said.append, probe=probe)
    assert len(probe.urls) == 1
    assert result.episode.mp3.stat().st_size > 10_000
    assert any(line.startswith("using the offline voice (espeak): ") for line in said)


def test_the_probe_answers_within_its_deadline_whatever_the_server_does():
    with FakeGoogle() as fake:
        assert reachable(fake.url, timeout=1.0) is None
        assert fake.heads == 1
    assert reachable(NOWHERE, timeout=1.0) == "cannot connect"

    silent = socket.socket()  # accepts, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        # the deadline's own answer: it gave up waiting, the server never spoke
        assert reachable(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.3) == "no answer within 0.3 s"
    finally:
        silent.close()


def test_the_probe_gives_up_at_the_deadline_even_when_name_lookup_hangs(monkeypatch):
    hung, looked_up = threading.Event(), threading.Event()

    def lookup(*args, **kwargs):
        hung.wait(60)
        looked_up.set()
        return []

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    assert reachable("https://translate.google.fr/", timeout=0.2) == "no answer within 0.2 s"
    assert not looked_up.is_set()  # it answered while the name lookup was still hanging
    hung.set()


def test_engines_lists_each_engine_whether_usable_and_its_options(settings):
    rows = {row.name: row for row in tts.statuses(replace(settings, gtts_endpoint=None), probe=Probe("cannot connect"))}
    assert list(rows) == ["gtts", "espeak", "kokoro", "auto"]
    assert rows["gtts"].usable == "no (translate.google.fr: cannot connect)"
    assert rows["espeak"].usable == "yes"
    assert rows["auto"].usable == "→ espeak"
    assert "--tld fr" in rows["gtts"].options and "--slow" in rows["gtts"].options and "--workers 4" in rows["gtts"].options
    assert tts.statuses(settings, probe=Probe(None))[-1].usable == "→ gtts"


def test_the_voice_options_are_config_keys_too(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text(
        '[voice]\nengine = "gtts"\nfallback = "espeak"\ntld = "ca"\nslow = true\nworkers = 2\ntimeout = 3\n'
        'cache = false\ncache_dir = "audio-cache"\n',
        encoding="utf-8",
    )
    s = config.load(path)
    assert (s.engine, s.fallback, s.gtts_tld, s.gtts_slow, s.workers, s.gtts_timeout) == ("gtts", "espeak", "ca", True, 2, 3.0)
    assert (s.cache, s.cache_dir) == (False, tmp_path / "audio-cache")
    for wrong, message in [
        ('engine = "google"', "[voice] engine unknown voice engine 'google' (known: auto, gtts, espeak, kokoro)"),
        ('fallback = "auto"', "[voice] fallback unknown voice engine 'auto' (known: none, gtts, espeak, kokoro)"),
        ('tld = "ca/x"', "[voice] tld is not a Google domain ending"),
        ("workers = 0", "[voice] workers must be between 1 and 16, not 0"),
    ]:
        path.write_text(f"[voice]\n{wrong}\n", encoding="utf-8")
        with pytest.raises(config.ConfigError, match=re.escape(message)):
            config.load(path)


def test_a_slow_speech_speed_asks_google_for_its_slow_voice(settings):
    assert tts.get_engine("gtts", replace(settings, rate=0.75)).slow is True
    assert tts.get_engine("gtts", replace(settings, rate=0.9)).slow is False
    assert tts.get_engine("espeak", replace(settings, rate=0.5)).words_per_minute == 80
