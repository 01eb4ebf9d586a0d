"""The voice options from the command line (in-process), with Google faked on loopback."""

import pytest

from command import briefing as run
from fake_google import FakeGoogle

pytestmark = pytest.mark.usefixtures("shared_facts")  # what is done with the facts, not the reading (conftest)


def briefing(*args: str, **env: str):
    return run(*args, env=env)


def test_gtts_twice_the_second_run_makes_no_request(seed, tmp_path):
    cache = tmp_path / "cache"
    with FakeGoogle() as fake:
        first = briefing("make", str(seed), "-o", str(tmp_path / "a"), "--engine", "gtts", "--cache-dir", str(cache), BRIEFING_GTTS_ENDPOINT=fake.url)
        asked = fake.requests
        second = briefing("make", str(seed), "-o", str(tmp_path / "b"), "--engine", "gtts", "--cache-dir", str(cache), BRIEFING_GTTS_ENDPOINT=fake.url)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert fake.heads == 1 and asked == 1 + len(fake.calls) > 5  # one probe, then one request per chunk
    assert fake.requests == asked  # the second run: nothing, not even the probe
    assert "from the cache" in second.stderr
    assert list((tmp_path / "b").glob("*.mp3"))


def test_no_cache_keeps_nothing_and_asks_again(seed, tmp_path):
    with FakeGoogle() as fake:
        for out in ("a", "b"):
            run = briefing("make", str(seed), "-o", str(tmp_path / out), "-e", "gtts", "--no-cache", "-q", BRIEFING_GTTS_ENDPOINT=fake.url, BRIEFING_CACHE_DIR=str(tmp_path / "cache"))
            assert run.returncode == 0, run.stderr
    assert len(fake.calls) == 2 * len(set(fake.texts()))
    assert not (tmp_path / "cache").exists()


def test_gtts_with_no_network_fails_fast_in_one_line(seed, tmp_path):
    run = briefing("make", str(seed), "-o", str(tmp_path), "--engine", "gtts")  # conftest: Google refuses
    assert run.returncode == 2
    assert "voicing" not in run.stderr  # it stops at the probe, before a single request for audio
    assert "Traceback" not in run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("briefing: error: gtts: Google's voice at 127.0.0.1:") and "not reachable" in last
    assert "voicing" not in run.stderr  # it stops at the probe, before a single request for audio
    assert not list(tmp_path.glob("*.mp3"))


def test_auto_with_no_network_says_so_and_speaks_offline(seed, tmp_path):
    run = briefing("make", str(seed), "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "using the offline voice (espeak): 127.0.0.1:" in run.stderr and "is not reachable (cannot connect)" in run.stderr
    assert "voicing 3 segments with espeak" in run.stderr


def test_engines_says_which_can_speak_now():
    with FakeGoogle() as fake:
        online = briefing("engines", BRIEFING_GTTS_ENDPOINT=fake.url)
    offline = briefing("engines")
    assert online.returncode == offline.returncode == 0
    assert online.stdout.splitlines()[0].split()[:2] == ["gtts", "yes"]
    assert offline.stdout.splitlines()[0].split()[:2] == ["gtts", "no"]
    assert "→ espeak" in offline.stdout and "→ gtts" in online.stdout
    assert "--tld fr" in online.stdout and "--rate 1 (speed)" in online.stdout
