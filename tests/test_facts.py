import json
from pathlib import Path

import pytest

from briefing import facts, sources
from briefing.errors import InputError
from briefing.models import Article

EVAL = Path(__file__).resolve().parent / "data" / "eval"


def test_seed_lead_headline_and_summary(seed):
    f = facts.extract(sources.read(seed))
    assert f.lead.startswith("Cette déclaration a été faite par M. Poutine")
    # The summary is three sentences of the article, in article order, and
    # opens on the signing of the accord rather than on a sentence that
    # leans on a missing one (« Cette déclaration… »).
    assert len(f.summary) == 3
    positions = [f.sentences.index(s) for s in f.summary]
    assert positions == sorted(positions)
    assert f.summary[0].startswith("Le président russe Vladimir Poutine et son homologue biélorusse")
    assert "accord de sécurité" in f.summary[0]
    # The headline is short, from a standalone sentence, and does not dangle.
    words = f.headline.split()
    assert 3 <= len(words) <= facts.HEADLINE_MAX_WORDS
    assert "Poutine" in f.headline
    assert words[-1].lower() not in {"de", "la", "le", "et", "à", "ont", "a"}
    assert not f.headline.startswith("Cette")


def test_summary_length_follows_the_setting(seed):
    article = sources.read(seed)
    assert len(facts.extract(article, summary_sentences=2).summary) == 2
    assert len(facts.extract(article, summary_sentences=1).summary) == 1


def test_title_is_the_headline_when_there_is_one():
    article = Article(source="x", text="Le gouvernement a présenté un budget très attendu ce mardi.", title="Budget 2027")
    assert facts.extract(article).headline == "Budget 2027"


def test_no_real_sentence_is_an_error():
    with pytest.raises(InputError, match="no sentences"):
        facts.extract(Article(source="bref.txt", text="Oui.\nNon merci."))


def test_short_article_gives_what_it_has():
    f = facts.extract(Article(source="x", text="Le gouvernement a présenté un budget très attendu ce mardi."))
    assert f.summary == (f.lead,)


@pytest.mark.parametrize("path", sorted(EVAL.glob("orangesum-*.json")), ids=lambda p: p.stem)
def test_orangesum_summaries_are_sentences_of_the_article(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    article = Article(source=path.name, text=sources.clean_text(data["article"]), title=data["title"])
    f = facts.extract(article)
    assert f.headline == data["title"]
    assert 1 <= len(f.summary) <= 3
    for sentence in f.summary:
        assert sentence in f.sentences
        assert len(sentence.split()) >= facts.MIN_SENTENCE_WORDS
