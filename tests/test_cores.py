"""Work on all cores: same results, same order, errors surfaced, no deadlock when nested."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from briefing.mix import cores

from briefing.mix import loudness
from audio_helpers import true_peak


def test_results_in_order_of_the_items():
    assert cores.map_items(lambda x: x * x, range(50)) == [x * x for x in range(50)]


def test_work_nested_in_work_finishes():

    def outer(n: int) -> int:
        return sum(cores.map_items(lambda x: x + n, range(10)))

    done = []
    worker = threading.Thread(target=lambda: done.append(cores.map_items(outer, range(8))), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert done == [[sum(range(10)) + 10 * n for n in range(8)]]


def test_an_error_in_one_item_reaches_the_caller():
    def fails_on_three(x: int) -> int:
        if x == 3:
            raise ValueError("three")
        return x

    with pytest.raises(ValueError, match="three"):
        cores.map_items(fails_on_three, range(6))


def test_loudness_is_the_same_split_over_cores_or_not(monkeypatch):
    rng = np.random.default_rng(7)
    signal = rng.standard_normal(22050 * 20) * 0.1 * np.sin(np.linspace(0, 40, 22050 * 20)) ** 2
    spread = loudness.integrated(signal, 22050), true_peak(signal)
    monkeypatch.setattr(cores.os, "cpu_count", lambda: 1)
    alone = loudness.integrated(signal, 22050), true_peak(signal)
    assert spread == alone
