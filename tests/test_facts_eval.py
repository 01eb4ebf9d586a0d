"""Facts extracted from real French articles against facts written by reading them.

The expected facts are in tests/data/eval/expected/ (see the README there).
"""

from __future__ import annotations

import pytest

import evaluation
from briefing.facts.entities import normalise

ARTICLES = [
    "minsk-oreshnik", "orangesum-13624", "orangesum-17581", "orangesum-17649", "orangesum-18247",
    "orangesum-18721", "orangesum-19470", "orangesum-19661", "orangesum-20344", "orangesum-22744",
    "orangesum-24456", "orangesum-3539", "orangesum-9319",
]
MIN_PRECISION = MIN_RECALL = 0.9
MIN_QUOTE_RECALL = 0.8  # a quote said without a name is better than one in the wrong mouth


def _names(entities):
    return [[e.name, *e.aliases] for e in entities]


def _scores(eval_facts, field):
    total = evaluation.Score(0, 0, 0)
    misses = []
    for name, (_, found, expected) in eval_facts.items():
        score, extra, missing = evaluation.match_names(
            _names(getattr(found, field)), [evaluation.split_names(e) for e in expected[field]]
        )
        total += score
        misses += [f"{name}: extra {e}" for e in extra] + [f"{name}: missed {m}" for m in missing]
    return total, misses


def test_every_article_has_expected_facts(eval_facts):
    assert sorted(eval_facts) == sorted(ARTICLES)


@pytest.mark.parametrize("field", ["people", "places", "organisations"])
def test_names_precision_and_recall_over_the_set(eval_facts, field):
    score, misses = _scores(eval_facts, field)
    assert score.expected >= 40, "the fixtures name at least 40 of each"
    assert score.precision >= MIN_PRECISION, misses
    assert score.recall >= MIN_RECALL, misses


@pytest.mark.parametrize("name", ARTICLES)
def test_every_date_resolved_right(eval_facts, name):
    _, found, expected = eval_facts[name]
    assert {(d.text.lower(), d.iso) for d in found.dates} == {
        (d["text"].lower(), d["iso"]) for d in expected["dates"]
    }


@pytest.mark.parametrize("name", ARTICLES)
def test_every_quote_found_is_one_and_never_in_the_wrong_mouth(eval_facts, name):
    """Every quotation found is one by the fixture, and its speaker, when one is given,
    is who the fixture says (any of the names it lists); a quote nobody is named for
    gets no speaker."""
    _, found, expected = eval_facts[name]
    for quote in found.quotes:
        starts = [e for e in expected["quotes"] if quote.text.startswith(e["starts"])]
        assert starts, f"not a quote by the fixture: {quote.text[:60]!r}"
        if quote.speaker:
            assert evaluation.same_speaker(quote.speaker, starts[0]["speaker"]), (quote.speaker, starts[0])


def test_quotes_found_with_their_speakers_over_the_set(eval_facts):
    """Nearly every quotation the fixtures give a speaker is found with that speaker."""
    total = evaluation.QuoteScore(0, 0, 0, 0)
    for name, (_, found, expected) in eval_facts.items():
        score, _, _ = evaluation.score_quotes(found.quotes, expected["quotes"])
        total += score
    assert total.labelled >= 40
    assert total.precision == 1.0
    assert total.recall >= MIN_QUOTE_RECALL, total


@pytest.mark.parametrize("name", ARTICLES)
def test_attribution_names_the_sources(eval_facts, name):
    _, found, expected = eval_facts[name]
    assert {normalise(a.source) for a in found.attribution} == {normalise(s) for s in expected["attribution"]}


@pytest.mark.parametrize("name", ARTICLES)
def test_roles_stated_next_to_names(eval_facts, name):
    _, found, expected = eval_facts[name]
    roles = {p.name: (p.role or "") for p in found.people}
    for person, words in expected.get("roles", {}).items():
        for word in words:
            assert word in roles.get(person, ""), f"{person}: {word!r} not in {roles.get(person)!r}"


@pytest.mark.parametrize("name", ARTICLES)
def test_figures_say_what_they_count(eval_facts, name):
    _, found, expected = eval_facts[name]
    assert set(expected["figures"]) <= {f.text for f in found.figures}


def test_later_mentions_join_the_first_full_one(eval_facts):
    _, found, _ = eval_facts["minsk-oreshnik"]
    names = [p.name for p in found.people]
    assert names.count("Vladimir Poutine") == 1
    assert not any(n in names for n in ("Poutine", "M. Poutine", "Loukachenko", "M. Khinshtein"))
    poutine = next(p for p in found.people if p.name == "Vladimir Poutine")
    assert "M. Poutine" in poutine.aliases
    assert all(not n.startswith(("M. ", "Me ", "Maitre ")) for _, f, _ in eval_facts.values() for n in [p.name for p in f.people])


def test_a_first_name_alone_joins_the_full_name_written_later(eval_facts):
    _, found, _ = eval_facts["orangesum-18721"]
    names = [p.name for p in found.people]
    assert "Xavier Dupont de Ligonnès" in names and "Xavier" not in names
