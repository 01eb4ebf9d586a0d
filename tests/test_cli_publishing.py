"""What a run leaves in its output folder when it fails: the files that were
there, untouched, and nothing half-made. The command runs in-process, or as a
real process where a limit is set on the process (file size, root's powers)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import podcastparser
import pytest

from briefing.publish import state
from command import briefing as run
from conftest import REPO, subprocess_env, warm_facts

pytestmark = pytest.mark.usefixtures("shared_facts")  # what is done with the facts, not the reading (conftest)

PUBLIC = {".briefing.lock", ".briefing-state.json", "feed.xml", "index.html", "cover.png"}


def process(*args, preexec_fn) -> subprocess.CompletedProcess:
    """``briefing ARGS`` as a process, ``preexec_fn`` run in it before the command."""
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True,
                          env=subprocess_env(), timeout=180, preexec_fn=preexec_fn)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "index.html"}


def hidden_leftovers(folder: Path) -> list[str]:
    """Files or folders a run works in and must not leave: temporary files, staging folders."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name not in PUBLIC)


def test_a_page_template_that_fails_after_the_audio_leaves_the_previous_episode_whole(tmp_path, seed):
    out = tmp_path / "out"
    assert run("make", seed, "-o", out, "--sentences", "1", "-q").returncode == 0
    before = snapshot(out)
    mine = tmp_path / "mine"
    mine.mkdir()
    page = (REPO / "templates" / "fr" / "page.html.j2").read_text(encoding="utf-8")
    (mine / "page.html.j2").write_text(page.replace("</body>", "{{ no_such_thing }}</body>"), encoding="utf-8")
    proc = run("make", seed, "-o", out, "--sentences", "2", "--templates", mine, "-q")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"briefing: error: {mine / 'page.html.j2'}, line ")
    assert "'no_such_thing' is undefined" in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert snapshot(out) == before  # the MP3 and its transcripts are the first run's, together
    assert hidden_leftovers(out) == []


def _limit_file_size(limit: int):
    def limit_it() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_it


@pytest.mark.slow  # a real process
def test_a_full_disk_is_one_line_and_exit_2_and_leaves_nothing(tmp_path, seed):
    """Files cannot grow past 200 kB (the way a full disk refuses writes): the
    MP3 cannot be written; the run says so in one line and leaves nothing."""
    out = tmp_path / "out"
    warm_facts(seed)
    proc = process("make", seed, "-o", out, "--sentences", "2", preexec_fn=_limit_file_size(200_000))
    assert proc.returncode == 2, proc.stderr
    (line,) = [l for l in proc.stderr.splitlines() if l.startswith("briefing: error:")]
    assert line.startswith(f"briefing: error: {out}: cannot be written (")
    assert "File size limit exceeded" in line  # what stopped the encoder, said
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == []


@pytest.mark.slow  # a real process (one that has ended, for its id)
def test_a_run_killed_leaves_temporary_files_that_the_next_run_removes(tmp_path, seed):
    out = tmp_path / "out"
    out.mkdir()
    # what a run killed by SIGKILL on another day left: a temporary file and a staging folder, both of a dead process
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    owner = f"{os.uname().nodename.replace('.', '-')}-{dead.stdout.strip()}"
    (out / f".briefing-2026-11-23.mp3.{owner}.k2j4_9.part").write_bytes(b"\xff" * 5000)
    (out / f".feed.xml.{owner}.abcdef.part").write_text("<rss")
    staged = out / f".briefing-staging.{owner}.x1y2z3"
    staged.mkdir()
    (staged / "briefing-2026-11-23.mp3").write_bytes(b"\xff" * 5000)
    proc = run("make", seed, "-o", out, "--sentences", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    assert hidden_leftovers(out) == []
    assert not (out / "briefing-2026-11-23.mp3").exists()  # never finished: never shown


def test_the_output_folder_is_checked_before_any_work(tmp_path, seed):
    afile = tmp_path / "out"
    afile.write_text("not a folder")
    proc = run("make", seed, "-o", afile)
    assert proc.returncode == 2
    assert proc.stderr == f"briefing: error: {afile}: is a file; the output goes in a folder\n"
    proc = run("make", seed, "-o", afile / "sub")
    assert proc.returncode == 2
    assert proc.stderr == f"briefing: error: {afile / 'sub'}: {afile} is a file; the output goes in a folder\n"


def _without_root_powers() -> None:
    """In the child: even as root, permissions apply (capabilities that bypass them dropped)."""
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if prctl(24, capability) != 0:  # PR_CAPBSET_DROP
            os._exit(97)


@pytest.mark.slow  # a real process
def test_a_read_only_output_folder_is_one_line_before_any_work(tmp_path, seed):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        proc = process("make", seed, "-o", out, preexec_fn=_without_root_powers)
        if proc.returncode == 97:
            pytest.skip("test_a_read_only_output_folder_is_one_line_before_any_work: capabilities cannot be dropped here")
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr == f"briefing: error: {out}: cannot write in this folder (Permission denied)\n"
        proc = process("make", seed, "-o", out / "new", preexec_fn=_without_root_powers)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr == f"briefing: error: {out / 'new'}: cannot be made in {out} (permission denied or read-only)\n"
    finally:
        out.chmod(0o755)


def test_relative_paths_and_the_default_output_follow_the_config_file(tmp_path, seed):
    show, elsewhere = tmp_path / "show", tmp_path / "elsewhere"
    show.mkdir()
    elsewhere.mkdir()
    shutil.copy(seed, show / "article.txt")
    (show / "briefing.toml").write_text('[stories]\nsources = ["article.txt"]\nsentences = 1\n', encoding="utf-8")
    proc = run("daily", "-c", "../show/briefing.toml", "-q", cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert (show / "out" / "feed.xml").is_file()
    assert list(elsewhere.iterdir()) == []


def test_a_catch_up_run_makes_the_episode_of_the_day_asked(tmp_path, seed):
    shutil.copy(seed, tmp_path / "article.txt")
    (tmp_path / "briefing.toml").write_text('[stories]\nsources = ["article.txt"]\nsentences = 1\n', encoding="utf-8")
    proc = run("daily", "--date", "2026-11-20", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (episode,) = state.load(tmp_path / "out").episodes
    assert episode.stem == "briefing-2026-11-20" and episode.published.date().isoformat() == "2026-11-20"
    assert episode.title == "Le Briefing du vendredi 20 novembre 2026"
    (item,) = podcastparser.parse("f", (tmp_path / "out" / "feed.xml").open("rb"))["episodes"]
    assert item["title"] == episode.title
    assert "vendredi 20 novembre 2026" in (tmp_path / "out" / "briefing-2026-11-20.txt").read_text(encoding="utf-8")
    bad = run("daily", "--date", "le 20", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr == "briefing: error: --date: 'le 20' is not a date (YYYY-MM-DD, e.g. 2026-11-28)\n"
