"""Speech speed where the voice cannot set it: ffmpeg's atempo, pitch kept, captions following."""

import re

import pytest
from fake_google import FakeGoogle, Reply, batchexecute
from sound import pitches, tone_mp3

from briefing.models import Line, Script, Segment
from briefing.tts import speak, tempo
from briefing.tts.engines.gtts import GttsEngine
from briefing.tts.retry import Backoff
import datetime as dt

TONE_MS = 600


def by_tone(call) -> Reply:
    n = int(re.search(r"ton (\d+)", call.text).group(1))
    return Reply(body=batchexecute(tone_mp3(TONE_MS, 100 * n)))


SCRIPT = Script(
    date=dt.date(2026, 11, 24), show="Le Briefing", title="t", stem="s",
    segments=(
        Segment(kind="story", title="Un", lines=(Line("Voici le ton 3.", "Voici le ton 3."), Line("Voici le ton 5.", "Voici le ton 5."))),
    ),
)


def test_residual_speed_per_engine():
    assert tempo.residual("espeak", 1.7) == 1.0  # espeak-ng sets its own rate
    assert tempo.residual("gtts", 0.6) == 1.0  # Google's slow voice
    assert tempo.residual("gtts", 1.5) == 1.5
    assert tempo.residual("gtts", 0.9) == 0.9
    assert tempo.residual("gtts", 1.0) == 1.0


@pytest.mark.parametrize("rate", [1.5, 0.85])
def test_google_voice_at_another_speed_keeps_its_pitch_and_its_captions(rate):
    with FakeGoogle(by_tone) as fake:
        engine = GttsEngine(endpoint=fake.url, timeout=(2, 2), backoff=Backoff(tries=1, sleep=lambda _: None))
        (normal,) = speak(SCRIPT, engine)
        (other,) = speak(SCRIPT, engine, rate=rate)
    assert len(other.audio) == pytest.approx(len(normal.audio) / rate, rel=0.03)
    for before, after in zip(normal.spans, other.spans):
        assert after.start_ms == pytest.approx(before.start_ms / rate, abs=2)
        assert after.end_ms == pytest.approx(before.end_ms / rate, abs=2)
    # each line still sounds at its own pitch, where its span says it is
    heard = [pitches(other.audio[s.start_ms : s.end_ms], [s.end_ms - s.start_ms])[0] for s in other.spans]
    assert heard == [300, 500]
