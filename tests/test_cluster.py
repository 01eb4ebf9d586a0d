"""`briefing editions --cluster` against a real Redis server and real Celery
workers (subprocesses of ``briefing worker``): the work shared between
editions is done once, a worker killed in the middle of an episode has its
tasks run again by another, and Redis stopped in the middle of a run stops it
with one line, every feed as it was, the next run completing."""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.daily import editions

from briefing.publish import state
from briefing.sources.fetch import HttpFetch
from conftest import NOW, warm_editions, write_editions
from test_daily_killed import check_nothing_left_behind, check_published
from redis_cluster import Process, RedisServer, Worker, first_to_say, marks, worker_env

pytestmark = [pytest.mark.cluster, pytest.mark.slow]
SHARED = 0
THREE = {"nord": [SHARED, 1, 2], "sud": [3, SHARED, 4], "est": [5, 6, SHARED]}


@pytest.fixture
def redis_server():
    server = RedisServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def workers(redis_server, tmp_path):
    """Start workers with ``start(n, redeliver_after)``; all are stopped after the test."""
    started: list[Worker] = []

    def start(count: int = 2, redeliver_after: float = 600, url: str | None = None) -> list[Worker]:
        new = [Worker(url or redis_server.url, f"w{len(started) + i + 1}", worker_env(tmp_path / "worker-cache"), tmp_path,
                      redeliver_after) for i in range(count)]
        started.extend(new)
        return [worker.ready() for worker in new]  # started side by side, then each waited for

    try:
        yield start
    finally:
        for worker in started:
            worker.kill()  # what they were doing no longer matters: no warm shutdown to wait for


def coordinator(url: str, cwd: Path, *paths: Path) -> Process:
    """``briefing editions PATHS --cluster URL`` as a subprocess."""
    return Process([sys.executable, "-m", "briefing", "editions", *map(str, paths), "--cluster", url], worker_env(cwd / "cache"),
                   cwd)


def test_three_editions_on_two_workers_read_a_shared_story_once_and_voice_its_sentences_once(redis_server, workers, tmp_path):
    two = workers(2)
    paths = write_editions(tmp_path, THREE)
    found = [replace(e, settings=replace(e.settings, now=NOW)) for e in editions.load(list(paths.values()))]
    with editions.cluster_runner(redis_server.url) as runner:
        done = editions.run(found, runner, HttpFetch())
    assert done.failures == []
    # what the workers say they did
    extracted = Counter(m[1] for w in two for m in w.matching(r"extracted (\S+)"))
    voiced = Counter(m[1] for w in two for m in w.matching(r"voiced chunk ([0-9a-f]{64})"))
    shared = (tmp_path / "news" / f"story-{SHARED}.txt").resolve().as_uri()
    assert extracted[shared] == 1 and len(extracted) == 7 and set(extracted.values()) == {1}
    said = [outcome.chunks for outcome in done.outcomes]
    in_all_three = said[0] & said[1] & said[2]
    assert in_all_three and all(voiced[key] == 1 for key in in_all_three)  # the shared story's sentences, once
    assert set(voiced) == frozenset().union(*said) and set(voiced.values()) == {1}  # every sentence, once
    assert all(w.matching(r"Task briefing\.\w+\[\S+\] succeeded") for w in two)  # both workers worked
    for name in THREE:
        (item,) = check_published(tmp_path / name)
        check_nothing_left_behind(tmp_path / name)


def test_a_worker_killed_in_the_middle_of_an_episode_has_its_tasks_run_again_by_another(redis_server, workers, tmp_path):
    two = workers(2, redeliver_after=5)
    paths = write_editions(tmp_path, THREE)
    warm_editions(*paths.values())  # the workers need not load the language model: what is tested is the redelivery
    run = coordinator(redis_server.url, tmp_path, *paths.values())
    try:
        # a worker has taken an episode to mix and publish: it dies there, its pool with it
        victim, line = first_to_say(two, r"Task briefing\.finish_episode\[\S+\] received")
        victim.kill()
        task = re.search(r"\[(\S+)\]", line)[1]
        assert run.proc.wait(timeout=600) == 0, "\n".join(run.lines)
    finally:
        run.kill()
    (survivor,) = [w for w in two if w is not victim]
    assert survivor.said(rf"Task briefing\.finish_episode\[{task}\] succeeded")  # run again elsewhere
    for name in THREE:
        (item,) = check_published(tmp_path / name)  # the episode, once, whole
        assert len(state.load(tmp_path / name).episodes[0].stories) == 3
        check_nothing_left_behind(tmp_path / name)


def test_redis_stopped_in_the_middle_of_a_run_stops_it_in_one_line_every_feed_as_it_was(redis_server, workers, tmp_path):
    two = workers(2)
    paths = write_editions(tmp_path, THREE, most=1)
    warm_editions(*paths.values())  # the workers need not load the language model: what is tested is Redis lost
    first = coordinator(redis_server.url, tmp_path, *paths.values())
    assert first.proc.wait(timeout=600) == 0, "\n".join(first.lines)
    before = {name: {p.name: p.read_bytes() for p in (tmp_path / name).iterdir() if p.is_file()} for name in THREE}
    write_editions(tmp_path, THREE)  # three stories each now: two new ones

    said_before = marks(two)
    run = coordinator(redis_server.url, tmp_path, *paths.values())
    try:
        # an episode is being mixed (none is published yet): Redis goes
        first_to_say(two, r"Task briefing\.finish_episode\[\S+\] received", since=said_before)
        redis_server.kill()
        assert run.proc.wait(timeout=600) == 2
    finally:
        run.kill()
    errors = [line for line in run.lines if "error" in line.lower() or "Traceback" in line]
    assert len(errors) == 1 and errors[0].startswith(
        f"briefing: error: the cluster's Redis at {redis_server.url} stopped answering"), "\n".join(run.lines)
    assert run.lines[-1] == errors[0]
    for worker in two:
        worker.kill()  # whatever they were doing when Redis went, as a machine lost would
    for name in THREE:
        now = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir() if p.is_file()}
        assert now == before[name]  # the feed, the state, the episode's files: as they were

    # the next run, Redis back, completes: each feed gets its episode of the two new stories
    again = RedisServer()
    try:
        workers(2, url=again.url)
        rerun = coordinator(again.url, tmp_path, *paths.values())
        assert rerun.proc.wait(timeout=600) == 0, "\n".join(rerun.lines)
    finally:
        again.stop()
    for name in THREE:
        assert len(check_published(tmp_path / name)) == 2
        assert [len(e.stories) for e in state.load(tmp_path / name).episodes] == [1, 2]
        check_nothing_left_behind(tmp_path / name)
