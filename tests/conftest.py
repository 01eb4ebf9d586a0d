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
EVAL = TESTS / "data" / "eval"  # OrangeSum articles (CC BY-SA 4.0) and their expected facts
SEED_PUBLISHED = dt.date(2024, 12, 7)  # the seed has no date; it is about 6-7 December 2024
# A Tuesday morning, so the intro's date and greeting are known.
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(now=NOW, output=tmp_path / "out")


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture(scope="session")
def eval_facts():
    """Every evaluation article with its facts and expected facts, extracted once per session."""
    import tomllib

    from briefing import evaluation, facts

    out = {}
    for path in [SEED, *sorted(EVAL.glob("orangesum-*.json"))]:
        item = evaluation.load(path, published=SEED_PUBLISHED)
        expected = tomllib.loads((EVAL / "expected" / f"{item.name}.toml").read_text(encoding="utf-8"))
        out[item.name] = (item, facts.extract(item.article, today=NOW.date()), expected)
    return out


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
