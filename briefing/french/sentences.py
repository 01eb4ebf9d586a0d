"""French sentence splitting that knows « M. Poutine » does not end a sentence.

Text copied from web pages often lost its paragraph breaks: « domestique.Consternant »,
a subheading glued to the next paragraph (« blessé par ballesLa Clio »), a closing
quote glued to what follows (« cas. »Cet homme »). ``unglue`` puts those breaks back
as new lines, so a subheading stands on a line of its own.
"""

from __future__ import annotations

import re

from briefing.french import words

# Words that end with a full stop without ending the sentence (compared
# without the stop, case-sensitively for titles, lower-case for the rest).
TITLES = frozenset(words.TITLES)
ABBREVIATIONS = frozenset(
    {
        "cf", "env", "av", "apr", "hab", "art", "chap", "vol", "éd", "p", "n°", "no",
        *words.MONTH_ABBREVIATIONS, "ex", "min", "max",
    }
)

# A break: end punctuation (optionally a closing quote), space, then something
# that can start a sentence.
_BREAK = re.compile(r"(?<=[.!?…])(\s*[»\"”])?\s+(?=[«\"“(A-ZÀ-ÖØ-Þ0-9])")
# "domestique.Consternant", "Parisien.« Une cible", "avril.SUD PTT", "code QR.Autre",
# "à 10.350.Le nombre", "(1861-1865).Symbole",
# "\"hardware\".Les", "à 41%.La", "l'Australie...Un": a full stop glued to the next paragraph.
_GLUED_STOP = re.compile(r"(?:(?<=[a-zà-ÿ]{2}[.!?])|(?<=[A-ZÀ-Þ0-9]{2}[.!?])|(?<=[)\"»”%€$][.!?])|(?<=\w\.\.\.)|(?<=\w…))(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ']|[A-ZÀ-ÖØ-Þ]{2,}\b|«)")
# "blessé par ballesLa Clio": a lower-case word glued to a capitalised one. The
# word must start lower-case and hold three letters or more, so « iPhone » or
# « PlayStation » stay whole.
_GLUED_WORD = re.compile(
    r"(?<![\w'-])([a-zà-ÿ][a-zà-ÿœæ]{2,})(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ'])"
    # « en FranceLa France compte »: a capitalised word glued to a word that opens sentences
    r"|(?<![\w'-])([A-ZÀ-ÖØ-Þ][a-zà-ÿœæ]{2,})(?=(?:Le|La|Les|L'|Un|Une|Des|Il|Elle|Ils|Elles|Ce|Cette|Ces|Selon|Depuis)\b)"
)
# "cas. »Cet homme": a closing guillemet glued to the next paragraph.
_GLUED_GUILLEMET = re.compile(r"»(?=[A-ZÀ-ÖØ-Þ])")
_STRAIGHT_QUOTE = '"'
_LAST_WORD = re.compile(r"(\S+)\.$")


_ENDS_SENTENCE = re.compile(r"[.!?…][\s»\"”)]*$")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: a heading or a caption does not."""
    return bool(_ENDS_SENTENCE.search(text.rstrip()))


def split(text: str) -> list[str]:
    """Split text into sentences; paragraphs (lines) always end a sentence."""
    text = unglue(text)
    return [text[start:end] for start, end in spans(text)]


def spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``unglue(text)``-ed text starts and ends.

    Offsets are into ``text`` itself; call ``unglue`` first for copied web text.
    """
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        for start, end in _paragraph_spans(line):
            out.append((offset + start, offset + end))
        offset += len(line) + 1
    return out


def unglue(text: str) -> str:
    """Put back the paragraph breaks that copying from a web page lost."""
    return "\n".join(_unglue_line(line.strip()) for line in text.splitlines() if line.strip())


def _unglue_line(line: str) -> str:
    line = _GLUED_STOP.sub("\n", line)
    line = _GLUED_WORD.sub(lambda m: (m[1] or m[2]) + "\n", line)
    line = _GLUED_GUILLEMET.sub("»\n", line)
    return _unglue_straight_quotes(line)


def _unglue_straight_quotes(line: str) -> str:
    """Straight quotes alternate open, close: a closing one glued to a capital
    (« solution"Depuis ») or an opening one glued to a full stop (« interpellés."C'est »)
    marks a lost break."""
    out: list[str] = []
    opening = True
    for i, char in enumerate(line):
        if char == "\n":
            opening = True
        if char != _STRAIGHT_QUOTE:
            out.append(char)
            continue
        before = line[i - 1] if i else ""
        after = line[i + 1] if i + 1 < len(line) else ""
        if opening and before in ".!?":
            out.append("\n")
        out.append(char)
        if not opening and (after.isupper() or after == _STRAIGHT_QUOTE):
            out.append("\n")
        opening = not opening
    return "".join(out)


def _paragraph_spans(paragraph: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(paragraph):
        end = match.end(1) if match.group(1) else match.start()
        if _ends_with_abbreviation(paragraph[start:end]):
            continue
        pieces.append((start, end))
        start = match.end()
    pieces.append((start, len(paragraph)))
    return [_strip(paragraph, a, b) for a, b in pieces if paragraph[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_with_abbreviation(text: str) -> bool:
    match = _LAST_WORD.search(text)
    if not match:
        return False
    word = match.group(1).lstrip("«(\"“")
    if word in TITLES or word.lower() in ABBREVIATIONS:
        return True
    # An initial, as in « J. Biden » or « J.-C. ».
    return bool(re.fullmatch(r"(?:[A-ZÀ-Þ]\.-?)*[A-ZÀ-Þ]", word))
