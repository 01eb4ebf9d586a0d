"""The facts stage on the seed article and on made-up edge cases."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import EVAL, NOW, SEED, SEED_PUBLISHED

from briefing import pipeline

from briefing.facts import extract as facts

from briefing.facts import nlp

from briefing.facts import shorten

from briefing.sources import articles as sources
from briefing.errors import InputError
from briefing.models import Article

TODAY = NOW.date()


def seed_article(seed, published=None, title=None):
    article = sources.read(seed)
    return Article(source=article.source, text=article.text, title=title, published=published)


def source_of(found, sentence: str) -> int:
    """The index of the article sentence a summary sentence is, or is a shorter version of."""
    (index,) = [i for i, s in enumerate(found.sentences) if sentence in shorten.versions(s)]
    return index


@pytest.fixture(scope="module")
def seed_facts():
    return facts.extract(seed_article(SEED, SEED_PUBLISHED), today=TODAY)


def test_the_headline_is_the_title_when_there_is_one(seed):
    found = facts.extract(seed_article(seed, SEED_PUBLISHED, title="Poutine et Loukachenko signent"), today=TODAY)
    assert found.headline == "Poutine et Loukachenko signent"


def test_a_lead_that_stands_alone_gives_the_headline():
    article = Article(
        source="x",
        text="Le président du Sénat a présenté mardi à Paris un budget très attendu, selon l'AFP. Il sera voté.",
    )
    assert facts.extract(article, today=TODAY).headline == "Le président du Sénat a présenté un budget très attendu"


def test_without_a_title_the_headline_is_subject_verb_object_of_the_lead(seed_facts):
    # The lead (« Cette déclaration… ») leans on a sentence the page lost: the
    # headline is made from the best-ranked sentence that stands alone, without
    # titles before the names, the date, the place and « a rapporté l'agence TASS ».
    assert seed_facts.headline == "Vladimir Poutine et Alexandre Loukachenko ont signé un accord de sécurité conjoint"
    assert len(seed_facts.headline.split()) <= 12


def test_the_lead_is_the_first_real_sentence_not_the_photo_caption(seed_facts):
    assert seed_facts.lead.startswith("Cette déclaration a été faite par M. Poutine")


def test_summary_has_n_sentences_in_article_order(seed):
    article = seed_article(seed, SEED_PUBLISHED)
    for n in (1, 3, 5):
        found = facts.extract(article, today=TODAY, summary_sentences=n)
        assert len(found.summary) == n
        positions = [source_of(found, s) for s in found.summary]
        assert positions == sorted(positions)
        assert not found.summary[0].startswith(("Cette", "Ce ", "Ces", "Cet"))


def test_roles_and_honorifics(seed_facts):
    people = {p.name: p for p in seed_facts.people}
    assert "député" in people["Alexandre Khinshtein"].role
    assert "gouverneur par intérim" in people["Alexandre Khinshtein"].role
    assert people["Vladimir Poutine"].role == "président russe"
    assert "M. Poutine" in people["Vladimir Poutine"].aliases


def test_quotes_name_the_person_behind_m_poutine(seed_facts):
    speakers = {q.text[:25]: q.speaker for q in seed_facts.quotes}
    assert speakers == {"contribuera à protéger de": "Vladimir Poutine", "Il est nécessaire de réso": "Vladimir Poutine"}
    assert any(q.cue == "a déclaré M. Poutine" for q in seed_facts.quotes)  # the attribution, up to who


def test_attribution_to_the_news_agency(seed_facts):
    assert ("TASS", "a rapporté l'agence de presse TASS") in {(a.source, a.text) for a in seed_facts.attribution}
    assert ("TASS", "Selon TASS") in {(a.source, a.text) for a in seed_facts.attribution}


def test_figures_say_what_they_count(seed_facts):
    assert [(f.text, f.value, f.counts) for f in seed_facts.figures] == [
        ("800 kilomètres carrés", 800.0, "kilomètres carrés")
    ]


def test_with_a_publication_date_relative_dates_resolve_against_it(seed_facts):
    assert not seed_facts.dated_by_run
    assert seed_facts.reference_date == SEED_PUBLISHED
    assert ("Le mois dernier", "2024-11") in {(d.text, d.iso) for d in seed_facts.dates}


def test_without_a_publication_date_the_runs_date_is_used_and_said(seed):
    found = facts.extract(seed_article(seed), today=dt.date(2025, 3, 10))
    assert found.dated_by_run
    assert found.reference_date == dt.date(2025, 3, 10)
    resolved = {d.text: d.iso for d in found.dates}
    assert resolved["Le mois dernier"] == "2025-02"
    assert resolved["le 6 décembre"] == "2024-12-06"


NOISY = """Le président russe à Minsk, en décembre 2024. (Source : Reuters) |
Par Jean Dupont
Crédit photo : Sergueï Ivanov / AFP
Le président russe Vladimir Poutine a signé un accord avec Minsk le 6 décembre, a rapporté l'agence TASS.
Lire aussi : Koursk, la région que Moscou veut reprendre
Partager sur Facebook
Abonnez-vous à notre newsletter
Moscou et Minsk organisent régulièrement des exercices militaires conjoints en Biélorussie.
Comment (0)
"""


def test_page_noise_never_becomes_a_fact(tmp_path):
    path = tmp_path / "noisy.txt"
    path.write_text(NOISY, encoding="utf-8")
    found = facts.extract(sources.read(path), today=TODAY)
    assert len(found.sentences) == 2
    assert found.lead.startswith("Le président russe Vladimir Poutine a signé")
    everything = " ".join(
        [*found.sentences, *(p.name for p in found.people), *(e.name for e in found.places + found.organisations)]
    )
    for noise in ("Reuters", "Jean Dupont", "Ivanov", "AFP", "Koursk", "Facebook", "newsletter", "Comment"):
        assert noise not in everything
    assert [d.iso for d in found.dates] == ["2026-12-06"]  # not the caption's « décembre 2024 »


def test_noise_still_in_the_text_is_dropped_by_the_stage_itself():
    article = Article(source="x", text="Comment (0)\nLe maire de Lyon a inauguré le nouveau pont ce matin.\nLire aussi : autre chose")
    assert facts.extract(article, today=TODAY).sentences == ("Le maire de Lyon a inauguré le nouveau pont ce matin.",)


@pytest.mark.parametrize(
    "text",
    ["", "Comment (0)\nLire aussi : la suite\nPartager", "Un titre sans phrase\nUn autre intertitre"],
)
def test_an_article_with_nothing_to_read_is_an_input_error(text):
    with pytest.raises(InputError, match="no sentences"):
        facts.extract(Article(source="empty.txt", text=text), today=TODAY)


ENGLISH = (
    "The Russian president said on Friday that the new security treaty signed with Belarus would protect "
    "both countries, and that the missiles would be deployed there by the end of the year."
)


def test_a_text_that_is_not_french_gets_a_warning():
    found = facts.extract(Article(source="english.txt", text=ENGLISH), today=TODAY)
    assert found.warnings == ("english.txt: the text looks English, not French; its facts may be wrong",)


@pytest.mark.parametrize("language, text", [
    ("German", "Der Präsident sagte am Freitag, dass der neue Vertrag mit Belarus beide Länder schützen werde und dass "
               "die Raketen bis zum Ende des Jahres dort stationiert sein würden."),
    ("Spanish", "El presidente dijo el viernes que el nuevo tratado firmado con Bielorrusia protegería a los dos "
                "países y que los misiles estarían allí antes del final del año."),
])
def test_other_languages_are_named(language, text):
    found = facts.extract(Article(source="x.txt", text=text), today=TODAY)
    assert found.warnings == (f"x.txt: the text looks {language}, not French; its facts may be wrong",)


@pytest.mark.slow  # a fresh interpreter
def test_the_language_check_builds_no_tokenizer():
    """The stop lists load alone: no language package of spaCy is imported (each costs up to 2 s)."""
    import subprocess
    import sys

    from conftest import subprocess_env

    code = ("import sys; from briefing.french import language; print(language.guess(open(sys.argv[1]).read()));"
            "print(sorted(m for m in sys.modules if m.startswith('spacy')))")
    run = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True,
                         env=subprocess_env(), check=True)
    assert run.stdout.splitlines() == ["fr", "[]"]


def test_a_french_text_gets_no_warning(seed_facts):
    assert seed_facts.warnings == ()


@pytest.mark.slow  # a fresh interpreter
def test_threads_asking_for_the_model_at_once_share_one_load_and_leave_spacy_as_it_was():
    import subprocess
    import sys

    from conftest import subprocess_env

    code = """
