import dataclasses
import datetime as dt

import pytest
import webvtt

from audio_helpers import decoded, rms
from briefing import pipeline
from briefing.facts import extract as facts
from briefing.script import reading
from briefing.script import render as script
from briefing.french import sentences
from briefing.publish import site
from briefing.sources import articles as sources
from briefing.models import Article
from briefing.config import Settings
from conftest import NOW

pytestmark = pytest.mark.usefixtures("shared_facts")  # what is done with the facts, not the reading (conftest)

TODAY = NOW.date()  # the run's date, for dates in articles that have none


def test_reading_says_every_sentence_of_the_article(settings, seed):
    result = pipeline.read([seed], settings)
    episode = result.episode
    article_sentences = [s for s in sentences.split(sources.read(seed).text)]
    spoken = [line.text for segment in episode.segments for line in segment.lines]
    for sentence in article_sentences:
        assert sentence in spoken
    captions = webvtt.read(str(episode.mp3.with_suffix(".vtt")))
    assert [c.text for c in captions] == spoken
    assert episode.mp3.name.startswith("lecture-2026-11-24-")
    assert episode.title.startswith("Lecture : ")


def test_reading_opens_with_headline_then_source_and_date(settings):
    article = Article(
        source="https://www.example.org/a.html",
        text="Le conseil municipal a voté le budget de la ville hier soir après un long débat.\n"
        "Les élus de l'opposition ont quitté la salle avant la fin de la séance publique.",
        title="Le budget est voté",
        published=dt.date(2026, 11, 20),
        site="Le Journal de la Ville",
    )
    s = script.render_reading([facts.extract(article, today=TODAY)], settings)
    opening = s.segments[0]
    assert opening.lines[0].text == "Le budget est voté."
    assert opening.lines[1].text == "Un article de Le Journal de la Ville, publié le vendredi 20 novembre 2026."
    assert s.segments[-1].kind == "outro"


def test_subheadings_become_chapters():
    text = (
        "Le gouvernement a présenté mardi son plan pour l'hiver, très attendu des élus locaux.\n"
        "Les mesures\n"
        "Le plan prévoit des aides pour le chauffage des ménages les plus modestes du pays.\n"
        "Il prévoit aussi des contrôles renforcés des prix de l'énergie dans les magasins.\n"
        "Les réactions\n"
        "L'opposition a dénoncé un plan trop timide et trop tardif selon elle."
    )
    parts = reading.parts(text)
    assert [p.title for p in parts] == ["Le gouvernement a présenté mardi son plan…", "Les mesures", "Les réactions"]
    assert [p.heading for p in parts] == [False, True, True]
    assert len(parts[1].paragraphs) == 2


def test_long_text_without_headings_is_grouped():
    paragraph = "Les habitants de la commune ont manifesté samedi contre la fermeture annoncée de leur école. " * 4
    parts = reading.parts("\n".join([paragraph] * 6))
    assert 2 <= len(parts) <= 6
    assert sum(len(p.paragraphs) for p in parts) == 6
    assert not parts[0].title.endswith("M.…")


def test_part_titles_never_end_on_an_abbreviation():
    parts = reading.parts("Cette déclaration a été faite par M. Poutine en réponse à une demande du président.")
    assert parts[0].title == "Cette déclaration a été faite par…"


def test_slug():
    assert reading.slug("Le président russe Vladimir Poutine et son homologue") == "le-president-russe-vladimir-poutine-et"
    assert reading.slug("« ! »") == "article"


# An article of a few sentences: what a rate does to speech and its timings
# shows as well on four sentences as on forty.
SHORT = """Le conseil municipal de Lyon a voté mardi soir un budget de douze millions d'euros pour ses écoles.
Trente établissements seront rénovés d'ici à la rentrée de septembre prochain, selon la mairie.
Les travaux porteront d'abord sur l'isolation des bâtiments et sur le chauffage des salles de classe.
Les parents d'élèves réclamaient ces rénovations depuis plusieurs années, a rappelé l'adjointe à l'éducation.
"""


@pytest.fixture(scope="module")
def read_at_normal_speed(tmp_path_factory):
    root = tmp_path_factory.mktemp("normal")
    article = root / "lyon.txt"
    article.write_text(SHORT, encoding="utf-8")
    return article, pipeline.read([article], Settings(now=NOW, output=root / "out", cache_dir=root / "cache")).episode


@pytest.mark.parametrize("rate", [0.6, 1.6])
def test_rate_changes_speed_and_the_timings_follow(settings, rate, read_at_normal_speed):
    article, normal = read_at_normal_speed
    other = pipeline.read([article], dataclasses.replace(settings, rate=rate, output=settings.output / "other")).episode

    def speech_ms(episode):
        return sum(c.end_ms - c.start_ms for c in episode.cues)

    ratio = speech_ms(normal) / speech_ms(other)
    assert abs(ratio - rate) / rate < 0.2
    samples, sr = decoded(other.mp3)
    for cue in other.cues:
        assert rms(samples[cue.start_ms * sr // 1000 : cue.end_ms * sr // 1000]) > 0.02


def test_index_lists_episodes_newest_first(settings, seed):
    older = dataclasses.replace(settings, now=NOW - dt.timedelta(days=1))
    pipeline.make([seed], older)
    pipeline.make([seed], settings)
    pipeline.read([seed], settings)
    listed = site.episodes(settings.output)
    assert [e.date for e in listed] == sorted((e.date for e in listed), reverse=True)
    assert listed[-1].mp3 == "briefing-2026-11-23.mp3"
    assert {e.mp3 for e in listed} == {p.name for p in settings.output.glob("*.mp3")}
    html = (settings.output / "index.html").read_text(encoding="utf-8")
    assert html.index("briefing-2026-11-24.html") < html.index("briefing-2026-11-23.html")
    assert 'lang="fr"' in html
