"""The cluster's messages: briefing's values go through, nothing else is built."""

from __future__ import annotations

import os
import pickle

import pytest

pytest.importorskip("kombu", reason="test_cluster_messages: Celery is not installed (pip install -e '.[cluster]')")

from briefing.sources import articles as sources  # noqa: E402
from briefing.daily.cluster import serializer  # noqa: E402
from briefing.config import Settings  # noqa: E402
from briefing.sources.fetch import HttpFetch  # noqa: E402
from briefing.daily.work import ReadJob  # noqa: E402
from conftest import NOW, SEED  # noqa: E402


def test_a_story_to_read_goes_through_and_reads_the_same_on_the_other_side(tmp_path):
    (item,) = sources.find(SEED, HttpFetch())
    job = ReadJob(item, NOW.date(), 3, tmp_path)
    back = serializer.loads(serializer.dumps(job))
    assert back.item.read() == item.read()
    assert serializer.loads(serializer.dumps(Settings(now=NOW))) == Settings(now=NOW)


class Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_message_that_would_call_anything_else_is_refused(tmp_path):
    with pytest.raises(pickle.UnpicklingError, match="may not hold posix.system"):
        serializer.loads(pickle.dumps(Evil()))
