"""gTTS's own code over real HTTP, against a fake of Google's endpoint on loopback."""

import base64
import json

import pytest
from fake_google import FakeGoogle, Reply, batchexecute, speech
from sound import pitches, tone_mp3

from briefing.errors import EngineError
from briefing.tts.engines.gtts import MAX_CHARS, GttsEngine, chunk_request
from briefing.tts.retry import Backoff, Transient

CHUNK = "Le président russe Vladimir Poutine et son homologue biélorusse ont signé un accord à Minsk."


def engine(fake: FakeGoogle, waits: list[float] | None = None, tries: int = 3, **options) -> GttsEngine:
    sleep = waits.append if waits is not None else (lambda _: None)
    backoff = Backoff(tries=tries, sleep=sleep, random=lambda: 0.0)
    options.setdefault("timeout", (1.0, 1.0))
    return GttsEngine(endpoint=fake.url, backoff=backoff, **options)


def test_a_chunk_is_spoken_by_one_request_carrying_the_text_and_options(monkeypatch):
    monkeypatch.setattr("pydub.audio_segment.mediainfo_json", lambda *a, **k: pytest.fail("ffprobe asked"))
    with FakeGoogle(lambda call: Reply(body=batchexecute(tone_mp3(700, 900)))) as fake:
        audio = engine(fake, slow=True).synthesize(CHUNK)
    [call] = fake.calls
    assert (call.text, call.lang, call.slow) == (CHUNK, "fr", True)
    assert 690 <= len(audio) <= 760  # the tone, decoded without ffprobe
    assert pitches(audio, [len(audio)]) == [900]


def test_a_chunk_is_no_longer_than_what_gtts_sends_in_one_request():
    from gtts import gTTS

    assert MAX_CHARS == gTTS.GOOGLE_TTS_MAX_CHARS
    assert max(len(c) for c in GttsEngine().chunks(CHUNK * 5)) <= MAX_CHARS


def test_the_accent_is_google_s_domain_ending():
    assert GttsEngine(tld="ca").url == "https://translate.google.ca/"
    [request] = chunk_request(CHUNK, lang="fr", tld="ca", slow=False, timeout=(1, 1), endpoint=None)._prepare_requests()
    assert request.url == "https://translate.google.ca/_/TranslateWebserverUi/data/batchexecute"
    assert GttsEngine().url == "https://translate.google.fr/"


@pytest.mark.parametrize("bad", [{"tld": "ca/evil"}, {"lang": "xx"}, {"workers": 0}])
def test_bad_options_are_one_clear_error(bad):
    with pytest.raises(EngineError, match="^gtts: "):
        GttsEngine(**bad)


def test_rate_limit_then_audio_is_retried_honouring_retry_after():
    def answer(call):
        return Reply(429, b"Too Many Requests", {"Retry-After": "2"}) if call.attempt == 0 else speech(call)

    waits: list[float] = []
    with FakeGoogle(answer) as fake:
        audio = engine(fake, waits).synthesize(CHUNK)
    assert len(fake.calls) == 2
    assert waits == [2.0]  # the server's wait, not our shorter back-off
    assert len(audio) > 300


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried(status):
    with FakeGoogle(lambda call: Reply(status) if call.attempt < 2 else speech(call)) as fake:
        engine(fake).synthesize(CHUNK)
    assert len(fake.calls) == 3


def test_a_rate_limit_that_lasts_is_reported_after_the_tries():
    waits: list[float] = []
    with FakeGoogle(lambda call: Reply(429)) as fake:
        with pytest.raises(EngineError, match=r"answered 429 Too Many Requests \(3 tries\)"):
            engine(fake, waits).synthesize(CHUNK)
    assert len(fake.calls) == 3
    assert waits == [0.25, 0.5]  # exponential


def test_a_timeout_is_retried_then_reported():
    with FakeGoogle(lambda call: Reply(stall=True) if call.attempt < 1 else speech(call)) as fake:
        audio = engine(fake, timeout=(0.5, 0.2)).synthesize(CHUNK)
    assert len(fake.calls) == 2 and len(audio) > 300

    with FakeGoogle(lambda call: Reply(stall=True)) as fake:
        with pytest.raises(EngineError, match=r"did not answer within 0.5 s \(3 tries\)"):
            engine(fake, timeout=(0.5, 0.2)).synthesize(CHUNK)
    assert len(fake.calls) == 3


def test_a_refused_connection_is_retried_then_reported(monkeypatch):
    from conftest import NOWHERE

    waits: list[float] = []
    nowhere = GttsEngine(endpoint=NOWHERE, backoff=Backoff(tries=3, sleep=waits.append, random=lambda: 0.0))
    with pytest.raises(EngineError, match=r"cannot connect to 127.0.0.1:\d+ \(3 tries\)"):
        nowhere.synthesize(CHUNK)
    assert len(waits) == 2


def _rpc_line(payload: str) -> bytes:
    line = json.dumps([["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]], separators=(",", ":"))
    return f")]}}'\n\n{len(line)}\n{line}\n".encode()


GARBAGE = {
    # 200 and no RPC line at all: gTTS 2.5.4 yields 0 bytes and raises nothing.
    "an HTML page": b"<html><body>Our systems have detected unusual traffic</body></html>",
    "an empty body": b"",
    "the RPC line without audio": _rpc_line("[]"),
    "audio that is not base64": _rpc_line('["%%%not-base64%%%"]'),
    "base64 of text, not MP3": _rpc_line(json.dumps([base64.b64encode(b"hello, world").decode()])),
    "an MP3 header and then noise": batchexecute(b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 4),
    "bytes that are not UTF-8": b"\xff\xfe\x00jQ1olc\x80\x81",
}


@pytest.mark.parametrize("body", GARBAGE.values(), ids=GARBAGE.keys())
def test_a_200_without_good_audio_is_an_error_not_silence(body):
    with FakeGoogle(lambda call: Reply(200, body)) as fake:
        with pytest.raises(EngineError, match="^gtts: 127.0.0.1:\\d+ answered (without audio|with)"):
            engine(fake).synthesize(CHUNK)
    assert len(fake.calls) == 1  # nonsense is not worth asking again


def test_a_refusal_is_not_retried():
    with FakeGoogle(lambda call: Reply(403)) as fake:
        with pytest.raises(EngineError, match="answered 403 Forbidden$"):
            engine(fake).synthesize(CHUNK)
    assert len(fake.calls) == 1


def test_errors_are_transient_only_for_passing_failures():
    assert issubclass(Transient, EngineError)


def test_a_server_whose_certificate_cannot_be_verified_is_not_asked():
    """gTTS itself would send the text anyway (verify=False); anyone on the way could then speak."""
    import trustme

    with FakeGoogle(tls=trustme.CA()) as fake:
        with pytest.raises(EngineError, match=r"127\.0\.0\.1:\d+'s certificate cannot be verified.*certificate verify failed") as info:
            engine(fake).synthesize(CHUNK)
    assert not isinstance(info.value, Transient), "not tried again"
    assert fake.calls == []


def test_a_certificate_from_the_users_ca_bundle_is_trusted(tmp_path, monkeypatch):
    """A company proxy's CA, say: requests' REQUESTS_CA_BUNDLE is honoured."""
    import trustme

    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "ca.pem"))
    with FakeGoogle(tls=ca) as fake:
        audio = engine(fake).synthesize(CHUNK)
    assert fake.url.startswith("https://") and len(fake.calls) == 1
    assert len(audio) > 0
