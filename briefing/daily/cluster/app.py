"""The Celery application: Redis as broker and result store; every task
acknowledged once it is done, so a task whose worker died (a machine lost,
a process killed) is given to another worker.

A worker that dies in the middle of a task leaves its message unacknowledged:
the process that started it hands it back to the queue at once when only a
pool process died (``task_reject_on_worker_lost``); when the whole worker is
gone, Redis gives it again ``redeliver_after`` seconds after it was taken
(the transport's visibility timeout). That delay must be longer than the
longest task (a long episode's mix, a segment voiced through Google's retries),
or a task still running is started a second time (harmless, since every task
can run twice, but wasted).
"""

from __future__ import annotations

from collections.abc import Sequence

from celery import Celery

from briefing.daily.cluster import serializer, tasks

QUEUE = "briefing"
REDELIVER_AFTER_S = 600


def make(url: str, redeliver_after_s: float = REDELIVER_AFTER_S) -> Celery:
    """The application of the cluster whose Redis is at ``url``, its tasks registered."""
    serializer.install()
    app = Celery("briefing", broker=url, backend=url, set_as_current=False)
    app.conf.update(
        # briefing's own dataclasses, read back by a restricted unpickler
        task_serializer=serializer.NAME, result_serializer=serializer.NAME, accept_content=[serializer.NAME],
        result_accept_content=[serializer.NAME], event_serializer="json",
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        broker_transport_options={
            "visibility_timeout": redeliver_after_s,
            "unacked_restore_interval": max(1, min(10, int(redeliver_after_s // 2))),
            "unacked_restore_throttle": 1,
        },
        result_expires=24 * 3600,
        broker_connection_retry_on_startup=True,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        worker_hijack_root_logger=True,
    )
    tasks.register(app)
    return app


def start_worker(url: str, options: Sequence[str], redeliver_after_s: float = REDELIVER_AFTER_S) -> None:
    """Run a Celery worker of the cluster until it is stopped; ``options`` go to ``celery worker`` as they are."""
    app = make(url, redeliver_after_s)
    app.worker_main(["worker", "--loglevel=INFO", *options])
