"""The cache folder stays under its limit, and what is in use stays."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

from briefing import cachedir, pipeline
from briefing.ffmpeg import AudioSegment
from briefing.tts.cache import Cache
import command

DAY = 86400


def _file(path: Path, size: int, age_days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    then = time.time() - age_days * DAY
    os.utime(path, (then, then))
    return path


def test_the_least_recently_used_go_first_until_under_the_limit(tmp_path):
    oldest = _file(tmp_path / "ab" / "old.audio", 400, 30)
    older = _file(tmp_path / "facts" / "cd" / "x.facts", 300, 20)
    recent = _file(tmp_path / "ef" / "new.audio", 500, 1)
    record = _file(tmp_path / "voice-rates.json", 50, 90)
    gone = cachedir.prune(tmp_path, 600)
    assert gone == cachedir.Usage(2, 700)
    assert not oldest.exists() and not older.exists()
    assert recent.exists() and record.exists(), "recent entries and the records stay"
    assert cachedir.usage(tmp_path) == cachedir.Usage(1, 500)
    assert cachedir.prune(tmp_path, 600) == cachedir.Usage(0, 0)


def test_an_entry_read_is_kept_before_one_made_later_but_never_read(tmp_path):
    cache = Cache(tmp_path)
    silence = AudioSegment.silent(duration=500, frame_rate=22050)
    cache.put("aa" * 32, silence)
    cache.put("bb" * 32, silence)
    os.utime(cache.path("aa" * 32), (time.time() - 10 * DAY,) * 2)  # made first…
    os.utime(cache.path("bb" * 32), (time.time() - 5 * DAY,) * 2)
    assert cache.get("aa" * 32) is not None  # …but used today
    size = cache.path("aa" * 32).stat().st_size
    cachedir.prune(tmp_path, size)
    assert "aa" * 32 in cache and "bb" * 32 not in cache


def test_a_file_another_run_is_writing_is_left_alone(tmp_path):
    writing = _file(tmp_path / "ab" / ".entry.audio.x1.part", 1000, 0)
    left = _file(tmp_path / "ab" / ".entry.audio.x2.part", 1000, 2)
    cachedir.prune(tmp_path, 0)
    assert writing.exists() and not left.exists()


def test_a_briefing_run_keeps_the_cache_under_its_limit(settings, seed, tmp_path):
    settings = dataclasses.replace(settings, engine="espeak", cache_max_mb=5)  # the run makes about 1.7 MB
    stale = _file(settings.cache_dir / "ab" / "stale.audio", 4_000_000, 40)
    pipeline.make([seed], settings)
    assert not stale.exists()
    assert 1_000_000 < cachedir.usage(settings.cache_dir).bytes <= 5_000_000
    assert list((settings.cache_dir / "facts").rglob("*.facts")), "this run's facts are kept"


def test_cache_command_shows_and_clears(tmp_path):
    _file(tmp_path / "cache" / "ab" / "x.audio", 2_000_000, 1)
    _file(tmp_path / "cache" / "encoder-gain.json", 100, 1)

    def briefing(*args):
        done = command.briefing("cache", "--cache-dir", tmp_path / "cache", *args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert briefing() == f"{tmp_path / 'cache'}: 1 files, 2.0 MB (limit 1000 MB)\n"
    assert briefing("--clear") == f"{tmp_path / 'cache'}: removed 2 files, 2.0 MB\n"
    assert list((tmp_path / "cache").iterdir()) == []
