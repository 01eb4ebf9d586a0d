"""`briefing daily` killed (SIGKILL) at every point where a file goes in place,
and while the encoder runs; then run again. Whatever the point, the feed
parses, no episode is lost, every story is told once, and nothing is left in
the folder that no feed or state names."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import podcastparser
import pytest

from briefing.publish import feed

from briefing.publish import state
from command import Ran, briefing
from conftest import EVAL, SEED, TESTS, subprocess_env, warm_facts

pytestmark = pytest.mark.slow
PUBLIC = {".briefing.lock", state.STATE_NAME, "feed.xml", "index.html", "cover.png"}
STORIES = ("a-oreshnik.txt", "b-policier.txt", "c-hopital.txt")


@pytest.fixture(scope="module")
def show(tmp_path_factory):
    """A show folder with three stories (one told a day) and one episode already published."""
    folder = tmp_path_factory.mktemp("show")
    news = folder / "news"
    news.mkdir()
    shutil.copy(SEED, news / STORIES[0])
    for name, number in zip(STORIES[1:], (17581, 19470)):
        record = json.loads((EVAL / f"orangesum-{number}.json").read_text(encoding="utf-8"))
        (news / name).write_text(record["article"].replace(". ", ".\n"), encoding="utf-8")
    (folder / "briefing.toml").write_text(
        '[feed]\noutput = "out"\n[stories]\nsources = ["news"]\nmax = 1\nsentences = 1\n', encoding="utf-8")
    env = {**subprocess_env(), "BRIEFING_CACHE_DIR": str(folder / "cache")}  # shared: later runs are quick
    warm_facts("news", cache_dir=folder / "cache", cwd=folder)
    first = subprocess.run([sys.executable, "-m", "briefing", "daily", "-q"], cwd=folder, env=env,
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    return folder, env


def fresh_copy(show, tmp_path) -> tuple[Path, Path]:
    folder, _ = show
    copy = tmp_path / "show"
    shutil.copytree(folder / "out", copy / "out")
    shutil.copytree(folder / "news", copy / "news")
    shutil.copy(folder / "briefing.toml", copy / "briefing.toml")
    return copy, copy / "out"


@pytest.fixture(scope="module")
def runs():
    """Killed runs, each a fork of one process that imported the command once
    (``killed_run.py --serve``): the same files and signals as a process of its own."""
    server = subprocess.Popen([sys.executable, str(TESTS / "killed_run.py"), "--serve"], env=subprocess_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    yield server
    server.stdin.close()
    server.wait(timeout=60)


def killed_daily(runs, folder: Path, env: dict, at: int) -> Ran:
    """``briefing daily -q`` in ``folder``, killed before the ``at``-th file goes in place (0: never);
    what it said, standard output and error together, stands for both."""
    env = {**env, "BRIEFING_KILL_FOLDER": str(folder / "out"), "BRIEFING_KILL_AT": str(at),
           "BRIEFING_KILL_COUNT": str(folder / "count")}
    output = folder / "run.log"
    runs.stdin.write(json.dumps({"args": ["daily", "-q"], "cwd": str(folder), "env": env, "output": str(output)}) + "\n")
    runs.stdin.flush()
    answer = runs.stdout.readline()
    assert answer, "the server of killed runs ended"
    said = output.read_text(encoding="utf-8", errors="replace")
    output.unlink()
    return Ran(json.loads(answer)["returncode"], said, said, said.encode())


def daily(folder: Path, env: dict):
    """The next run, in-process: what matters is what it finds in the folder."""
    return briefing("daily", "-q", cwd=folder, env={"BRIEFING_CACHE_DIR": env["BRIEFING_CACHE_DIR"]})


def check_published(out: Path) -> list[dict]:
    """The feed parses in a podcast app and every episode it lists is there whole."""
    xml = (out / "feed.xml").read_bytes()
    episodes = podcastparser.parse("feed.xml", io.BytesIO(xml))["episodes"]
    assert not feedparser.parse(xml).bozo
    for item in episodes:
        (enclosure,) = item["enclosures"]
        mp3 = out / enclosure["url"].rsplit("/", 1)[1]
        assert mp3.stat().st_size == enclosure["file_size"]
        assert mp3.with_suffix(".txt").is_file() and mp3.with_suffix(".vtt").is_file()
    assert len({item["guid"] for item in episodes}) == len(episodes)
    return episodes


def check_nothing_left_behind(out: Path) -> None:
    named = {path.name for record in state.load(out).episodes for path in feed.episode_files(out, record.stem)}
    assert sorted(p.name for p in out.iterdir() if p.name not in PUBLIC | named) == []


def check_after_the_next_run(out: Path, before: list[dict]) -> None:
    episodes = check_published(out)
    assert {e["guid"] for e in before} <= {e["guid"] for e in episodes}  # no episode lost
    told = [story.title for record in state.load(out).episodes for story in record.stories]
    assert len(told) == len(set(told)) == len(episodes)  # each story once
    assert len(episodes) in (2, 3)  # the killed run's episode was finished, or its story told now
    check_nothing_left_behind(out)


def test_killed_at_every_point_where_a_file_goes_in_place(show, runs, tmp_path):
    folder, env = show
    before = check_published(folder / "out")
    calibration, _ = fresh_copy(show, tmp_path / "calibration")
    assert killed_daily(runs, calibration, env, at=0).returncode == 0
    points = int((calibration / "count").read_text())
    assert points >= 8  # journal, the episode's files, the feed, the state, the index
    for at in range(1, points + 1):
        copy, out = fresh_copy(show, tmp_path / f"killed-{at}")
        proc = killed_daily(runs, copy, env, at)
        assert proc.returncode == -signal.SIGKILL, (at, proc.stderr)
        check_published(out)  # even before the next run, the feed is whole
        again = daily(copy, env)
        assert again.returncode == 0, (at, again.stderr)
        check_after_the_next_run(out, before)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state_line = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state_line != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="test_killed_while_encoding: reads /proc")
def test_killed_while_encoding_the_encoder_dies_too_and_the_next_run_finishes(show, tmp_path):
    folder, env = show
    before = check_published(folder / "out")
    copy, out = fresh_copy(show, tmp_path)
    env = {**env, "BRIEFING_KILL_FOLDER": str(out), "BRIEFING_KILL_AT": "-1", "BRIEFING_KILL_COUNT": str(copy / "n")}
    # the encoder starts when the run says "mixing": wait for that line, then for the encoder
    run = subprocess.Popen([sys.executable, str(TESTS / "killed_run.py"), "daily"], cwd=copy, env=env,
                           stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        for line in run.stderr:
            if line.startswith("mixing"):
                break
        encoders: list[int] = []
        deadline = time.monotonic() + 60
        while not encoders and time.monotonic() < deadline:
            encoders = [c for c in _children(run.pid) if "ffmpeg" in _cmdline(c)]
            try:
                run.wait(timeout=0.005)  # the run ended before its encoder was seen
                break
            except subprocess.TimeoutExpired:
                pass
        if not encoders:
            pytest.skip("test_killed_while_encoding: the encode ended before it could be seen")
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait(timeout=60)
        run.stderr.close()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in encoders) and time.monotonic() < deadline:
        os.sched_yield()
    assert not any(_alive(pid) for pid in encoders), "the encoder outlived its run"
    check_published(out)
    again = daily(copy, env)
    assert again.returncode == 0, again.stderr
    check_after_the_next_run(out, before)
