"""Shorter versions of a sentence that a newsreader can still say as they are.

Only what can go without changing what the sentence asserts or who said it:

- an aside in brackets, outside quotation marks: « à Clamart (Hauts-de-Seine) »,
  « le plan d'épargne en actions (PEA) ». Not one that restricts or adds to what
  precedes it (« (et d'autres pays) », « (sauf le dimanche) ») or says whose words
  they are (« (selon la police) »), and never inside a
  quotation, where brackets are the editor's and mark what the speaker meant;
- an opening connector that only links to the sentence before: « Par ailleurs, »,
  « En outre, ». Not one that carries a contrast (« Mais », « Pourtant »);
- a closing clause that describes what precedes it, after the last comma:
  « …, dont le tiers en France. », « …, qui ont dégénéré en émeutes. »,
  « …, soit 11 % de ses effectifs. », « …, en coûtant la vie à… ». Never when
  the clause holds a quotation, a bracket or another comma (it could then be
  where the main verb is), nor in a cleft sentence (« C'est lui, qui… »).

Attributions are kept: « …, a indiqué le préfet » and « selon… » stay, so a
shortened sentence never states as fact what the article reports as someone's words.
"""

from __future__ import annotations

import re

MIN_WORDS = 6  # what is left of a sentence, at the least

_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
_ASIDE = re.compile(
    r"(?:^|\s+)\((?!\s*(?:et|ou|mais|sauf|hors|hormis|dont|non|pas|ni|excepté|y\s+compris|contre|voire|plus|moins|selon|d'après|source)\b)"
    r"(?=[^()]*\w)[^()]*\)(?!\w)"
)
_CONNECTOR = re.compile(
    r"^(?:Par ailleurs|En outre|De plus|Pour rappel|D'ailleurs|Au passage|De son côté|De leur côté|"
    r"Pour sa part|Pour leur part|Dans le même temps),\s+(?=\w)"
)
_CLOSING_CLAUSE = re.compile(r",\s+(?:qui|dont|soit|en\s+[a-zà-ÿ]+ant)\b[^,;:()«»\"“”]*$")
_CLEFT = re.compile(r"^(?:c'est|ce sont|c'était|il y a|il y avait|voici|voilà)\b", re.IGNORECASE)
_END = re.compile(r"\.\s*$")


def versions(sentence: str) -> tuple[str, ...]:
    """``sentence`` and its shorter versions, longest first."""
    found = {sentence, _without_asides(sentence)}
    found |= {_without_connector(s) for s in found}
    found |= {_without_closing_clause(s) for s in found}
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def _without_asides(sentence: str) -> str:
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]

    def drop(match: re.Match) -> str:
        inside = any(a <= match.end() - 1 < b for a, b in quoted)
        return match.group() if inside else ""

    shorter = _ASIDE.sub(drop, sentence).strip()
    return shorter if _long_enough(shorter) else sentence


def _without_connector(sentence: str) -> str:
    match = _CONNECTOR.match(sentence)
    if not match:
        return sentence
    rest = sentence[match.end():]
    rest = rest[0].upper() + rest[1:]
    return rest if _long_enough(rest) else sentence


def _without_closing_clause(sentence: str) -> str:
    end = _END.search(sentence)
    if not end or _CLEFT.match(sentence):
        return sentence
    body = sentence[: end.start()]
    match = _CLOSING_CLAUSE.search(body)
    if not match:
        return sentence
    kept = body[: match.start()].rstrip()
    if not _long_enough(kept) or not _balanced(kept):
        return sentence
    return kept + "."


def _long_enough(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS


def _balanced(text: str) -> bool:
    return (
        text.count("(") == text.count(")")
        and text.count("«") == text.count("»")
        and text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
    )
