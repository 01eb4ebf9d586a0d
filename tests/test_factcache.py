import dataclasses

import pytest

from briefing import pipeline

from briefing.facts import extract as facts

from briefing.facts import cache as factcache
from briefing.models import Article
from conftest import NOW

ARTICLE = Article(
    source="a.txt",
    text="Le conseil municipal de Lyon a voté mardi le budget de la ville après un long débat. "
    "Le maire, Grégory Doucet, a salué « un budget de responsabilité ».",
)


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = facts.extract

    def counting(article, **kwargs):
        calls.append(article.source)
        return real(article, **kwargs)

    monkeypatch.setattr(facts, "extract", counting)
    return calls


def test_an_article_is_parsed_once(tmp_path, counted):
    store = factcache.FactsCache(tmp_path)
    first = factcache.extract(ARTICLE, today=NOW.date(), store=store)
    again = factcache.extract(ARTICLE, today=NOW.date(), store=store)
    assert again == first
    assert counted == ["a.txt"]


def test_anything_the_facts_depend_on_makes_a_new_entry(tmp_path, counted):
    store = factcache.FactsCache(tmp_path)
    factcache.extract(ARTICLE, today=NOW.date(), store=store)
    factcache.extract(dataclasses.replace(ARTICLE, text=ARTICLE.text + " Il pleuvait."), today=NOW.date(), store=store)
    factcache.extract(ARTICLE, today=NOW.date(), summary_sentences=1, store=store)
    factcache.extract(ARTICLE, today=NOW.date().replace(day=1), store=store)
    assert len(counted) == 4


def test_a_refitted_summary_model_makes_a_new_entry(tmp_path, counted, monkeypatch):
    from briefing.facts import salience

    assert factcache.SUMMARY_MODEL == salience.MODEL_PATH
    store = factcache.FactsCache(tmp_path)
    factcache.extract(ARTICLE, today=NOW.date(), store=store)
    refitted = tmp_path / "salience.json"
    refitted.write_bytes(salience.MODEL_PATH.read_bytes() + b" ")
    monkeypatch.setattr(factcache, "SUMMARY_MODEL", refitted)
    factcache._summary_model.cache_clear()
    try:
        factcache.extract(ARTICLE, today=NOW.date(), store=store)
    finally:
        factcache._summary_model.cache_clear()
    assert len(counted) == 2


def test_a_damaged_entry_is_made_again(tmp_path, counted):
    store = factcache.FactsCache(tmp_path)
    first = factcache.extract(ARTICLE, today=NOW.date(), store=store)
    (entry,) = tmp_path.rglob("*.facts")
    entry.write_bytes(entry.read_bytes()[:40])
    assert factcache.extract(ARTICLE, today=NOW.date(), store=store) == first
    assert len(counted) == 2
    assert factcache.FactsCache(tmp_path).get(factcache.key_of(ARTICLE, NOW.date(), 3)) == first  # rewritten whole


def test_the_pipeline_uses_it_unless_told_not_to(settings, seed, counted):
    pipeline.write_script([seed], settings)
    pipeline.write_script([seed], settings)
    assert len(counted) == 1
    pipeline.write_script([seed], dataclasses.replace(settings, cache=False))
    assert len(counted) == 2


def test_filling_every_summary_length_parses_once_and_gives_what_extract_gives(tmp_path, counted):
    from conftest import SEED
    from briefing.sources import articles as sources

    article = sources.read(SEED)
    store = factcache.FactsCache(tmp_path)
    assert factcache.fill(article, today=NOW.date(), most=3, store=store) is True
    assert factcache.fill(article, today=NOW.date(), most=3, store=store) is False  # all there: nothing parsed
    assert counted == [str(SEED)]
    for n in (1, 2, 3):
        kept = factcache.extract(article, today=NOW.date(), summary_sentences=n, store=store)
        assert len(kept.summary) == n
        assert kept == factcache._parse(article, NOW.date(), n)  # exactly what a parse with that length gives
    assert len(counted) == 4  # the three parses of the comparison, no more
