"""One declaration per setting: the README's tables, the example briefing.toml
and the command line's flags all come from the table, and every command reads
briefing.toml with its flags on top."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

from briefing.config import docs
from briefing.config.settings import ALL
from command import briefing
from conftest import REPO


def test_the_readme_tables_are_the_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = docs.readme_tables(readme)
    assert set(found) == set(docs.TABLES_IN_README)
    for name, make in docs.TABLES_IN_README.items():
        assert found[name] == make(), f"README's {name} table is stale: python -m briefing.config.docs README.md"


def test_every_setting_is_declared_once_with_its_help():
    for key in ("name", "key", "flag"):
        values = [getattr(o, key) for o in ALL if getattr(o, key)]
        assert len(values) == len(set(values)), f"a {key} declared twice"
    assert all(o.help.strip() and o.help.endswith(".") for o in ALL)
    tables = {}
    for block in re.split(r"^\[", docs.example(), flags=re.MULTILINE)[1:]:
        header, _, body = block.partition("]\n")
        tables[header] = re.findall(r"^(?:# )?(\w+) = ", body, flags=re.MULTILINE)
    assert tables == {
        table: [o.key_name for o in ALL if o.key and o.example and o.table == table]
        for table in dict.fromkeys(o.table for o in ALL if o.key and o.example)
    }


def test_the_example_is_valid_toml_with_a_table_for_each_key():
    parsed = tomllib.loads(docs.example())
    assert {"show", "feed", "voice", "audio", "stories"} <= set(parsed)
    assert parsed["voice"]["gtts"]["tld"] == "fr"


def run(*args, cwd):
    return briefing(*args, cwd=cwd)


def test_make_reads_briefing_toml_and_flags_win(seed, tmp_path):
    show = tmp_path / "show"
    show.mkdir()
    (show / "briefing.toml").write_text(
        '[show]\ntitle = "Matin Express"\n[voice]\nengine = "espeak"\nrate = 1.25\n[feed]\noutput = "episodes"\n',
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    made = run("make", seed, "-c", show / "briefing.toml", cwd=elsewhere)
    assert made.returncode == 0, made.stderr
    assert "with espeak" in made.stderr  # the file's engine, not auto's probe of Google
    txt = next((show / "episodes").glob("*.txt"))  # the file's folder, not the working directory's
    assert "Matin Express" in txt.read_text(encoding="utf-8")
    assert not (elsewhere / "out").exists()
    # in the folder of briefing.toml, no --config needed; a flag wins over the file
    scripted = run("script", seed, "--show", "Le Journal", cwd=show)
    assert scripted.returncode == 0, scripted.stderr
    assert "Le Journal" in scripted.stdout and "Matin Express" not in scripted.stdout


def test_a_bad_file_stops_every_command_in_one_line(seed, tmp_path):
    (tmp_path / "briefing.toml").write_text("[voice]\nrate = 9\n", encoding="utf-8")
    for command in (("script", seed), ("facts", seed), ("cache",)):
        done = run(*command, cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.strip() == "briefing: error: briefing.toml: [voice] rate must be between 0.5 and 2.0, not 9"