import re
from concurrent.futures import ThreadPoolExecutor
from briefing.facts import nlp
compile_before = re.compile
with ThreadPoolExecutor(4) as pool:
    loaded = list(pool.map(lambda _: nlp.pipeline(), range(4)))
from spacy.lookups import Table
from thinc.api import get_current_ops
print(len({id(p) for p in loaded}), re.compile is compile_before, "update" in Table.__dict__,
      len(loaded[0].tokenizer.token_match.__self__.pattern) < 100_000, get_current_ops().use_blis)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(), check=True)
    assert run.stdout.split() == ["1", "True", "False", "True", "True"]


def test_the_model_is_loaded_once_per_process(seed_facts):
    assert nlp.pipeline() is nlp.pipeline()
    assert nlp.load_seconds is not None


def test_a_model_let_go_is_loaded_again_and_reads_alike(seed_facts):
    before = nlp.pipeline()
    nlp.release()
    assert nlp._pipeline.cache_info().currsize == 0
    assert facts.extract(seed_article(SEED, SEED_PUBLISHED), today=TODAY) == seed_facts
    assert nlp.pipeline() is not before


def test_the_parse_multiplies_with_numpys_blas_on_one_thread_and_numpy_keeps_its_threads(seed_facts):
    """blis picks a generic kernel on CPUs it does not know, three to four times
    slower than numpy's BLAS here; a second BLAS thread would buy a tenth of the
    wall clock for 70 % more CPU (bench/RESULTS.md)."""
    from spacy.language import Language

    model = nlp.pipeline()
    layers = [(name, layer) for name, part in model.pipeline if getattr(part, "model", None) for layer in part.model.walk()]
    with_blis = {(name, layer.name) for name, layer in layers if layer.ops.use_blis}
    # but the parser's and the entities' output layers, which spaCy makes on its
    # default CPU ops on purpose (its greedy parse multiplies with blis in C anyway)
    assert len(layers) > 100 and with_blis == {("parser", "linear"), ("ner", "linear")}

    threads_while_parsing = []
    if "blas_threads_seen" not in Language.factories:
        Language.component("blas_threads_seen", func=lambda doc: threads_while_parsing.append(_blas_threads()) or doc)
    before = _blas_threads()
    model.add_pipe("blas_threads_seen")
    try:
        assert facts.extract(seed_article(SEED, SEED_PUBLISHED), today=TODAY) == seed_facts
    finally:
        model.remove_pipe("blas_threads_seen")
    assert threads_while_parsing and set(threads_while_parsing) == {1}
    assert _blas_threads() == before


