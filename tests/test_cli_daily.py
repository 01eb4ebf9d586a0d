"""`briefing init`, `daily` and `serve` as a user runs them: in-process, and as
real processes where two runs race or a server must keep serving."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import podcastparser
import pytest

from briefing import config

from briefing.daily import run as daily

from briefing.daily import lock

from briefing.publish import state
from briefing.config import Settings
from briefing.sources.fetch import HttpFetch
from command import briefing as in_process
from conftest import EVAL, NOW, free_port, subprocess_env, warm_facts


def briefing(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefing", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=subprocess_env(), **kwargs)


def run(*args, cwd=None):
    return in_process(*args, cwd=cwd)


def toml(tmp_path: Path, name: str, sources: list, output: Path, base_url: str = "http://127.0.0.1:8000/") -> Path:
    path = tmp_path / name
    listed = ", ".join(json.dumps(str(s)) for s in sources)
    path.write_text(f'[feed]\noutput = "{output}"\nbase_url = "{base_url}"\n'
                    f'[stories]\nsources = [{listed}]\nsentences = 1\n', encoding="utf-8")
    return path


def test_init_writes_a_commented_example_and_keeps_an_existing_file(tmp_path):
    proc = run("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = tmp_path / "briefing.toml"
    assert written.read_text(encoding="utf-8") == config.EXAMPLE
    written.write_text("# mine\n")
    proc = run("init", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "briefing: error: briefing.toml: already exists (use --force to replace it)\n"
    assert written.read_text() == "# mine\n"
    assert run("init", "--force", cwd=tmp_path).returncode == 0
    assert written.read_text(encoding="utf-8") == config.EXAMPLE


@pytest.mark.parametrize("text, message", [
    ("[voice]\nspeed = 2\n", "unknown key 'speed' in [voice]"),
    ("[stories]\nmax = 'three'\n", "[stories] max must be an integer, not a text"),
])
def test_a_config_mistake_is_one_line_naming_the_key_and_exit_2(tmp_path, text, message):
    path = tmp_path / "briefing.toml"
    path.write_text(text)
    proc = run("daily", "--config", path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"briefing: error: {path}: ") and message in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


@pytest.mark.slow  # a real process
def test_two_runs_at_once_lose_nothing(tmp_path, seed):
    out = tmp_path / "out"
    first = toml(tmp_path, "a.toml", [seed], out)
    second = toml(tmp_path, "b.toml", [EVAL / "orangesum-19470.html"], out)
    warm_facts(seed, EVAL / "orangesum-19470.html")
    # Hold the folder while both start, so that both must wait and then race for it.
    with lock.hold(out, wait_s=0):
        runs = [briefing("daily", "--config", first), briefing("daily", "--config", second)]
        waited = [_wait_for_line(p, "waiting for another briefing run") for p in runs]  # both are waiting
    assert all(waited)
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]
    for code, stdout, stderr in results:
        assert code == 0, stderr
    episodes = state.load(out).episodes
    made = {Path(line).stem for _, stdout, _ in results for line in stdout.split() if line.endswith(".mp3")}
    assert len(episodes) == 2 and {e.stem for e in episodes} == made and len(made) == 2
    items = podcastparser.parse("feed.xml", io.BytesIO((out / "feed.xml").read_bytes()))["episodes"]
    assert len(items) == 2
    for episode in episodes:
        assert (out / f"{episode.stem}.mp3").stat().st_size > 10_000


def _wait_for_line(process: subprocess.Popen, text: str) -> bool:
    """Read ``process``'s standard error until a line holds ``text`` (True), or it ends (False)."""
    return any(text in line for line in process.stderr)


def test_a_run_that_cannot_wait_says_why(tmp_path):
    with lock.hold(tmp_path, wait_s=0):
        with pytest.raises(lock.Busy, match=r"another briefing run \(process \d+\) is still working on it"):
            with lock.hold(tmp_path, wait_s=0.3):
                pass


def test_a_corrupt_feed_is_one_line_exit_2_and_left_as_it_is(tmp_path, seed):
    out = tmp_path / "out"
    out.mkdir()
    broken = b"<rss><channel><title>Mon flux</title><item>"
    (out / "feed.xml").write_bytes(broken)
    proc = run("daily", "--config", toml(tmp_path, "b.toml", [seed], out))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"briefing: error: {out / 'feed.xml'}: no longer parses as XML")
    assert len(proc.stderr.splitlines()) == 1
    assert (out / "feed.xml").read_bytes() == broken
    assert sorted(p.name for p in out.iterdir()) == [".briefing.lock", "feed.xml"]


@pytest.mark.slow  # a real process
def test_serve_publishes_the_feed_a_podcast_app_subscribes_to(tmp_path, seed):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path / "out"
    daily.run(Settings(now=NOW, output=out, base_url=base, sources=(str(seed),), summary_sentences=1), HttpFetch())
    server = briefing("serve", "--port", port, "--folder", out)
    try:
        announced = server.stderr.readline()
        assert announced.startswith(f"serving {out} at {base} (feed: {base}feed.xml)")
        with urllib.request.urlopen(base + "feed.xml", timeout=10) as response:
            podcast = podcastparser.parse(base + "feed.xml", response)
        (episode,) = podcast["episodes"]
        (enclosure,) = episode["enclosures"]
        with urllib.request.urlopen(enclosure["url"], timeout=10) as response:
            assert len(response.read()) == enclosure["file_size"]
        request = urllib.request.Request(enclosure["url"], headers={"Range": "bytes=-100"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 206
            assert response.read() == (out / Path(enclosure["url"]).name).read_bytes()[-100:]
    finally:
        server.terminate()
        server.communicate(timeout=10)


@pytest.mark.parametrize("command, options", [
    ("daily", ["--config", "--quiet"]),
    ("init", ["--config", "--force"]),
    ("serve", ["--config", "--port", "--host", "--folder"]),
])
def test_every_new_command_has_help_with_an_example(command, options):
    from typer.testing import CliRunner

    from briefing.cli import app

    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"Example: briefing {command}" in result.stdout
    for option in options:
        assert option in result.stdout


def test_daily_leaves_a_trickling_source_at_its_download_timeout_and_goes_on(tmp_path, seed, trickle):
    out = tmp_path / "out"
    path = toml(tmp_path, "b.toml", [trickle.base + "/body", seed], out)
    path.write_text(path.read_text(encoding="utf-8") + "download_timeout = 0.5\n", encoding="utf-8")
    proc = run("daily", "--config", path, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert trickle.requests.is_set()
    assert proc.stderr == (f"briefing: warning: {trickle.base}/body: took longer than 0.5 s to download (the limit)"
                           " (skipped)\n")
    (episode,) = state.load(out).episodes
    (story,) = episode.stories
    assert story.url is None  # the seed file's story, told without the slow one
