"""briefing.toml → Settings: defaults, paths, and errors that name the key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import briefing.config.toml
from briefing import config
from briefing.config import EXAMPLE, ConfigError, Settings
from briefing.errors import BriefingError
from conftest import NOW


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert config.load(None, now=NOW) == Settings(now=NOW)


def test_the_example_loads_and_says_the_defaults(tmp_path):
    loaded = config.load(write(tmp_path, EXAMPLE), now=NOW)
    expected = Settings(now=NOW, output=tmp_path / "out", sources=(str(tmp_path / "articles"),), minutes=10)
    assert loaded == expected
    for key in ("title", "description", "author", "email", "language", "cover", "base_url", "output",
                "keep", "engine", "name", "rate", "bitrate", "loudness", "sources", "max", "minutes", "tld"):
        assert f"\n{key} = " in EXAMPLE or f"# {key} = " in EXAMPLE


def test_every_key_is_read(tmp_path):
    (tmp_path / "cover.jpg").write_bytes(b"")
    path = write(tmp_path, """
[show]
title = "Matin Express"
description = "Cinq minutes d'actualité."
author = "Camille"
email = "camille@example.org"
language = "fr"
cover = "cover.jpg"
locked = false
templates = "mine"
[feed]
base_url = "http://192.168.1.20:8000"
output = "/srv/podcast"
keep = 7
[voice]
engine = "espeak"
name = "fr"
rate = 1.25
cache_max_mb = 250
[audio]
bitrate = "96"
loudness = -19
[stories]
sources = ["today/", "https://example.org/rss.xml"]
max = 4
minutes = 5.5
sentences = 2
""")
    s = config.load(path, now=NOW)
    assert (s.show, s.description, s.author, s.email, s.locked) == (
        "Matin Express", "Cinq minutes d'actualité.", "Camille", "camille@example.org", False)
    assert s.cover == tmp_path / "cover.jpg" and s.templates == tmp_path / "mine"
    assert s.base_url == "http://192.168.1.20:8000/"  # a folder URL ends with /
    assert (s.output, s.keep_episodes) == (Path("/srv/podcast"), 7)
    assert (s.engine, s.voice, s.rate, s.cache_max_mb) == ("espeak", "fr", 1.25, 250)
    assert s.sources == (str(tmp_path / "today"), "https://example.org/rss.xml")
    assert (s.max_stories, s.minutes, s.summary_sentences) == (4, 5.5, 2)
    assert (s.bitrate, s.loudness_lufs) == ("96k", -19)


@pytest.mark.parametrize("text, message", [
    ("[show]\ntitel = 'x'\n", "unknown key 'titel' in [show] (known: title,"),
    ("[sound]\nrate = 1\n", "unknown table [sound]"),
    ("title = 'x'\n", "key 'title' is outside any table; it goes under [show]"),
    ("[voice]\nrate = 'fast'\n", "[voice] rate must be a number, not a text"),
    ("[voice]\nrate = true\n", "[voice] rate must be a number, not true/false"),
    ("[voice]\nrate = 3\n", "[voice] rate must be between 0.5 and 2.0, not 3"),
    ("[stories]\nsentences = true\n", "[stories] sentences must be an integer, not true/false"),
    ("[voice]\nengine = 'siri'\n", "[voice] engine unknown voice engine 'siri' (known: auto, gtts, espeak"),
    ("[stories]\nsources = 'today/'\n", "[stories] sources must be a list of texts, not a text"),
    ("[stories]\nmax = 0\n", "[stories] max must be between 1 and 50, not 0"),
    ("[stories]\ntarget_minutes = '10'\n", "[stories] target_minutes must be a number"),
    ("[stories]\nminutes = 0\n", "[stories] minutes must be between 0.5 and 180, not 0"),
    ("[voice.gtts]\ntld = 'france'\n", "[voice.gtts] tld is not a Google domain ending"),
    ("[voice.gtts]\nspeed = 1\n", "unknown key 'speed' in [voice.gtts] (known: tld,"),
    ("[voice.siri]\nname = 'x'\n", "unknown table [voice.siri]"),
    ("[feed]\nbase_url = 'ftp://x/'\n", "[feed] base_url must be an http:// or https:// URL"),
    ("[feed]\nkeep = 2.5\n", "[feed] keep must be an integer, not a number"),
    ("[show]\nemail = 'camille'\n", "[show] email is not an e-mail address"),
    ("[show]\ncover = 'logo.gif'\n", "[show] cover must be a .jpg or .png image"),
    ("[show]\ncover = 'missing.png'\n", "missing.png: no such file"),
    ("[show]\nlanguage = 'de'\n", "[show] language no briefing templates for 'de'"),
    ("[show]\nlocked = 'yes'\n", "[show] locked must be true or false, not a text"),
    ("[audio]\nbitrate = '65k'\n", "[audio] bitrate '65k' is not an MP3 bitrate"),
    ("[audio]\nloudness = -5\n", "[audio] loudness must be between -30 and -10, not -5"),
    ("[voice]\ncache_max_mb = 1\n", "[voice] cache_max_mb must be between 10 and 1000000, not 1"),
    ("[show\ntitle = 1\n", "not valid TOML"),
])
def test_mistakes_are_reported_with_the_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        config.load(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_a_named_file_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        config.load(tmp_path / "nope.toml")


def test_the_author_is_the_show_unless_said_otherwise(tmp_path):
    assert config.load(write(tmp_path, "[show]\ntitle = 'Matin Express'\n")).podcast_author == "Matin Express"
    assert config.load(write(tmp_path, "[show]\ntitle = 'M'\nauthor = 'Camille'\n")).podcast_author == "Camille"


def test_the_clock_passed_in_wins(tmp_path):
    assert config.load(write(tmp_path, "[show]\ntitle = 'x'\n"), now=NOW).now == NOW


def test_every_key_sets_a_settings_field():
    names = {f.name for f in dataclasses.fields(Settings)}
    assert {option.name for option in config.toml.KEYS.values()} <= names


def test_the_keys_of_earlier_versions_are_still_read(tmp_path):
    path = write(tmp_path, "[voice]\ntld = 'ca'\nslow = true\ntimeout = 3\n[stories]\ntarget_minutes = 4\n")
    s = config.load(path)
    assert (s.gtts_tld, s.gtts_slow, s.gtts_timeout, s.minutes) == ("ca", True, 3.0, 4.0)


def test_flags_win_over_the_file_and_are_the_working_directorys(tmp_path, monkeypatch):
    path = write(tmp_path, "[voice]\nengine = 'espeak'\nrate = 1.5\n[feed]\noutput = 'episodes'\n")
    monkeypatch.chdir(tmp_path.parent)
    s = config.load(path, {"rate": 0.8, "output": Path("here"), "engine": None})
    assert (s.engine, s.rate, s.output) == ("espeak", 0.8, Path("here"))
    assert config.load(path).output == tmp_path / "episodes"


def test_a_flag_with_a_wrong_value_names_the_flag(tmp_path):
    with pytest.raises(BriefingError, match="^--bitrate: '65k' is not an MP3 bitrate"):
        config.load(None, {"bitrate": "65k"})


def test_each_stage_gets_its_part_only():
    part = Settings(now=NOW, bitrate="96k", show="Matin").part("mix")
    assert (part.bitrate, part.show, part.today) == ("96k", "Matin", NOW.date())
    assert not hasattr(part, "sources") and not hasattr(part, "gtts_tld")


STAGES = ("facts", "script", "tts", "mix", "publish")  # sources get their deadline in their fetch


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_reads_only_the_settings_of_its_part(stage):
    """What a stage's code reads of ``settings`` is in the part the table gives it
    (``daily`` runs the others: it holds the whole)."""
    import ast

    from conftest import REPO

    part = {"tts": "voice"}.get(stage, stage)
    given = Settings(now=NOW).part(part)
    fields = {*given.__dataclass_fields__, *(name for name in ("today", "podcast_author") if hasattr(given, name))}
    read = set()
    for path in (REPO / "briefing" / stage).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "settings":
                read.add((path.name, node.attr))
    assert read, f"{stage} reads no settings: the test would prove nothing"
    assert {(name, attr) for name, attr in read if attr not in fields} == set()
