from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS / "netguard"))
import guard  # noqa: E402

guard.install()

from briefing.config import Settings  # noqa: E402

SEED = REPO / "examples" / "minsk-oreshnik.txt"
# A Tuesday morning, so the intro's date and greeting are known.
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NOWHERE = f"http://127.0.0.1:{_closed_port()}/_/TranslateWebserverUi/data/batchexecute"


@pytest.fixture(autouse=True)
def _voice_sandbox(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test (and its subprocesses) gets its own audio cache and no Google.

    The cache never lands in the user's real cache folder, and gTTS is pointed
    at a loopback port that refuses, so ``auto`` probes fail at once; a test
    that wants Google's voice points ``gtts_endpoint`` at a ``FakeGoogle``.
    """
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("BRIEFING_GTTS_ENDPOINT", NOWHERE)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(now=NOW, output=tmp_path / "out")


@pytest.fixture
def seed() -> Path:
    return SEED


def subprocess_env() -> dict[str, str]:
    """Environment for a test subprocess: the network guard is loaded first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS / "netguard"), str(REPO), env.get("PYTHONPATH", "")])
    return env
