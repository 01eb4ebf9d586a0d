"""Whether a sentence of a story says again what was already said.

A sentence repeats an earlier one (or the headline) when it holds 60 % or more
of that one's content words, or when 60 % or more of its own content words are
that one's; a sentence of fewer than three content words (« Budget voté ») is
too short to count. Content words: the words of a sentence, lower-cased,
accents and elisions dropped (« l'accord » → accord), reduced by a light French
stemmer (plural and feminine endings, the common verb endings: « signé »,
« signer », « signera » → sign), minus spaCy's French stop words and numbers
written in digits. Used by the script to leave out what a story already said,
and by the tests to check that no story says a thing twice.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

THRESHOLD = 0.6
MIN_WORDS = 3  # fewer content words than this (« Budget voté ») is too little to be repeated
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")
# Longest first; a stem keeps at least four letters.
_SUFFIXES = (
    "issements", "issement", "ements", "ement", "ations", "ation", "atrices", "atrice", "ateurs", "ateur",
    "euses", "euse", "eurs", "eur", "ives", "ive", "ifs", "if", "aient", "erait", "eront", "erons", "era",
    "ait", "ant", "ees", "ee", "es", "er", "ez", "ent", "e", "s", "x",
)
MIN_STEM = 4


def content_words(text: str) -> frozenset[str]:
    """The stems of a text's content words (see the module's docstring)."""
    return frozenset(stem for word in _WORD.findall(text) if (stem := _content(word)))


@functools.lru_cache(maxsize=20000)
def _content(word: str) -> str | None:
    lower = _ELISION.sub("", word.lower().replace("’", "'"))
    if lower in _stop_words() or len(lower) < 2:
        return None
    plain = unicodedata.normalize("NFKD", lower).encode("ascii", "ignore").decode()
    for suffix in _SUFFIXES:
        if plain.endswith(suffix) and len(plain) - len(suffix) >= MIN_STEM:
            return plain[: -len(suffix)]
    return plain


@functools.cache
def _stop_words() -> frozenset[str]:
    from briefing.french.language import stop_words

    return frozenset(w.replace("’", "'") for w in stop_words("fr"))


def share(sentence: str, earlier: str) -> float:
    """How much of ``earlier``'s content ``sentence`` says again (0 to 1)."""
    theirs = content_words(earlier)
    if not theirs:
        return 0.0
    return len(content_words(sentence) & theirs) / len(theirs)


def repeats(sentence: str, earlier: Iterable[str]) -> bool:
    """Whether ``sentence`` says again 60 % or more of the content words of one
    of the ``earlier`` sentences, or is itself 60 % or more made of one's words.
    A sentence of fewer than three content words is too short to count either way."""
    mine = content_words(sentence)
    for other in earlier:
        theirs = content_words(other)
        shared = len(mine & theirs)
        if len(theirs) >= MIN_WORDS and shared >= THRESHOLD * len(theirs):
            return True
        if len(mine) >= MIN_WORDS and shared >= THRESHOLD * len(mine):
            return True
    return False
