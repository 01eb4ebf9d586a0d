"""The command as a user runs it, real files: in-process through Typer's
``CliRunner`` (``run``), and as a real process where the process itself is
what is tested (the whole seed briefing, the console script, Ctrl-C, reading
what is not a regular file, bytes in a file name)."""

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.ffmpeg import mp3_duration_ms
from briefing.french.speakable import speakable
from command import briefing as run
from conftest import REPO, free_port, subprocess_env, warm_facts

pytestmark = pytest.mark.usefixtures("shared_facts")  # what is done with the facts, not the reading (conftest)

BIN = Path(sys.executable).parent


@pytest.mark.slow  # a real process
def test_make_from_the_seed_article(seed, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "briefing", "make", seed, "-o", out],
                          capture_output=True, text=True, env=subprocess_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    mp3, txt, vtt, chapters, html, index = (Path(line) for line in proc.stdout.split())
    assert index == out / "index.html"
    assert mp3.parent == out and mp3.suffix == ".mp3" and txt == mp3.with_suffix(".txt")
    assert vtt == mp3.with_suffix(".vtt") and html == mp3.with_suffix(".html")
    assert chapters.name == mp3.stem + ".chapters.json"
    assert mp3_duration_ms(mp3) > 30_000  # a real briefing, not a blip
    transcript = txt.read_text(encoding="utf-8")
    assert "Vladimir Poutine" in transcript and "Nous sommes le" in transcript
    # standard error holds our progress lines and nothing else (no pydub
    # "Couldn't find ffprobe" warning, no traceback); tests have no Google,
    # so the default engine (auto) says it takes the offline voice
    assert [line.split()[0] for line in proc.stderr.splitlines()] == ["reading", "using", "voicing", "mixing", "done:"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in (mp3, txt, vtt, chapters, html, index))


def test_transcript_holds_exactly_what_was_spoken(seed, settings):
    result = pipeline.make([seed], settings)
    episode = result.episode
    paragraphs = result.files[1].read_text(encoding="utf-8").strip().split("\n\n")
    assert len(paragraphs) == len(episode.segments)
    for paragraph, segment in zip(paragraphs, episode.segments):
        assert paragraph == segment.text
        assert speakable(paragraph) == segment.spoken
    # the MP3 really is as long as the episode says
    assert abs(mp3_duration_ms(episode.mp3) - episode.duration_ms) <= 100


@pytest.mark.slow  # a real process
def test_console_script_and_help():
    for args in (["--help"], ["make", "--help"]):
        proc = subprocess.run([BIN / "briefing", *args], capture_output=True, text=True, env=subprocess_env())
        assert proc.returncode == 0
        assert "Example: briefing make" in proc.stdout
    make_help = subprocess.run([BIN / "briefing", "make", "--help"], capture_output=True, text=True).stdout
    for option in ("--output", "--engine", "--voice", "--rate", "--sentences", "--show", "--templates", "--bitrate", "--loudness", "--cover", "--quiet"):
        assert option in make_help


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    noise = tmp_path / "noise.txt"
    noise.write_text("Photo. (Source : AFP) |\nComment (0)\n", encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("Oui.\nNon.\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    long = tmp_path / "book.txt"  # 2.5 MB: under the file limit, far over an article's length
    long.write_text("Le président a signé le décret à Paris, a indiqué l'Élysée vendredi soir.\n" * 35_000, encoding="utf-8")
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "folder": (folder, "is a folder with no article files"),
        "empty": (empty, "is empty"),
        "binary": (binary, "binary data"),
        "noise only": (noise, "no article text"),
        "no sentences": (short, "no sentences"),
        "too long": (long, "is too long for one article"),
    }


@pytest.mark.parametrize("case", ["missing", "folder", "empty", "binary", "noise only", "no sentences", "too long"])
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, seed, case):
    path, problem = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    # a good article beside the bad one: still nothing is made
    proc = run("make", seed, path, "-o", out, "--quiet")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"briefing: error: {path}: ")
    assert problem in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
    assert not out.exists() or not any(out.iterdir())


