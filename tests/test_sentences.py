import pytest

from briefing.french import sentences
from briefing.french.sentences import split


@pytest.mark.parametrize(
    "text, expected",
    [
        ("M. Poutine a parlé. Il est parti.", ["M. Poutine a parlé.", "Il est parti."]),
        ("Selon Mme Durand, oui. Non.", ["Selon Mme Durand, oui.", "Non."]),
        ("MM. Dupont et Durand sont là. Le Dr. Martin aussi.", ["MM. Dupont et Durand sont là.", "Le Dr. Martin aussi."]),
        ("Il a dit « ça suffit ». Puis il est sorti.", ["Il a dit « ça suffit ».", "Puis il est sorti."]),
        ("« Je viens. » Il est venu.", ["« Je viens. »", "Il est venu."]),
        ("Le prix est de 2,5 millions. La somme est 1 000 euros.", ["Le prix est de 2,5 millions.", "La somme est 1 000 euros."]),
        ("La crise domestique.Consternant, non ?", ["La crise domestique.", "Consternant, non ?"]),
        # the same lost break after an acronym, a bracket or a closing quote
        ("Payer avec un code QR.Autre changement.", ["Payer avec un code QR.", "Autre changement."]),
        ("Ils étaient 10.350.Le nombre baisse.", ["Ils étaient 10.350.", "Le nombre baisse."]),
        ("Fixée au 3 avril.SUD PTT parle.", ["Fixée au 3 avril.", "SUD PTT parle."]),
        ("La guerre de Sécession (1861-1865).Symbole trouble.", ["La guerre de Sécession (1861-1865).", "Symbole trouble."]),
        ('Le « hardware ».Les développeurs.', ["Le « hardware ».", "Les développeurs."]),
        ("Vraiment ? Oui ! Bien sûr…", ["Vraiment ?", "Oui !", "Bien sûr…"]),
        ("Écrit par J. Martin. Il pleut.", ["Écrit par J. Martin.", "Il pleut."]),
        # « etc. » at the end of a sentence carries its full stop
        ("Des pommes, des poires, etc. Ensuite, rien.", ["Des pommes, des poires, etc.", "Ensuite, rien."]),
        ("Ligne une\nLigne deux.", ["Ligne une", "Ligne deux."]),
        ("L'ONU a voté. L'U.E. aussi.", ["L'ONU a voté.", "L'U.E. aussi."]),
    ],
)
def test_split(text, expected):
    assert split(text) == expected


def test_a_subheading_glued_to_the_paragraph_stands_on_its_own_line():
    text = "pour ne pas tomber.Le chauffeur blessé par ballesLa Clio est de nouveau partie."
    assert sentences.unglue(text).split("\n") == [
        "pour ne pas tomber.",
        "Le chauffeur blessé par balles",
        "La Clio est de nouveau partie.",
    ]


def test_glued_quotes_are_broken_where_the_paragraph_ended():
    assert sentences.unglue("pas de nouveau cas. »Cet homme reconnaît").split("\n") == [
        "pas de nouveau cas. »",
        "Cet homme reconnaît",
    ]
    text = 'sont interpellés."C\'est un miracle""Si parfois les policiers", a réagi X.'
    assert sentences.unglue(text).split("\n") == [
        "sont interpellés.",
        '"C\'est un miracle"',
        '"Si parfois les policiers", a réagi X.',
    ]
    assert sentences.unglue("selon Le Parisien.« Une cible facile »").split("\n") == [
        "selon Le Parisien.",
        "« Une cible facile »",
    ]


def test_names_written_in_camel_case_stay_whole():
    for text in ("Un iPhone neuf.", "La PlayStation de Sony.", "Le site BFMTV.com a publié."):
        assert sentences.unglue(text) == text


def test_spans_point_into_the_text():
    text = "Une phrase ici.\nUne autre là. Et une troisième."
    assert [text[a:b] for a, b in sentences.spans(text)] == sentences.split(text)


def test_a_heading_does_not_end_as_a_sentence():
    assert sentences.ends_sentence("Il est parti.")
    assert sentences.ends_sentence("« Je pars. »")
    assert not sentences.ends_sentence("Des conditions de travail dantesques")
    assert not sentences.ends_sentence('"C\'est un véritable miracle"')