def _blas_threads() -> int:
    import threadpoolctl

    return next(lib["num_threads"] for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas")


def test_the_briefing_script_speaks_the_facts(seed, settings):
    script = pipeline.write_script([seed], settings)
    story = next(s for s in script.segments if s.kind == "story")
    assert story.title == "Vladimir Poutine et Alexandre Loukachenko ont signé un accord de sécurité conjoint"
    # the sentence crediting TASS says the headline again and is left out; the credit stays
    assert "C'est ce que rapporte TASS." in " ".join(line.text for line in story.lines)


def test_seed_lead_headline_and_summary(seed):
    f = facts.extract(sources.read(seed), today=TODAY)
    assert f.lead.startswith("Cette déclaration a été faite par M. Poutine")
    # The summary is three sentences of the article (or shorter versions of
    # them), in article order; it holds the signing of the accord and does not
    # open on a sentence that leans on a missing one (« Cette déclaration… »).
    assert len(f.summary) == 3
    positions = [source_of(f, s) for s in f.summary]
    assert positions == sorted(positions)
    signing = [s for s in f.summary if s.startswith("Le président russe Vladimir Poutine et son homologue biélorusse")]
    assert signing and "accord de sécurité" in signing[0]
    assert not f.summary[0].startswith("Cette")
    # The headline is short, from a standalone sentence, and does not dangle.
    words = f.headline.split()
    assert 3 <= len(words) <= facts.HEADLINE_MAX_WORDS
    assert "Poutine" in f.headline
    assert words[-1].lower() not in {"de", "la", "le", "et", "à", "ont", "a"}
    assert not f.headline.startswith("Cette")


def test_summary_length_follows_the_setting(seed):
    article = sources.read(seed)
    assert len(facts.extract(article, today=TODAY, summary_sentences=2).summary) == 2
    assert len(facts.extract(article, today=TODAY, summary_sentences=1).summary) == 1


def test_title_is_the_headline_when_there_is_one():
    article = Article(source="x", text="Le gouvernement a présenté un budget très attendu ce mardi.", title="Budget 2027")
    assert facts.extract(article, today=TODAY).headline == "Budget 2027"


def test_no_real_sentence_is_an_error():
    with pytest.raises(InputError, match="no sentences"):
        facts.extract(Article(source="bref.txt", text="Oui.\nNon merci."), today=TODAY)


def test_short_article_gives_what_it_has():
    f = facts.extract(Article(source="x", text="Le gouvernement a présenté un budget très attendu ce mardi."), today=TODAY)
    assert f.summary == (f.lead,)


@pytest.mark.parametrize("path", sorted(EVAL.glob("orangesum-*.json")), ids=lambda p: p.stem)
def test_orangesum_summaries_are_sentences_of_the_article(path):
    # A summary sentence is a sentence of the article, or a shorter version of
    # one (an aside, an opening connector or a closing clause left out).
    data = json.loads(path.read_text(encoding="utf-8"))
    article = Article(source=path.name, text=sources.clean_text(data["article"]), title=data["title"])
    f = facts.extract(article, today=TODAY)
    assert f.headline == data["title"]
    assert 1 <= len(f.summary) <= 3
    for sentence in f.summary:
        source_of(f, sentence)
        assert len(sentence.split()) >= facts.MIN_SENTENCE_WORDS


def test_the_parse_keeps_the_sentences_found_before_it(seed):
    text = sources.clean_text(seed.read_text(encoding="utf-8"))
    from briefing.french import sentences as sentence_splitter

    spans = sentence_splitter.spans(text)
    doc = nlp.parse(text, [a for a, _ in spans])
    assert [s.start_char for s in doc.sents] == [a for a, _ in spans]
    assert all(t.dep_ for t in doc) and doc.ents, "then parsed and its names found"
