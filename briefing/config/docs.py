"""What the settings table says to people: the example ``briefing init``
writes, and the README's two tables (the flags, the keys of briefing.toml).

    python -m briefing.config.docs README.md   # rewrite the README's tables

tests/test_config_docs.py fails when the README and the table disagree.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

from briefing.config.settings import ALL
from briefing.config.toml import TABLES
from briefing.option import Option

_HEAD = """\
# briefing.toml: the daily briefing and its podcast feed.
# Every key is optional; the value shown is the default unless said otherwise.
# Relative paths are taken from the folder of this file.
"""
_COMMENT_AT = 38
_WIDTH = 110


def example() -> str:
    """The commented briefing.toml that ``briefing init`` writes."""
    parts = [_HEAD]
    for table in dict.fromkeys(o.table for o in ALL if o.key and o.example):
        options = [o for o in ALL if o.table == table and o.example]
        parts.append(f"\n[{table}]\n")
        for option in options:
            parts.append(_example_line(option))
    return "".join(parts)


def _example_line(option: Option) -> str:
    value = option.default_value()
    note = option.help
    if option.starter is not None:
        line = f"{option.key_name} = {_toml(option.starter)}"
        if value in (None, ()):
            note += " Default: none."
        else:
            note += f" Default: {option.shown_default()}."
    elif value is None or value == "" or option.shown is not None:
        sample = option.sample if option.sample is not None else option.shown_default()
        line = f"# {option.key_name} = {_toml(sample)}"
        note += f" Default: {option.shown_default()}."
    else:
        line = f"{option.key_name} = {_toml(value)}"
    return _commented(line, note)


def _commented(line: str, note: str) -> str:
    pad = max(_COMMENT_AT, len(line) + 1)
    lines = textwrap.wrap(note, _WIDTH - pad - 2) or [""]
    out = [f"{line:<{pad}}# {lines[0]}"]
    out += [f"{'':<{pad}}# {rest}" for rest in lines[1:]]
    return "\n".join(out) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


# ---------------------------------------------------------------- README

def flags_table() -> str:
    """The README's table of the flags that set a setting."""
    rows = ["| option | default | what it does |", "| --- | --- | --- |"]
    for option in ALL:
        if not option.flag:
            continue
        names = ", ".join(n for n in (option.short, option.flag) if n)
        value = "" if option.kind is bool else f" {option.value_name}"
        commands = ", ".join(f"`{c}`" for c in option.commands)
        default = "" if option.kind is bool else _shown(option)
        rows.append(f"| `{names}{value}` | {default} | {_escaped(option.flag_help or option.help)} ({commands}) |")
    return "\n".join(rows) + "\n"


def keys_table() -> str:
    """The README's table of the keys of briefing.toml."""
    rows = ["| key | default | what it is |", "| --- | --- | --- |"]
    for option in ALL:
        if option.key:
            flag = f" (as `{option.flag}`)" if option.flag else ""
            rows.append(f"| `[{option.table}] {option.key_name}` | {_shown(option)} | {_escaped(option.help)}{flag} |")
    return "\n".join(rows) + "\n"


def _shown(option: Option) -> str:
    shown = option.shown_default()
    return shown if option.shown is not None or shown == "none" else f"`{shown}`"


def _escaped(text: str) -> str:
    return text.replace("|", "\\|")


TABLES_IN_README = {"flags": flags_table, "keys": keys_table}
_MARKED = re.compile(r"(<!-- generated: (\w+) -->\n)(.*?)(<!-- end: \2 -->)", re.DOTALL)


def readme_tables(readme: str) -> dict[str, str]:
    """The generated tables as the README holds them now, by name."""
    return {m.group(2): m.group(3) for m in _MARKED.finditer(readme)}


def rewritten(readme: str) -> str:
    """The README with its generated tables made anew from the settings table."""
    return _MARKED.sub(lambda m: m.group(1) + TABLES_IN_README[m.group(2)]() + m.group(4), readme)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(rewritten(path.read_text(encoding="utf-8")), encoding="utf-8")
