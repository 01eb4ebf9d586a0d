"""Text from outside made safe to carry: the characters no output may hold.

Every text that comes from a source, a file name, a feed or a user setting
goes through :func:`clean` once, where it enters. What it drops could break
the feed (XML 1.0 refuses C0 controls), the state file (a lone surrogate
cannot be encoded), a terminal (escape sequences) or a reader's trust (bidi
overrides reorder what is shown): C0 and C1 control characters other than
tab and newline, lone surrogates, and the bidi embedding, override and
isolate characters (U+202A–U+202E, U+2066–U+2069). A carriage return is a
line break, not a control, and becomes one.
"""

from __future__ import annotations

import re

_DROPPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls but tab, newline, carriage return
    "\ud800-\udfff"  # surrogates (in a str, only ever lone ones)
    "\u202a-\u202e\u2066-\u2069]"  # bidi embeddings, overrides and isolates
)
_NEWLINES = re.compile("\r\n?")


def clean(text: str) -> str:
    """``text`` without control, lone surrogate and bidi override characters; CR and CRLF become LF."""
    return _DROPPED.sub("", _NEWLINES.sub("\n", text))


def clean_optional(text: str | None) -> str | None:
    """:func:`clean`, keeping ``None``; a text left empty becomes ``None``."""
    if text is None:
        return None
    return clean(text) or None


def is_clean(text: str) -> bool:
    """True when ``text`` holds none of what :func:`clean` drops."""
    return not _DROPPED.search(text) and "\r" not in text
