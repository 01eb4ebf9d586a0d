"""Each patch of a library's internals holds for the installed library, and gives way, once said, when it does not.

A library upgrade that breaks a guard fails here (check the patch against the
new code, then update its version and hash); a guard that fails at a user's
takes the library's own path, to the same result, and says so in one line.
"""

from __future__ import annotations

import importlib.metadata
import logging
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from fake_google import FakeGoogle

import briefing.patches
from briefing.facts import nlp
from briefing.patches import gtts as gtts_patch
from briefing.patches import pydub as pydub_patch
from briefing.patches import spacy as spacy_patch
from briefing.tts.engines.gtts import GttsEngine
from briefing.tts.retry import Backoff

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "« Nous ne céderons pas », a déclaré aujourd'hui le porte-parole, selon l'agence qui rapportait ses propos."
CHUNK = "Le président russe et son homologue biélorusse ont signé un accord à Minsk."


@pytest.fixture(autouse=True)
def said_afresh(monkeypatch):
    """Each test starts in a process that has said nothing yet, and a gTTS guard not yet checked."""
    monkeypatch.setattr(briefing.patches, "_said", set())
    gtts_patch._unchecked.cache_clear()
    yield
    gtts_patch._unchecked.cache_clear()


def said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "briefing.patches"]


# The guards hold for the installed libraries, which are pinned to them.


@pytest.mark.parametrize(
    ("distribution", "checked"),
    [("spacy", spacy_patch.CHECKED_VERSION), ("gTTS", gtts_patch.CHECKED_VERSION), ("pydub", pydub_patch.CHECKED_VERSION)],
)
def test_a_patched_library_is_pinned_to_the_version_its_patch_was_checked_against(distribution, checked):
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert f"{distribution}=={checked}" in dependencies
    assert importlib.metadata.version(distribution) == checked


def test_every_guard_holds_against_the_installed_libraries():
    assert spacy_patch.table_guard() is None
    assert spacy_patch.lemmatizer_guard() is None
    assert gtts_patch.guard() is None
    assert pydub_patch.guard() is None
    # (the token pattern's hash: tests/test_tokenmatch.py, and the load below)


def test_the_model_loads_the_fast_way_and_says_nothing(caplog, monkeypatch):
    fills = _count_table_fills(monkeypatch)
    fast = nlp._pipeline.__wrapped__()
    assert said(caplog) == []
    assert fills == [], "every table filled in bulk"
    assert fast.tokenizer.token_match.__self__.pattern == spacy_patch.factored(_original_pattern())


def test_the_lemmatizer_asks_sets_and_finds_the_lemmas_it_finds_in_lists(seed):
    """Real articles, lemmatised with the known lemmas as sets and as the lists the model gives."""
    import json

    from conftest import EVAL

    fast = nlp.pipeline()
    lemmatizer = fast.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    assert len(index) == 4 and all(type(words) is frozenset for words in index.values())
    texts = [seed.read_text(encoding="utf-8"), *(json.loads(p.read_text(encoding="utf-8"))["article"]
                                                for p in sorted(EVAL.glob("orangesum-*.json"))[:4])]

    def lemmas() -> list[list[str]]:
        lemmatizer.cache.clear()  # every word looked up afresh
        return [[t.lemma_ for t in fast(text)] for text in texts]

    with_sets = lemmas()
    with pytest.MonkeyPatch.context() as patch:
        for part_of_speech, words in list(index.items()):
            patch.setitem(index, part_of_speech, sorted(words))
        with_lists = lemmas()
    lemmatizer.cache.clear()
    assert with_sets == with_lists
    assert sum(map(len, with_sets)) > 1500
    assert {"signer", "déclarer"} <= {lemma for doc in with_sets for lemma in doc}


def test_pydub_is_pointed_at_our_ffmpeg():
    from briefing.ffmpeg import AudioSegment, ffmpeg_exe

    assert AudioSegment.converter == ffmpeg_exe() != "ffmpeg"


def test_the_version_is_read_from_the_installed_package_without_importlib_metadata():
    import pydub

    assert briefing.patches.installed_version(pydub, "pydub") == importlib.metadata.version("pydub")
    assert briefing.patches.installed_version(pydub, "no-such-thing") is None


# A guard that fails: the library's own path, the same result, said once.


def test_another_spacy_loads_the_slow_way_to_the_same_tokens_and_lemmas_and_says_so_once(caplog, monkeypatch):
    fast, original = nlp.pipeline(), _original_pattern()  # loaded the fast way first
    monkeypatch.setattr(spacy_patch, "CHECKED_VERSION", "3.8.13")
    monkeypatch.setattr(spacy_patch, "KNOWN_PATTERNS", frozenset())
    fills = _count_table_fills(monkeypatch)
    slow = nlp._pipeline.__wrapped__()

    assert len(fills) > 200_000, "the tables filled entry by entry, spaCy's way"
    assert all(type(words) is list for words in slow.get_pipe("lemmatizer").lookups.get_table("lemma_index").values())
    assert slow.tokenizer.token_match.__self__.pattern == original
    assert [(t.text, t.lemma_) for t in slow(SENTENCE)] == [(t.text, t.lemma_) for t in fast(SENTENCE)]
    assert "aujourd'hui" in [t.text for t in slow(SENTENCE)] and "porte-parole" in [t.text for t in slow(SENTENCE)]

    with spacy_patch.fast_load():  # a second load in the same process
        import re

        re.compile(original)
    assert said(caplog) == [
        "briefing: spaCy 3.8.14 is not the version its speed-up was checked against (3.8.13): loading it the slow way",
        "briefing: spaCy's French token pattern is not the one its speed-up was checked against: compiling it the slow way",
    ]