def test_template_error_exit_2(tmp_path, seed):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").write_text("Au revoir {{ auditeur }}.", encoding="utf-8")
    proc = run("make", seed, "-o", tmp_path / "out", "--templates", mine)
    assert proc.returncode == 2
    assert "outro.j2, line 1: 'auditeur' is undefined" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_usage_error_exit_2(seed):
    proc = run("make", seed, "--rate", "5")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_make_from_a_saved_html_page(tmp_path):
    page = REPO / "tests" / "data" / "eval" / "orangesum-19661.html"
    proc = run("make", page, "-o", tmp_path / "out", "--sentences", "1")
    assert proc.returncode == 0, proc.stderr
    transcript = Path(proc.stdout.split()[1]).read_text(encoding="utf-8")
    record = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["title"] in transcript  # the page's title is the story's headline


@pytest.mark.parametrize("case", ["broken feed", "network fault"])
def test_broken_feed_or_network_fault_is_one_line_naming_the_source(tmp_path, seed, case):
    if case == "broken feed":
        source = tmp_path / "news.xml"
        source.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</ti')
        problem = "is not a readable RSS/Atom feed"
    else:
        source = f"http://127.0.0.1:{free_port()}/article.html"
        problem = "cannot be reached"
    proc = run("make", seed, source, "-o", tmp_path / "out", "--quiet")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"briefing: error: {source}: {problem}")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_audio_options(seed, tmp_path):
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3

    jpeg = tmp_path / "pochette.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    proc = run("make", seed, "-o", tmp_path / "out", "--bitrate", "96k", "--cover", jpeg, "--quiet")
    assert proc.returncode == 0, proc.stderr
    mp3 = Path(proc.stdout.split()[0])
    assert MP3(mp3).info.bitrate == 96000
    assert ID3(mp3).getall("APIC")[0].data == jpeg.read_bytes()


