"""The summary: better than the article's first sentences, speakable, and never
putting words in the wrong mouth."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics

import pytest
from conftest import TESTS

import evaluation

from briefing.facts import extract as facts

from briefing.facts import salience

from briefing.facts import shorten

from briefing.facts import summary
from briefing.models import Article

SAMPLE = TESTS / "data" / "summary" / "orangesum-dev-1-40.jsonl"
LEAD_CUT = re.compile(r"(?<=[.!?»])\s+")  # how lead-k cuts the article's text


@pytest.fixture(scope="module")
def sample():
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        article = Article(source=row["id"], text=row["article"], title=row["title"],
                          published=dt.date.fromisoformat(row["date"]))
        out.append((row, facts.sentences_of(article)))
    return out


def _mean_scores(summaries, headings):
    pairs = [(evaluation.rouge_n(s, h, 1), evaluation.rouge_n(s, h, 2)) for s, h in zip(summaries, headings)]
    return statistics.mean(p[0] for p in pairs), statistics.mean(p[1] for p in pairs)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_the_summary_beats_the_first_sentences_on_a_sample_of_the_fitting_half(sample, count):
    # 40 articles the model was fitted on: a guard against regressions (the
    # figures on unseen articles are bench/summary.py's).
    headings = [row["heading"] for row, _ in sample]
    ours = [" ".join(summary.summarise(sentences, count, row["title"])) for row, sentences in sample]
    lead = [" ".join(LEAD_CUT.split(row["article"].strip())[:count]) for row, _ in sample]
    (ours_1, ours_2), (lead_1, lead_2) = _mean_scores(ours, headings), _mean_scores(lead, headings)
    assert ours_1 >= lead_1 + 0.03, (ours_1, lead_1)
    assert ours_2 >= lead_2, (ours_2, lead_2)


def test_summary_sentences_come_from_the_article_and_keep_their_attribution(sample):
    credit = re.compile(r"\b(?:selon|d'après)\b|-t-(?:il|elle)\b|, (?:a|ont) (?:\w+ )?(?:déclaré|indiqué|précisé|annoncé)\b")
    for row, sentences in sample:
        for sentence in summary.summarise(sentences, 3, row["title"]):
            (source,) = [s for s in sentences if sentence in shorten.versions(s)]
            assert credit.findall(sentence) == credit.findall(source), (source, sentence)
            assert summary.speakable(sentence)


def test_the_model_was_fitted_on_the_fitting_half_only():
    fitted = json.loads(salience.MODEL_PATH.read_text(encoding="utf-8"))["fitted_on"]
    assert (fitted["file"], fitted["lines"]) == ("orangesum-dev500.jsonl", "1-250")


@pytest.mark.parametrize(
    "sentence, shorter",
    [
        ("Elle a été affectée au triage des patients à Clamart (Hauts-de-Seine).",
         "Elle a été affectée au triage des patients à Clamart."),
        ("L'enquête a été confiée à la direction interrégionale de la police judiciaire (DIPJ).",
         "L'enquête a été confiée à la direction interrégionale de la police judiciaire."),
        ("Par ailleurs, le préfet a autorisé l'ouverture de 25 plages sur quatre communes.",
         "Le préfet a autorisé l'ouverture de 25 plages sur quatre communes."),
        ("Le décès de George Floyd a été suivi de manifestations, qui ont dégénéré en émeutes.",
         "Le décès de George Floyd a été suivi de manifestations."),
        ("Le coronavirus a fait 1.100 victimes en France, soit 240 décès supplémentaires en 24 heures.",
         "Le coronavirus a fait 1.100 victimes en France."),
    ],
)
def test_what_a_shorter_version_leaves_out(sentence, shorter):
    assert shorter in shorten.versions(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # the bracket restricts, credits, or is a word the grammar needs
        "Des dizaines d'astronautes américains (et d'autres pays) ont appris le russe.",
        "Le bilan est de 40 morts dans la région du nord (selon la police).",
        "Elle voulait voir les dimensions (pour) sculpter une tête en pierre.",
        # inside a quotation, the brackets are the speaker's meaning
        "« Vous avez le culot de menacer (de l'usage) de la violence », a écrit l'artiste.",
        # the closing clause holds the main verb, credits a source, or is a cleft's
        "Thomas Fabius, qui dirige plusieurs entreprises, a été cambriolé dans la nuit.",
        "Le virus a tué 1.000 personnes dans le pays, soit 10 % selon l'ARS.",
        "C'est le ministre de l'Intérieur, qui a tout décidé.",
        # a contrast is not a mere link
        "Mais le gouvernement a finalement renoncé à sa réforme des retraites.",
        # an attribution is never dropped
        "Les syndicats vont s'asseoir à la table des négociations, a indiqué le responsable syndical.",
    ],
)
def test_what_a_shorter_version_keeps(sentence):
    assert shorten.versions(sentence) == (sentence,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Je les démens et m'exprimerai plus longuement d'ici peu.",  # someone's words, unquoted
        'Son parcours a inspiré des millions de Français", estime Mme Keller.',  # a piece of a quotation
        "« J'ai formé une laborantine, je lui ai tout appris », raconte-t-il.",  # mostly quoted speech
    ],
)
def test_sentences_a_newsreader_cannot_say_in_a_summary(sentence):
    assert not summary.speakable(sentence)


def test_a_quoted_speaker_and_a_plain_sentence_can_be_said():
    assert summary.speakable("« Nous partons », a déclaré le maire de la ville, réuni avec ses adjoints.")
    assert summary.speakable("Le conseil municipal a voté le budget hier soir après un long débat.")


def test_a_sentence_that_leans_on_the_one_before_comes_with_it():
    sentences = [
        "Le gouvernement a présenté mardi un plan de relance de 100 milliards d'euros pour l'économie.",
        "Il a été salué par le patronat et critiqué par les syndicats, qui le jugent trop timide.",
        "La météo sera clémente ce week-end sur l'ensemble du pays, avec des températures de saison.",
        "Cette annonce intervient après des mois de crise sanitaire et économique dans le pays.",
    ]
    for count in (1, 2, 3):
        chosen = summary.summarise(sentences, count, "Le gouvernement présente un plan de relance")
        indices = [next(i for i, s in enumerate(sentences) if c in shorten.versions(s)) for c in chosen]
        assert indices == sorted(indices)
        for i in indices:
            if summary.ANAPHORIC.match(sentences[i]):
                assert i - 1 in indices, chosen


def test_leaning_openings():
    for leaning in ("Cette déclaration a été faite hier.", "Ils se montaient à 10.350.", "Il a été arrêté mardi.",
                    "C'est le chiffre le plus bas depuis mars.", "Son parcours a inspiré des millions de gens.",
                    "Néanmoins ce dernier assure qu'il n'est pas intéressé.", "Mais il a refusé de répondre."):
        assert summary.ANAPHORIC.match(leaning), leaning
    for standing in ("Ce jeudi, le plan social se précise.", "Il y a trois ans, la ville a changé.",
                     "Il faut boire de l'eau.", "Ce sont des milliers de manifestants.", "Ilan a parlé.",
                     "Mais les syndicats ont refusé.", "Ainsi, le gouvernement a cédé."):
        assert not summary.ANAPHORIC.match(standing), standing


def test_a_summary_asks_for_no_more_than_the_article_has():
    sentences = ["Le conseil municipal a voté le budget hier soir après un long débat public."]
    assert summary.summarise(sentences, 3) == tuple(sentences)
    assert summary.summarise([], 3) == ()


def test_the_summary_keeps_its_length_when_a_leaning_sentence_cannot_come_with_the_one_before():
    sentences = [
        "Le ministre a présenté un plan de relance de 100 milliards d'euros pour l'économie du pays.",
        "« Nous avons entendu les Français, ils veulent du travail et des salaires », a-t-il dit.",
        "Il a été salué par le patronat et critiqué par les syndicats, jugé trop timide.",  # leans on a quote
        "Les syndicats appellent à manifester jeudi dans toute la France contre ce plan.",
        "Ils demandent une hausse des salaires et une baisse du temps de travail pour tous.",
    ]
    chosen = summary.summarise(sentences, 4, "Un plan de relance de 100 milliards")
    assert chosen == tuple(s for i, s in enumerate(sentences) if i != 1)  # the quote is not said
    assert not summary.ANAPHORIC.match(chosen[0])
