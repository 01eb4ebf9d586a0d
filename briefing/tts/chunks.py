"""French text cut into chunks a voice service takes in one request.

Google's voice takes at most 100 characters at a time. gTTS's own tokenizer
follows English rules: it cuts « M. Poutine » after « M. ». Ours cuts at French
sentence ends first, then at clause punctuation, then before a linking word,
then between words, and packs neighbouring pieces back together up to the
limit, so a chunk is as long as it may be. Spaces that must not be cut (after
« M. » or « Mme », inside « 1 000 », before « % ») are protected first.
"""

from __future__ import annotations

import re

from briefing import sentences

LIMIT = 100  # characters gTTS sends in one request (gTTS.GOOGLE_TTS_MAX_CHARS)

_KEEP = "\u00a0"  # a protected space: never a cut

def _alternatives(words: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# What must be read in one breath with the word after it. Each pattern ends on
# the space that gets protected.
_PROTECTED: tuple[re.Pattern[str], ...] = (
    # « M. Poutine », « Mme Dupont », « Dr House »: a title and its name.
    re.compile(rf"(?<![\w.])(?:{_alternatives(sentences.TITLES)})\.? "),
    # « etc. et », « art. 3 », « n° 5 »: an abbreviation and the word after it.
    re.compile(rf"(?<![\w.])(?:(?:{_alternatives(sentences.ABBREVIATIONS)})\.|n°) ", re.IGNORECASE),
    # « J. Biden », « l'O.N.U. a »: an initial or a dotted acronym.
    re.compile(r"(?<!\w)(?:[A-ZÀ-Þ]\.-?)+ "),
    # « 1 000 », « 12 500 000 »: digit groups.
    re.compile(r"\d (?=\d{3}\b)"),
    # « 5 % », « 20 € », « 3 °C »: a number and its symbol.
    re.compile(r"\d (?=[%€$£°])"),
)

# Where a sentence may be cut, strongest first. Each pattern matches the
# space at which the cut happens.
_CUTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<=[;:…!?]) "),  # after a semicolon, a colon, an ellipsis
    re.compile(r"(?<=[,)»]) | (?=[–—-] )| (?=[(«])"),  # after a comma, around a dash or brackets
    re.compile(  # before a word that opens a clause
        r" (?=(?:et|ou|mais|donc|car|puis|ni|or|qui|que|qu'|dont|où|lorsque|quand|si|afin|pour|parce|"
        r"avec|sans|dans|sur|sous|selon|entre|après|avant|depuis|pendant|contre|alors|tandis|ainsi)\b)",
        re.IGNORECASE,
    ),
    re.compile(r" "),  # between any two words
)


def split(text: str, limit: int = LIMIT) -> list[str]:
    """``text`` in order, as chunks of at most ``limit`` characters.

    Every chunk holds something to say (a letter or a digit); joined with
    spaces, the chunks give back the text with its whitespace collapsed.
    """
    pieces: list[str] = []
    for sentence in sentences.split(text):
        pieces.extend(_fit(_protect(" ".join(sentence.split())), 0, limit))
    return [chunk.replace(_KEEP, " ") for chunk in _pack(pieces, limit) if re.search(r"\w", chunk)]


def _protect(sentence: str) -> str:
    for pattern in _PROTECTED:
        sentence = pattern.sub(lambda m: m.group(0)[:-1] + _KEEP, sentence)
    return sentence


def _fit(text: str, level: int, limit: int) -> list[str]:
    """``text`` cut at the strongest boundary that makes every piece fit."""
    if len(text) <= limit:
        return [text]
    if level == len(_CUTS):  # one "word" longer than the limit: cut it anyway
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    pieces = [p for p in _CUTS[level].split(text) if p]
    out: list[str] = []
    for piece in pieces:
        out.extend(_fit(piece, level + 1, limit))
    return _pack(out, limit)


def _pack(pieces: list[str], limit: int) -> list[str]:
    """Neighbouring pieces joined while they fit, so there are few chunks."""
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + 1 + len(piece) <= limit:
            packed[-1] = f"{packed[-1]} {piece}"
        else:
            packed.append(piece)
    return packed