def test_a_changed_french_lemmatizer_keeps_its_lists_and_says_so_once(caplog):
    index = nlp.pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spacy_patch, "CHECKED_LEMMATIZER", "0" * 64)
        for part_of_speech, words in list(index.items()):
            patch.setitem(index, part_of_speech, sorted(words))  # as a model loads them
        spacy_patch.index_as_sets(nlp.pipeline())
        spacy_patch.index_as_sets(nlp.pipeline())
        assert all(type(words) is list for words in index.values())
    assert said(caplog) == [
        "briefing: spaCy 3.8.14's French lemmatizer is not the code its speed-up was checked against: lemmatising the slow way"
    ]


def test_a_changed_spacy_table_is_filled_spacys_way():
    from spacy.lookups import Table

    assert spacy_patch.table_guard() is None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spacy_patch, "CHECKED_TABLE", "0" * 64)
        assert spacy_patch.table_guard() == (
            "spaCy 3.8.14's lookup tables are not the code its speed-up was checked against: loading them the slow way"
        )
        with spacy_patch.fast_fill():
            assert "update" not in Table.__dict__
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Table, "update", lambda self, *a, **k: None, raising=False)
        assert spacy_patch.table_guard() is not None, "a Table with an update of its own"


def test_another_gtts_sends_its_own_way_to_the_same_audio_and_says_so_once(caplog, monkeypatch):
    with FakeGoogle() as fake:
        checked = _engine(fake).fetch(CHUNK)
        monkeypatch.setattr(gtts_patch, "CHECKED_VERSION", "2.5.3")
        gtts_patch._unchecked.cache_clear()
        own = [_engine(fake).fetch(CHUNK) for _ in range(2)]
    assert own == [checked, checked]
    assert said(caplog) == [
        "briefing: gTTS 2.5.4 is not the version its requests were checked against (2.5.3): "
        "sending them gTTS's own way (the server's certificate may go unchecked)"
    ]


def test_gtts_own_way_is_gtts_own_stream(monkeypatch):
    """gTTS 2.5.4's stream asks a server whose certificate cannot be verified; the checked one does not."""
    import trustme

    with FakeGoogle(tls=trustme.CA()) as fake:
        monkeypatch.setattr(gtts_patch, "CHECKED_SOURCE", "0" * 64)
        assert gtts_patch.guard().startswith("gTTS 2.5.4's request code is not the code it was checked against")
        assert len(_engine(fake).fetch(CHUNK)) > 0
    assert len(fake.calls) == 1


def test_another_pydub_keeps_its_own_ffmpeg_and_says_so_once(caplog, monkeypatch):
    monkeypatch.setattr(pydub_patch.AudioSegment, "converter", "ffmpeg")  # what pydub finds itself
    monkeypatch.setattr(pydub_patch, "CHECKED_VERSION", "0.25.0")
    pydub_patch.use_ffmpeg("/opt/our/ffmpeg")
    pydub_patch.use_ffmpeg("/opt/our/ffmpeg")
    assert pydub_patch.AudioSegment.converter == "ffmpeg"
    assert said(caplog) == [
        "briefing: pydub 0.25.1 is not the version its ffmpeg wiring was checked against (0.25.0): pydub looks for ffmpeg on PATH"
    ]


def test_a_pydub_without_a_converter_is_left_alone(monkeypatch):
    monkeypatch.delattr(pydub_patch.AudioSegment, "converter")
    assert "has no AudioSegment.converter" in pydub_patch.guard()
    pydub_patch.use_ffmpeg("/opt/our/ffmpeg")
    assert "converter" not in pydub_patch.AudioSegment.__dict__


@pytest.mark.slow  # a fresh interpreter
def test_the_user_sees_one_plain_line():
    script = (
        "from briefing.patches import pydub as p\n"
        "p.CHECKED_VERSION = '0.25.0'\n"
        "p.use_ffmpeg('/opt/our/ffmpeg'); p.use_ffmpeg('/opt/our/ffmpeg')\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stderr == (
        "briefing: pydub 0.25.1 is not the version its ffmpeg wiring was checked against (0.25.0): pydub looks for ffmpeg on PATH\n"
    )


def _engine(fake: FakeGoogle) -> GttsEngine:
    return GttsEngine(endpoint=fake.url, backoff=Backoff(tries=1, sleep=lambda _: None), timeout=(1.0, 1.0))


def _original_pattern() -> str:
    """The model's token_match as the model carries it."""
    import srsly

    return srsly.msgpack_loads((Path(nlp.pipeline().path) / "tokenizer").read_bytes())["token_match"]


def _count_table_fills(monkeypatch) -> list[None]:
    """A list that grows by one for each entry a ``Table`` takes one by one (spaCy's own fill)."""
    from spacy.lookups import Table

    fills: list[None] = []
    own = Table.__setitem__

    def setitem(self, key, value):
        fills.append(None)
        own(self, key, value)

    monkeypatch.setattr(Table, "__setitem__", setitem)
    return fills
