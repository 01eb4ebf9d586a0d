"""The cluster's tasks: ``briefing.daily.work``'s steps, with the cluster's Redis locks.

Every task acknowledges its message once done (``acks_late``), so one whose
worker died runs again on another; each step can run twice (``briefing.daily.work``).
A step's failure a user is meant to read comes back as a ``work.Failure``.
"""

from __future__ import annotations

import os

from celery import Celery

from briefing.daily import work
from briefing.daily.cluster.locks import RedisLocks

_locks: dict[tuple[int, str], RedisLocks] = {}


def locks_of(url: str) -> RedisLocks:
    """This process's Redis locks (a connection is never shared with a forked process)."""
    key = (os.getpid(), url)
    if key not in _locks:
        _locks[key] = RedisLocks(url)
    return _locks[key]


def register(app: Celery) -> None:
    """Add the tasks to ``app``, by the names the run sends them under."""
    options = dict(acks_late=True, reject_on_worker_lost=True)

    @app.task(name="briefing.read_story", **options)
    def read_story(job: work.ReadJob):
        return work.attempt(work.read_story, job)

    @app.task(name="briefing.voice_segment", **options)
    def voice_segment(job: work.EpisodeJob, number: int):
        return work.attempt(work.voice_segment, job, number, locks_of(app.conf.broker_url))

    @app.task(name="briefing.finish_episode", **options)
    def finish_episode(voiced: list, job: work.EpisodeJob):
        return work.attempt(work.finish_episode, job, voiced, locks_of(app.conf.broker_url))
