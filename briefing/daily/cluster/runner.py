"""``briefing editions --cluster``: the work sent to the cluster's Celery workers.

Stories are read by a group of tasks, one per story; each episode is one
chord: a task per segment voices it into the shared cache, and when all are
done the chord's body mixes, encodes and publishes the episode. The run waits
for every chord. Redis gone at any point stops it with one line: episodes
not yet published are not, and their feeds are as they were.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator, Sequence

import redis
from celery import chord, group
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from briefing.daily import work
from briefing.daily.cluster import app as cluster_app
from briefing.daily.cluster.locks import RedisLocks
from briefing.errors import BriefingError

WAIT_FOR_WORKERS_S = 5.0
POLL_S = 0.25  # how often the run asks Redis which tasks are done


class BrokerLost(BriefingError):
    """The cluster's Redis stopped answering."""


def shown(url: str) -> str:
    """``url`` with its password hidden, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit((parts.scheme, f":***@{host}", parts.path, parts.query, parts.fragment))


class ClusterRunner:
    """The work on the cluster whose Redis is at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
        except RedisError as exc:
            raise BriefingError(f"the cluster's Redis at {shown(url)} cannot be reached ({exc}); "
                                "start it, or leave out --cluster to make the editions on this machine") from None
        self.app = cluster_app.make(url)
        self.tasks = self.app.tasks
        self.locks = RedisLocks(url)
        self.unfinished: list[str] = []

    def __enter__(self) -> ClusterRunner:
        with self._talking():
            # the first answer is enough: without a limit, a ping waits out its whole timeout
            workers = self.app.control.ping(timeout=WAIT_FOR_WORKERS_S, limit=1)
        if not workers:
            raise BriefingError(f"no worker answers on {shown(self.url)}: start some with "
                                f"briefing worker --cluster {shown(self.url)}")
        return self

    def __exit__(self, *exc) -> None:
        self.app.close()

    def read(self, jobs: Sequence[work.ReadJob]) -> list[work.ReadResult | work.Failure]:
        with self._talking():
            sent = group(self.tasks["briefing.read_story"].s(job) for job in jobs).apply_async()
            ids = [result.id for result in sent.results]
            values = dict(self._values(ids))
        return [values[i] for i in ids]

    def episodes(self, jobs: Sequence[work.EpisodeJob]) -> Iterator[tuple[work.EpisodeJob, work.Outcome | work.Failure]]:
        voice, finish = self.tasks["briefing.voice_segment"], self.tasks["briefing.finish_episode"]
        self.unfinished = [job.edition for job in jobs]
        with self._talking():
            ids = {chord(voice.s(job, n) for n in range(len(job.plan.script.segments)))(finish.s(job)).id: job
                   for job in jobs}
        ready = self._values(list(ids))
        while True:
            with self._talking():
                task_id, value = next(ready, (None, None))
            if task_id is None:
                return
            self.unfinished.remove(ids[task_id].edition)
            yield ids[task_id], value

    def _values(self, ids: list[str]) -> Iterator[tuple[str, work.Outcome | work.ReadResult | work.Failure]]:
        """Each task's value as it is ready, read from Redis every ``POLL_S`` (no subscription is left open)."""
        for task_id, meta in self.app.backend.get_many(ids, interval=POLL_S):
            value = meta["result"]
            if isinstance(value, BaseException):
                value = work.Failure(f"{type(value).__name__}: {value}")
            yield task_id, value

    def _talking(self):
        return _Talking(self)


class _Talking:
    """Turns the broker's connection errors into one line naming what is left undone."""

    def __init__(self, runner: ClusterRunner) -> None:
        self.runner = runner

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> None:
        if exc is None or not isinstance(exc, (RedisError, OperationalError, ConnectionError)):
            return
        left = self.runner.unfinished
        undone = f"; not published: {', '.join(left)}: their feeds are as they were, run again" if left else ""
        raise BrokerLost(f"the cluster's Redis at {shown(self.runner.url)} stopped answering "
                         f"({exc.__class__.__name__}: {exc}){undone}") from None
