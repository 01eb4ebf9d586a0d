"""The errors a user is meant to read. The CLI prints them and exits with 2."""

from __future__ import annotations

import unicodedata

# Control, format (bidi overrides among them), surrogate, private-use, unassigned, line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def shown(text: object) -> str:
    """``text`` fit for a message: one line, every unprintable character escaped as Python writes it.

    « \\x1b]0;x\\x07 » for a terminal escape, « \\u202e » for a bidi override; a
    byte that is not UTF-8 in a file name (a lone surrogate) is shown as that
    byte: « caf\\xe9 ».
    """
    return "".join(char if unicodedata.category(char) not in _HIDDEN else _escape(ord(char)) for char in str(text))


def _escape(code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class BriefingError(Exception):
    """A problem the user can fix; its message is one clear line."""

    exit_code = 2

    def __str__(self) -> str:
        return shown(super().__str__())


class InputError(BriefingError):
    """An input (file, URL, feed) that cannot be used, and why."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class TemplateError(BriefingError):
    """A briefing template that cannot be rendered."""


class EngineError(BriefingError):
    """A voice that cannot speak right now."""
