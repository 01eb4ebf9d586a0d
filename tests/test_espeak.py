import pytest

from briefing import tts
from briefing.errors import EngineError
from briefing.tts.engines.espeak import EspeakEngine

SENTENCE = "Le président russe a signé un accord de sécurité avec son homologue biélorusse."


def test_french_speech_of_plausible_length():
    audio = EspeakEngine().synthesize(SENTENCE)
    assert audio.channels == 1 and audio.sample_width == 2
    assert audio.frame_rate == 22050
    # 13 words at 160 words per minute: about five seconds of speech
    assert 3000 < len(audio) < 8000
    assert audio.rms > 300  # speech, not silence


def test_more_text_takes_longer_and_a_faster_rate_is_shorter():
    engine = EspeakEngine()
    one = len(engine.synthesize(SENTENCE))
    two = len(engine.synthesize(SENTENCE + " " + SENTENCE))
    assert 1.7 < two / one < 2.3
    fast = len(EspeakEngine(words_per_minute=320).synthesize(SENTENCE))
    assert fast < one * 0.7


def test_calls_do_not_leak_audio_into_each_other():
    engine = EspeakEngine()
    first = len(engine.synthesize("Bonjour à tous."))
    engine.synthesize(SENTENCE)
    again = len(engine.synthesize("Bonjour à tous."))
    assert abs(first - again) < 20  # espeak-ng varies by a few samples, no more


def test_unknown_voice():
    with pytest.raises(EngineError, match="no voice named 'zz'"):
        EspeakEngine(voice="zz").synthesize("Bonjour.")


def test_registry(settings):
    assert tts.get_engine("espeak", settings).name == "espeak"
    with pytest.raises(EngineError, match="unknown voice engine 'nope'"):
        tts.get_engine("nope", settings)
