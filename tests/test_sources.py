from pathlib import Path

import pytest

from briefing.sources import articles as sources
from briefing.errors import InputError


def test_seed_article_loses_its_page_noise(seed):
    article = sources.read(seed)
    lines = article.text.splitlines()
    assert lines[0].startswith("Cette déclaration a été faite par M. Poutine")
    assert "(Source : Reuters)" not in article.text
    assert "Comment (0)" not in article.text
    assert lines[-1].startswith("Son prédécesseur, Alexeï Smirnov")
    # the list bullet is gone but its sentence is kept
    assert any(line.startswith("Dans le cadre d'un développement") for line in lines)
    # « TASS . » is tidied to « TASS. »
    assert "TASS ." not in article.text and "TASS." in article.text
    assert article.source == str(seed)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_and_latin1_files_are_decoded(tmp_path: Path, encoding):
    text = "Le député a déclaré « ça suffit » à l'Assemblée, où l'été fut chaud.\n"
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert sources.read(path).text == text.strip()


def test_cp1252_specific_characters(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("Il a dit \u2019oui\u2019 \u2013 c\u2019est l\u2019\u0153uvre.".encode("cp1252"))
    assert sources.read(path).text == "Il a dit 'oui' – c'est l'œuvre."


def test_utf8_bom_is_dropped(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLe texte commence ici et continue encore.".encode("utf-8"))
    assert sources.read(path).text.startswith("Le texte")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_files_with_a_bom_are_decoded(tmp_path: Path, encoding):
    text = "Le député a déclaré « ça suffit » à l'Assemblée.\nL'été fut chaud.\n"
    path = tmp_path / "article.txt"
    # utf-16 and utf-32 write their BOM; the -le and -be forms are given one, as editors do
    path.write_bytes(("" if encoding in ("utf-16", "utf-32") else "\ufeff").join(["", text]).encode(encoding))
    assert sources.read(path).text == text.strip()


def test_a_file_whose_bom_lies_is_refused(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + b"\x00\xd8" * 10)  # UTF-16 with lone surrogates
    assert _problem(path) == "is not a text file (it says UTF-16 but is not)"


def _problem(path) -> str:
    with pytest.raises(InputError) as info:
        sources.read(path)
    assert info.value.source == str(path)
    return info.value.problem


def test_missing_file(tmp_path):
    assert _problem(tmp_path / "nope.txt") == "no such file"


def test_folder(tmp_path):
    assert "folder" in _problem(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _problem(path) == "is empty"


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _problem(path)


def test_huge_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(sources.MAX_BYTES + 1)
    assert "too large" in _problem(path)


def test_an_html_page_is_read_as_html_whatever_its_name(tmp_path):
    path = tmp_path / "page.txt"
    paragraphs = [
        "Le conseil municipal a voté le budget de la ville mardi soir après un long débat.",
        "L'opposition a dénoncé une hausse des impôts locaux et réclamé un audit des comptes.",
        "Le maire a salué un budget de responsabilité qui finance trois nouvelles écoles.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(f"<!DOCTYPE html><html><head><title>Budget voté</title></head>"
                    f"<body><nav><a href='/'>Accueil</a></nav><article>{body}</article></body></html>")
    article = sources.read(path)
    assert article.text.splitlines() == paragraphs
    assert article.title == "Budget voté"


def test_noise_only(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_text("Photo d'illustration. (Source : AFP) |\nComment (3)\nLire aussi : autre chose\n")
    assert "no article text" in _problem(path)


@pytest.mark.parametrize(
    "line",
    [
        "Le président à Minsk, en décembre 2024. (Source : Reuters) |",
        "Comment (0)",
        "Commentaires (12)",
        "Lire aussi : la réforme des retraites",
        "Partager sur Facebook",
        "Abonnez-vous à notre newsletter",
        "Crédit photo : AFP",
    ],
)
def test_noise_lines(line):
    assert sources.is_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        "Selon TASS, M. Poutine a déclaré que le traité était signé.",
        "Le commentaire (publié hier) a fait réagir.",
        "La photo a été prise à Minsk.",
    ],
)
def test_article_lines_are_not_noise(line):
    assert not sources.is_noise(line)
