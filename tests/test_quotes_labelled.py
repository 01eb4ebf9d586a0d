"""Who said each quotation, against speakers labelled by reading dev-set articles.

The labels are in tests/data/labels (see the README there): a held-out part the
speaker rules were never tuned on, and the parts they were tuned on. A quote put
in the wrong mouth is worse than one said without a name, so precision has a
high floor and recall a low one.
"""

from __future__ import annotations

import tomllib

import pytest

import evaluation
from conftest import TESTS

LABELS = TESTS / "data" / "labels"
MIN_PRECISION = 0.95
MIN_RECALL = {"heldout": 0.45, "tuning": 0.5}


@pytest.fixture(scope="module")
def dev_articles(dev_facts):
    return {item.name: found for item, found in dev_facts.values()}


def _score(part: str, dev_articles) -> tuple[evaluation.QuoteScore, list]:
    labels = tomllib.loads((LABELS / f"quotes-{part}.toml").read_text(encoding="utf-8"))
    total = evaluation.QuoteScore(0, 0, 0, 0)
    wrong = []
    for entry in labels["article"]:
        found = dev_articles[entry["id"]]
        score, checks, _ = evaluation.score_quotes(found.quotes, entry["quotes"], entry.get("people", ()))
        total += score
        wrong += [(entry["id"], c.speaker, c.labelled, c.text[:50]) for c in checks if not c.right]
    return total, wrong


@pytest.mark.parametrize("part", ["heldout", "tuning"])
def test_speakers_are_right_nearly_always(part, dev_articles):
    score, wrong = _score(part, dev_articles)
    assert score.labelled >= 70, "the fixture labels at least 70 quotes with a speaker"
    assert score.precision >= MIN_PRECISION, wrong
    assert score.recall >= MIN_RECALL[part], score


def test_the_scorer_counts_a_wrong_mouth_and_a_place_as_wrong():
    """The metric itself: a place, or another person, named as the speaker is wrong."""
    from briefing.models import Quote

    labelled = [{"starts": "C'est le quotidien de nos gendarmes", "speaker": "un capitaine de gendarmerie"}]
    right = [Quote("C'est le quotidien de nos gendarmes, on ne lâche rien", "un capitaine de gendarmerie")]
    place = [Quote("C'est le quotidien de nos gendarmes, on ne lâche rien", "Mardor")]
    unsaid = [Quote("C'est le quotidien de nos gendarmes, on ne lâche rien", None)]
    assert evaluation.score_quotes(right, labelled)[0].precision == 1.0
    assert evaluation.score_quotes(place, labelled)[0].precision == 0.0
    score = evaluation.score_quotes(unsaid, labelled)[0]
    assert (score.attributed, score.recall) == (0, 0.0)
