import pytest

from briefing import speakable as sp


@pytest.mark.parametrize(
    "text, spoken",
    [
        ("M. Poutine a parlé.", "Monsieur Poutine a parlé."),
        ("MM. Dupont et Durand", "Messieurs Dupont et Durand"),
        ("Mme Durand et Mlle Petit", "Madame Durand et Mademoiselle Petit"),
        ("le Dr Martin et le Pr. Leroy", "le Docteur Martin et le Professeur Leroy"),
        ("la maison n° 5", "la maison numéro cinq"),
        ("le 25e anniversaire", "le vingt-cinquième anniversaire"),
        ("le 1er mai", "le premier mai"),
        ("la 1re fois", "la première fois"),
        ("le 2e tour", "le deuxième tour"),
        ("800 kilomètres carrés", "huit cents kilomètres carrés"),
        ("1 000 personnes", "mille personnes"),
        ("12 345 678 euros", "douze millions trois cent quarante-cinq mille six cent soixante-dix-huit euros"),
        ("2,5 millions", "deux virgule cinq millions"),
        ("3,05 mètres", "trois virgule zéro cinq mètres"),
        ("en 2024", "en deux mille vingt-quatre"),
        ("le 6 décembre", "le six décembre"),
        ("21 ans", "vingt et un ans"),
        ("80 ans", "quatre-vingts ans"),
        ("5 % de plus", "cinq pour cent de plus"),
        ("10 €", "dix euros"),
        ("il fait -3 degrés", "il fait moins trois degrés"),
        ("Pierre & Marie", "Pierre et Marie"),
        ("il a dit « oui ».", "il a dit oui."),
        ("l’Ukraine – une guerre", "l'Ukraine, une guerre"),
        ("trop   d'espaces  ", "trop d'espaces"),
        ("la Moselle .", "la Moselle."),
    ],
)
def test_spoken_form(text, spoken):
    assert sp.speakable(text) == spoken


def test_rules_compose_in_order_and_can_be_chosen():
    assert sp.speakable("M. Dupont, 25 ans", rules=(sp.abbreviations,)) == "Monsieur Dupont, 25 ans"
    assert sp.speakable("M. Dupont, 25 ans", rules=(sp.cardinals,)) == "M. Dupont, vingt-cinq ans"


def test_abbreviation_is_not_matched_inside_a_word():
    assert sp.speakable("MME. Le FMI.") == "MME. Le FMI."
