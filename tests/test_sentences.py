import pytest

from briefing.sentences import split


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
