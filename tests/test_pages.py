"""HTML main-content extraction on the real saved pages of the evaluation set.

Each ``orangesum-N.html`` is an Orange Actu page as it was saved, with its
menus, news ticker, share buttons, adverts and scripts; ``orangesum-N.json``
holds the article text as the OrangeSum corpus extracted it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import lxml.html
import pytest

from conftest import NOW

from briefing.facts import extract as facts

from briefing.sources import articles as sources
from briefing.errors import InputError

EVAL = Path(__file__).parent / "data" / "eval"
PAGES = sorted(EVAL.glob("orangesum-*.html"))

# Page furniture seen on these pages: menus, the ticker, share and comment
# prompts, the advert and legal lines, and a video embed inside the article.
FURNITURE = (
    "A la une", "Toutes les news", "ALERTE INFO", "Fil info", "Réagir", "A lire aussi",
    "Publicité", "Liens commerciaux", "Vos réactions doivent respecter nos CGU",
    "retrouvez Actualités sur", "facebook", "twitter", "Liste des articles archivés",
    "CAC 40", "par BFM Business", "publié le",
)


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+([.,])(?=\s|$)", r"\1", text)  # « 2018 , » as the clean-up tidies it
    return " ".join(text.split())


def corpus_sentences(article: str) -> list[str]:
    """The corpus text cut into sentences, also where its joins lost their space
    (« domestique.Consternant », « dantesquesL'afflux »)."""
    cut = re.sub(r"(?<=[.!?…»\"])\s*(?=[A-ZÀ-ÖØ-Þ«\"])|(?<=[a-zà-ÿ])(?=[A-ZÀ-ÖØ-Þ])", "\n", article)
    return [_norm(s) for s in cut.split("\n") if len(s.split()) >= 3]


def furniture_of(page: Path) -> set[str]:
    """The text of the page's own menus, share bars and social links."""
    tree = lxml.html.fromstring(page.read_bytes())
    found = set()
    for element in tree.xpath(
        "//nav | //header | //footer | //*[contains(@class, 'menu') or contains(@class, 'share')"
        " or contains(@class, 'social') or contains(@class, 'cookie') or contains(@class, 'consent')]"
    ):
        for text in element.itertext():
            text = _norm(text)
            if len(text) >= 12:
                found.add(text)
    return found


def coverage(page: Path) -> tuple[float, list[str]]:
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    body = _norm(sources.read(page).text)
    wanted = corpus_sentences(expected["article"])
    missing = [s for s in wanted if s not in body]
    return 1 - len(missing) / len(wanted), missing


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_extracted_body_holds_the_article_and_no_furniture(page):
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = sources.read(page)
    share, missing = coverage(page)
    assert share >= 0.95, f"{share:.0%} of the sentences; missing: {missing}"
    body = _norm(article.text)
    for words in FURNITURE:
        assert words.lower() not in body.lower()
    own = furniture_of(page)
    assert own, "the page's menus were found (else this check checks nothing)"
    for text in own:
        if text not in _norm(expected["article"]):
            assert text not in body
    assert article.title == expected["title"]
    assert article.published == dt.date.fromisoformat(expected["date"])
    assert article.site == "Orange Actualités"
    # the byline is gone, so the story opens on its first real sentence
    assert not article.text.startswith("6Medias")


def test_corpus_sentences_are_cut_where_the_join_lost_its_space():
    assert corpus_sentences("Des conditions dantesquesL'afflux massif de patients. « Oui, dit-il. »Puis il part loin.") == [
        "Des conditions dantesques", "L'afflux massif de patients.", "« Oui, dit-il. »", "Puis il part loin.",
    ]


def test_cookie_banner_share_bar_and_menu_are_left_out(tmp_path):
    page = tmp_path / "page.html"
    paragraph = ("Le conseil municipal de Lyon a voté mardi soir un budget de 900 millions d'euros, "
                 "en hausse de quatre pour cent, après un débat de six heures. ")
    page.write_text(f"""<!DOCTYPE html><html lang="fr"><head><title>Lyon vote son budget</title>
<meta property="og:site_name" content="Le Petit Lyonnais">
<meta property="article:published_time" content="2026-11-23T18:00:00+01:00"></head><body>
<div id="cookie-banner" class="cookie-consent"><p>Nous utilisons des cookies pour améliorer votre expérience.
Accepter les cookies</p></div>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/politique">Politique</a></li></ul></nav>
<article><h1>Lyon vote son budget</h1>
<div class="share-bar"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a></div>
<p>{paragraph * 2}</p><p>{paragraph}Le maire a salué « un budget de responsabilité ».</p>
<p>L'opposition a dénoncé une hausse des impôts locaux et demandé un audit indépendant des comptes.</p>
</article><footer>© Le Petit Lyonnais — Mentions légales</footer></body></html>""", encoding="utf-8")
    article = sources.read(page)
    assert "Le maire a salué" in article.text and "audit indépendant" in article.text
    for furniture in ("cookies", "Accepter", "Partager", "Accueil", "Mentions légales"):
        assert furniture not in article.text
    assert (article.title, article.published, article.site) == ("Lyon vote son budget", dt.date(2026, 11, 23), "Le Petit Lyonnais")


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html><html><head><title>Vide</title></head><body><nav>Accueil</nav></body></html>",
    "<html><body><script>var a = 1;</script></body></html>",
])
def test_page_without_article_text_is_one_clear_error(tmp_path, html):
    page = tmp_path / "broken.html"
    page.write_text(html, encoding="utf-8")
    with pytest.raises(InputError) as info:
        facts.extract(sources.read(page), today=NOW.date())  # what `briefing make` does with it
    assert info.value.source == str(page)
    assert info.value.problem in ("no article text found in the HTML page", "has no sentences to read")
