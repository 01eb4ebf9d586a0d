"""Trying a request again after a passing failure: exponential back-off with jitter.

The clock's ``sleep`` and the source of randomness are passed in, so tests
run a dozen retries in no time and know each delay.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from briefing.errors import EngineError

T = TypeVar("T")


class Transient(EngineError):
    """A failure worth another try: rate limit, server error, lost connection, timeout."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds the server asked us to wait, if it did


@dataclass(frozen=True)
class Backoff:
    """Up to ``tries`` calls; before each new one, wait about ``base * 2**n`` seconds.

    The wait is "equal jitter": half of the exponential step, plus a random
    part of the other half, capped at ``cap``. A server's ``Retry-After`` is
    a floor on the wait; one longer than ``max_retry_after`` ends the tries.
    """

    tries: int = 5
    base: float = 0.5
    cap: float = 8.0
    max_retry_after: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = random.random

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed call number ``attempt`` (0 for the first)."""
        step = min(self.cap, self.base * 2**attempt)
        wait = step / 2 + self.random() * step / 2
        return max(wait, retry_after) if retry_after is not None else wait

    def run(self, call: Callable[[], T]) -> T:
        """``call()``, tried again on ``Transient``; other errors pass straight through.

        Raises ``EngineError`` naming the last failure once the tries are spent.
        """
        for attempt in range(self.tries):
            try:
                return call()
            except Transient as exc:
                last = exc
                if exc.retry_after is not None and exc.retry_after > self.max_retry_after:
                    raise EngineError(f"{exc}; the server asks to wait {exc.retry_after:.0f} s") from None
                if attempt + 1 < self.tries:
                    self.sleep(self.delay(attempt, exc.retry_after))
        raise EngineError(f"{last} ({self.tries} tries)") from None