@pytest.mark.parametrize("args", [["--bitrate", "65k"], ["--loudness", "-3"], ["--cover", "/nonexistent.png"]])
def test_bad_audio_options_exit_2(seed, tmp_path, args):
    proc = run("make", seed, "-o", tmp_path / "out", *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_read_command(seed, tmp_path):
    proc = run("read", seed, "-o", tmp_path / "out", "--rate", "1.5", "--quiet")
    assert proc.returncode == 0, proc.stderr
    files = [Path(line) for line in proc.stdout.split()]
    assert files[0].name.startswith("lecture-") and files[0].suffix == ".mp3"
    assert files[-1].name == "index.html"
    help_text = run("read", "--help").stdout
    assert "Example: briefing read" in help_text and "--rate" in help_text


@pytest.mark.parametrize("command", ["make", "read"])
@pytest.mark.parametrize("rate", ["0.4", "2.5"])
def test_rate_out_of_range_exit_2(seed, tmp_path, command, rate):
    proc = run(command, seed, "-o", tmp_path / "out", "--rate", rate)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_script_prints_exactly_what_will_be_spoken(seed, settings):
    proc = run("script", seed)
    assert proc.returncode == 0, proc.stderr
    expected = pipeline.write_script([seed], dataclasses.replace(settings, now=dt.datetime.now().astimezone()))
    for segment in expected.segments:
        assert f"## {segment.title}\n\n{segment.spoken}\n" in proc.stdout
    as_json = json.loads(run("script", seed, "--json").stdout)
    assert [s["kind"] for s in as_json["segments"]] == ["intro", "story", "outro"]
    assert as_json["segments"][1]["lines"][0]["spoken"] == expected.segments[1].lines[0].spoken
    assert "M. Poutine" in run("script", seed, "--written").stdout


def test_templates_list_and_show(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").write_text("À demain.", encoding="utf-8")
    listing = run("templates", "--templates", mine).stdout
    assert run("templates", "--list", "--templates", mine).stdout == listing
    assert any(line.startswith("outro.j2") and "yours" in line for line in listing.splitlines())
    assert any(line.startswith("story.j2") and "built-in" in line for line in listing.splitlines())
    assert run("templates", "--show", "outro", "--templates", mine).stdout == "À demain."
    assert "extra.quote" in run("templates", "--show", "story.j2").stdout
    missing = run("templates", "--show", "nope")
    assert missing.returncode == 2 and "no template named 'nope'" in missing.stderr


def _special_files(tmp_path: Path, seed: Path) -> dict[str, tuple[list, Path, str]]:
    """Each case: the command's arguments, the path that is not a regular file, what it is."""
    import os

    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    config = tmp_path / "briefing.toml"
    os.mkfifo(config)
    mine = tmp_path / "mine"
    mine.mkdir()
    os.mkfifo(mine / "outro.j2")
    cover = tmp_path / "cover.png"
    os.mkfifo(cover)
    out = tmp_path / "out"
    return {
        "article fifo": (["make", seed, fifo, "-o", out, "--quiet"], fifo, "a FIFO"),
        "article device": (["script", "/dev/zero"], Path("/dev/zero"), "a device"),
        "config fifo": (["daily", "--config", config], config, "a FIFO"),
        "template fifo": (["script", seed, "--templates", mine], mine / "outro.j2", "a FIFO"),
        "template shown": (["templates", "--show", "outro", "--templates", mine], mine / "outro.j2", "a FIFO"),
        "cover fifo": (["make", seed, "--cover", cover, "-o", out, "--quiet"], cover, "a FIFO"),
    }


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("case", ["article fifo", "article device", "config fifo", "template fifo", "template shown",
                                  "cover fifo"])
def test_only_regular_files_are_read_anything_else_is_one_line_exit_2(tmp_path, seed, case):
    args, path, kind = _special_files(tmp_path, seed)[case]
    if case == "template fifo":
        warm_facts(seed)  # the seed is read before the templates
    # reading a FIFO waits for a writer that never comes; reading /dev/zero never ends
    proc = subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == f"briefing: error: {path}: is {kind}, not a regular file\n"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.slow  # a real process
def test_a_fifo_in_a_folder_of_articles_is_left_alone(tmp_path, seed):
    import os

    folder = tmp_path / "today"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.txt")
    (folder / "b-minsk.txt").write_bytes(seed.read_bytes())
    warm_facts(folder / "b-minsk.txt")
    proc = subprocess.run([sys.executable, "-m", "briefing", "script", folder], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Poutine" in proc.stdout


def test_a_template_that_reaches_for_python_is_one_line_exit_2_and_runs_nothing(tmp_path, seed):
    marker = tmp_path / "ran"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "outro.j2").write_text("{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}" % marker)
    proc = run("script", seed, "--templates", mine)
    assert proc.returncode == 2
    assert proc.stderr == (f"briefing: error: {mine / 'outro.j2'}, line 1: "
                           "access to attribute '__init__' of 'type' object is unsafe.\n")
    assert not marker.exists()


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("name", [b"\x1b]0;pwned\x07-\xe2\x80\xaetxt.exe.txt", b"caf\xe9\nnews.txt"])
def test_a_file_name_is_shown_with_its_unprintable_characters_escaped(tmp_path, name):
    import os

    path = os.path.join(os.fsencode(tmp_path), name)
    with open(path, "wb"):
        pass  # empty: an error after a progress line, both naming the file
    proc = subprocess.run([sys.executable, "-m", "briefing", "make", path, "-o", tmp_path / "out"],
                          capture_output=True, env=subprocess_env(), timeout=120)
    assert proc.returncode == 2
    shown = {b"\x1b]0;pwned\x07-\xe2\x80\xaetxt.exe.txt": r"\x1b]0;pwned\x07-\u202etxt.exe.txt",
             b"caf\xe9\nnews.txt": r"caf\xe9\nnews.txt"}[name]
    assert proc.stderr.decode("ascii").splitlines() == [f"reading {tmp_path}/{shown}",
                                                        f"briefing: error: {tmp_path}/{shown}: is empty"]


@pytest.mark.slow  # a real process
def test_ctrl_c_says_interrupted_and_exits_130(tmp_path, trickle):
    import signal

    proc = subprocess.Popen([sys.executable, "-m", "briefing", "make", trickle.base + "/head", "-o", tmp_path / "out"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=subprocess_env())
    try:
        assert trickle.requests.wait(60), "the command never asked for the page"
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert stderr == "briefing: interrupted\n"
    assert not (tmp_path / "out").exists()
