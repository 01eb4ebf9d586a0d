"""The ffmpeg binary: the one the imageio-ffmpeg wheel carries, found without running it."""

from __future__ import annotations

import subprocess
import sys

import imageio_ffmpeg
import pytest

from briefing import ffmpeg
from conftest import subprocess_env


@pytest.fixture
def fresh_lookup():
    ffmpeg.ffmpeg_exe.cache_clear()
    yield
    ffmpeg.ffmpeg_exe.cache_clear()


def test_the_binary_is_the_one_imageio_ffmpeg_chooses(fresh_lookup):
    assert ffmpeg.ffmpeg_exe() == imageio_ffmpeg.get_ffmpeg_exe()
    version = subprocess.run([ffmpeg.ffmpeg_exe(), "-version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("ffmpeg version")


def test_the_users_binary_comes_first(fresh_lookup, monkeypatch, tmp_path):
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "my-ffmpeg"))
    assert ffmpeg.ffmpeg_exe() == str(tmp_path / "my-ffmpeg")


def test_starting_the_command_loads_no_network_or_language_code():
    """`briefing make` on a file pays for none of: urllib, imageio_ffmpeg's check, spaCy."""
    code = "import sys, briefing.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in sys.argv[1:]))"
    run = subprocess.run([sys.executable, "-c", code, "urllib", "http", "ssl", "imageio_ffmpeg", "spacy", "requests"],
                         capture_output=True, text=True, env=subprocess_env(), check=True)
    assert run.stdout.strip() == "['urllib', 'urllib.parse']"


def test_the_encoders_level_change_is_measured_once_per_binary_and_kept(tmp_path, monkeypatch):
    ffmpeg._measured_gain.cache_clear()
    gain = ffmpeg.encoder_gain_db(22050, "64k", 44100, tmp_path)
    assert -1.0 < gain < 0.0, "LAME lowers the level a little"
    assert (tmp_path / "encoder-gain.json").exists()

    # A later run reads it and encodes nothing.
    ffmpeg._measured_gain.cache_clear()

    def no_encoding(*args, **kwargs):
        raise AssertionError("measured again")

    monkeypatch.setattr(ffmpeg, "encode_mp3", no_encoding)
    assert ffmpeg.encoder_gain_db(22050, "64k", 44100, tmp_path) == gain
    # Another setting, or another ffmpeg, is measured anew.
    with pytest.raises(AssertionError, match="measured again"):
        ffmpeg.encoder_gain_db(22050, "96k", 44100, tmp_path)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "encoder-gain.json"))  # any other file
    ffmpeg.ffmpeg_exe.cache_clear()
    with pytest.raises(AssertionError, match="measured again"):
        ffmpeg.encoder_gain_db(22050, "64k", 44100, tmp_path)
    ffmpeg.ffmpeg_exe.cache_clear()


def test_a_damaged_record_is_measured_again(tmp_path):
    ffmpeg._measured_gain.cache_clear()
    (tmp_path / "encoder-gain.json").write_text("{not json", encoding="utf-8")
    assert -1.0 < ffmpeg.encoder_gain_db(22050, "64k", 44100, tmp_path) < 0.0
    assert "64k" in (tmp_path / "encoder-gain.json").read_text(encoding="utf-8")


_ORPHAN = """
import subprocess, sys
from pathlib import Path
from briefing.ffmpeg import Mp3Encoder

encoder = Mp3Encoder(22050, Path(sys.argv[1]), "64k")
# another process holds the encoder's input open: its end of file never comes
keeper = subprocess.Popen(["sleep", "600"], pass_fds=[encoder._process.stdin.fileno()])
print(encoder._process.pid, keeper.pid, flush=True)
sys.stdin.read()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="test_the_encoder_dies_with_its_parent: Linux only")
def test_the_encoder_dies_with_its_parent_even_when_its_input_stays_open(tmp_path):
    import os
    import signal
    import time

    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(tmp_path / "x.mp3")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=subprocess_env())
    encoder, keeper = map(int, parent.stdout.readline().split())
    try:
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _running(encoder) and time.monotonic() < deadline:
            os.sched_yield()
        assert not _running(encoder), "the encoder outlived the run that started it"
    finally:
        os.kill(keeper, signal.SIGKILL)
        if _running(encoder):
            os.kill(encoder, signal.SIGKILL)


def _running(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
