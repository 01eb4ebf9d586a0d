import dataclasses

import pytest

from briefing import facts, factcache, pipeline
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
    from briefing import salience

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
