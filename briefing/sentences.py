"""French sentence splitting that knows « M. Poutine » does not end a sentence."""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence (compared
# without the stop, case-sensitively for titles, lower-case for the rest).
TITLES = frozenset({"M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Mgr", "St", "Ste"})
ABBREVIATIONS = frozenset(
    {
        "cf", "env", "av", "apr", "hab", "art", "chap", "vol", "éd", "p", "n°", "no",
        "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "ex", "min", "max",
    }
)

# A break: end punctuation (optionally a closing quote), space, then something
# that can start a sentence.
_BREAK = re.compile(r"(?<=[.!?…])(\s*[»\"”])?\s+(?=[«\"“(A-ZÀ-ÖØ-Þ0-9])")
# "domestique.Consternant": a full stop glued to the next sentence.
_GLUED = re.compile(r"(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")
_LAST_WORD = re.compile(r"(\S+)\.$")


def split(text: str) -> list[str]:
    """Split text into sentences; paragraphs (lines) always end a sentence."""
    out: list[str] = []
    for paragraph in text.splitlines():
        paragraph = _GLUED.sub(" ", paragraph.strip())
        if paragraph:
            out.extend(_split_paragraph(paragraph))
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BREAK.finditer(paragraph):
        end = match.end(1) if match.group(1) else match.start()
        candidate = paragraph[start:end]
        if _ends_with_abbreviation(candidate):
            continue
        pieces.append(candidate.strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def _ends_with_abbreviation(text: str) -> bool:
    match = _LAST_WORD.search(text)
    if not match:
        return False
    word = match.group(1).lstrip("«(\"“")
    if word in TITLES or word.lower() in ABBREVIATIONS:
        return True
    # An initial, as in « J. Biden » or « J.-C. ».
    return bool(re.fullmatch(r"(?:[A-ZÀ-Þ]\.-?)*[A-ZÀ-Þ]", word))
