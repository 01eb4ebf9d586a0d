"""``briefing facts`` as a user runs it (in-process), and what ``briefing`` imports
when it does not need spaCy (in a fresh interpreter)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from command import briefing
from conftest import REPO, SEED, subprocess_env


def test_facts_prints_them_grouped():
    proc = briefing("facts", SEED)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Vladimir Poutine et Alexandre Loukachenko ont signé un accord de sécurité conjoint\n")
    assert "the run's date: the article has no publication date" in out
    for line in (
        "People:",
        "  - Vladimir Poutine, président russe (also: M. Poutine, Poutine)",
        "Dates:",
        "  - en septembre 2025 → 2025-09",
        "Quotes:",
        "Attribution:",
        "  - TASS (a rapporté l'agence de presse TASS)",
    ):
        assert line in out.splitlines()
    assert proc.stderr == ""


def test_facts_as_json_with_iso_dates():
    before = dt.date.today()
    proc = briefing("facts", SEED, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["published"] is None and data["dated_by_run"] is True
    assert data["reference_date"] in {before.isoformat(), dt.date.today().isoformat()}
    assert {"text": "en septembre 2025", "iso": "2025-09"} in data["dates"]
    khinshtein = next(p for p in data["people"] if p["name"] == "Alexandre Khinshtein")
    assert khinshtein["role"].startswith("député, gouverneur par intérim")
    assert {"text": "Il est nécessaire de résoudre la crise là-bas", "speaker": "Vladimir Poutine",
            "cue": "a déclaré M. Poutine"} in data["quotes"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "no such file"), ("", "is empty"), ("Comment (0)\nLire aussi : la suite\n", "holds no article text")],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, problem):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = briefing("facts", path)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(f"briefing: error: {path}: {problem}")
    assert proc.stdout == ""


def test_an_english_article_gets_one_warning_line(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text(
        "The Russian president said on Friday that the new security treaty signed with Belarus would protect "
        "both countries, and that the missiles would be deployed there by the end of the year.\n",
        encoding="utf-8",
    )
    proc = briefing("facts", path)
    assert proc.returncode == 0
    assert proc.stderr.splitlines() == [
        f"briefing: warning: {path}: the text looks English, not French; its facts may be wrong"
    ]


@pytest.mark.slow  # a real process
def test_help_and_the_audio_stages_do_not_import_spacy():
    code = (
        "import sys; import briefing.cli, briefing.pipeline, briefing.mix.assemble, briefing.tts, briefing.publish.transcript; "
        "print('spacy' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(), cwd=REPO)
    assert proc.stdout.strip() == "False", proc.stderr
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", "--help"],
        capture_output=True, text=True, env=subprocess_env(), cwd=REPO,
    )
    assert proc.returncode == 0 and "facts" in proc.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()]
    assert imported and not [name for name in imported if name.split(".")[0] == "spacy"]
