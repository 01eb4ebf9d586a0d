import datetime as dt

import pytest

from briefing.facts import dates


def resolve(text, published):
    return [(d.text, d.iso) for d in dates.find(text, dt.date.fromisoformat(published))]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("signé le 6 décembre à Minsk", "2024-12-07", [("le 6 décembre", "2024-12-06")]),
        # A date without its year takes the year nearest publication.
        ("signé le 6 décembre à Minsk", "2025-01-03", [("le 6 décembre", "2024-12-06")]),
        ("le procès doit s'ouvrir jeudi 20 février", "2020-02-19", [("jeudi 20 février", "2020-02-20")]),
        ("le 1er février 2019, elle", "2019-06-03", [("le 1er février 2019", "2019-02-01")]),
        ("des exercices en septembre 2025.", "2024-12-07", [("en septembre 2025", "2025-09")]),
        ("Le mois dernier, la Russie", "2024-01-15", [("Le mois dernier", "2023-12")]),
        ("en octobre dernier", "2019-10-20", [("en octobre dernier", "2018-10")]),
        ("en octobre dernier", "2020-01-03", [("en octobre dernier", "2019-10")]),
        ("l'été dernier", "2019-08-14", [("l'été dernier", "2018-06/2018-08")]),
        ("l'été dernier", "2019-10-01", [("l'été dernier", "2019-06/2019-08")]),
        ("l'hiver prochain", "2019-10-01", [("l'hiver prochain", "2019-12/2020-02")]),
        ("l'an dernier", "2019-08-14", [("l'an dernier", "2018")]),
        ("il y a deux semaines", "2019-10-01", [("il y a deux semaines", "2019-09-17")]),
        ("il y a 3 jours", "2019-10-01", [("il y a 3 jours", "2019-09-28")]),
        ("Il y a un peu plus d'un mois, un chauffard", "2020-02-21", [("Il y a un peu plus d'un mois", "2020-01")]),
        ("hier soir", "2020-03-01", [("hier", "2020-02-29")]),
        ("la semaine dernière", "2020-01-08", [("la semaine dernière", "2020-W01")]),
        ("dans la nuit de jeudi à vendredi", "2020-02-21", [("la nuit de jeudi à vendredi", "2020-02-20/2020-02-21")]),
        ("mercredi, il a parlé", "2020-01-10", [("mercredi", "2020-01-08")]),
        ("ils sont datés des années 90", "2019-10-01", [("années 90", "1990/1999")]),
        ("depuis 2012", "2019-10-01", [("2012", "2012")]),
        ("En 2018, A. aurait", "2019-12-08", [("En 2018", "2018")]),
    ],
)
def test_french_dates_resolve_against_publication(text, published, expected):
    assert resolve(text, published) == expected


def test_a_day_alone_takes_its_month_from_the_dates_around_it():
    text = "le 23 janvier il consulte. Averti le 28 et hospitalisé. Entre le 23 et le 28 janvier, rien."
    assert resolve(text, "2020-02-03") == [
        ("le 23 janvier", "2020-01-23"),
        ("le 28", "2020-01-28"),
        ("le 23", "2020-01-23"),
        ("le 28 janvier", "2020-01-28"),
    ]


def test_each_wording_once():
    assert resolve("En 2018, puis en 2018 encore.", "2019-12-08") == [("En 2018", "2018")]


@pytest.mark.parametrize(
    "text",
    [
        "le 25e anniversaire de l'État",
        "le 16e arrondissement de Paris",
        "âgés de 18 à 39 ans",
        "72 900 francs en poche",
        "le soutien est la priorité",
        "aujourd'hui âgé de 34 ans",
        "pendant trois semaines",
    ],
)
def test_what_is_no_date(text):
    assert resolve(text, "2020-01-01") == []
