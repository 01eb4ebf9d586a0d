from __future__ import annotations

import datetime as dt
import os
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


def pytest_collection_modifyitems(config, items):
    """Browser tests are skipped, each by name, on a machine without the browser tools."""
    from browser import missing

    why = missing()
    if why:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=f"{item.name}: {why}"))
