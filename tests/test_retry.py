import datetime as dt

import pytest

from briefing.errors import EngineError
from briefing.tts.engines.gtts import retry_after
from briefing.tts.retry import Backoff, Transient


class Flaky:
    """Fails with the given errors, in turn, then answers."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "audio"


def test_waits_grow_exponentially_with_jitter_up_to_a_cap():
    low = Backoff(base=0.5, cap=8.0, random=lambda: 0.0)
    high = Backoff(base=0.5, cap=8.0, random=lambda: 1.0)
    assert [low.delay(n) for n in range(6)] == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0]
    assert [high.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_a_passing_failure_is_tried_again_after_a_wait():
    waits: list[float] = []
    call = Flaky(Transient("429"), Transient("503"))
    assert Backoff(sleep=waits.append, random=lambda: 0.5).run(call) == "audio"
    assert call.calls == 3
    assert waits == [0.375, 0.75]


def test_retry_after_is_a_floor_on_the_wait():
    waits: list[float] = []
    Backoff(sleep=waits.append, random=lambda: 0.0).run(Flaky(Transient("429", retry_after=3.0)))
    assert waits == [3.0]


def test_a_retry_after_beyond_reason_ends_the_tries():
    call = Flaky(Transient("gtts: answered 429", retry_after=3600.0))
    with pytest.raises(EngineError, match="asks to wait 3600 s"):
        Backoff(sleep=lambda _: None, max_retry_after=30).run(call)
    assert call.calls == 1


def test_gives_up_after_the_tries_naming_the_last_failure():
    waits: list[float] = []
    call = Flaky(*[Transient("gtts: answered 503")] * 10)
    with pytest.raises(EngineError, match=r"^gtts: answered 503 \(4 tries\)$"):
        Backoff(tries=4, sleep=waits.append).run(call)
    assert call.calls == 4
    assert len(waits) == 3  # no wait after the last try


def test_a_final_error_is_not_tried_again():
    call = Flaky(EngineError("gtts: answered 403 Forbidden"))
    with pytest.raises(EngineError, match="403"):
        Backoff(sleep=lambda _: pytest.fail("must not wait")).run(call)
    assert call.calls == 1


def test_retry_after_header_in_seconds_or_as_a_date():
    now = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone.utc)
    assert retry_after("7", now.timestamp()) == 7.0
    assert retry_after("Tue, 24 Nov 2026 08:00:12 GMT", now.timestamp()) == 12.0
    assert retry_after("Tue, 24 Nov 2026 07:00:00 GMT", now.timestamp()) == 0.0
    assert retry_after("soon", now.timestamp()) is None
    assert retry_after(None, now.timestamp()) is None
