"""Shorter versions of a sentence that a newsreader can still say as they are.

Only what can go without changing what the sentence asserts or who said it:

- an aside in brackets, outside quotation marks: « à Clamart (Hauts-de-Seine) »,
  « le plan d'épargne en actions (PEA) ». Not one that restricts or adds to what
  precedes it (« (et d'autres pays) », « (sauf le dimanche) ») or says whose words
  they are (« (selon la police) »), nor one that holds only a little word the
  grammar needs (« voir les dimensions (pour) sculpter »), and never inside a
  quotation, where brackets are the editor's and mark what the speaker meant;
- an opening connector that only links to the sentence before: « Par ailleurs, »,
  « En outre, ». Not one that carries a contrast (« Mais », « Pourtant »);
- a closing clause that describes what precedes it, after the last comma:
  « …, dont le tiers en France. », « …, qui ont dégénéré en émeutes. »,
  « …, soit 11 % de ses effectifs. », « …, en coûtant la vie à… ». Never when
  the clause holds a quotation, a bracket or another comma (it could then be
  where the main verb is) or credits a source (« …, soit 10 % selon l'ARS »),
  nor in a cleft sentence (« C'est lui, qui… »).

Attributions are kept: « …, a indiqué le préfet » and « selon… » stay, so a
shortened sentence never states as fact what the article reports as someone's words.
"""

from __future__ import annotations

import re

from briefing.facts.salience import STOPWORDS

MIN_WORDS = 6  # what is left of a sentence, at the least

_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
# Brackets opening on these restrict, add to or credit what precedes them.
_KEPT_ASIDE = r"et|ou|mais|sauf|hors|hormis|dont|non|pas|ni|excepté|y\s+compris|contre|voire|plus|moins|selon|d'après|source"
_ASIDE = re.compile(rf"(?:^|\s+)\((?!\s*(?:{_KEPT_ASIDE})\b)(?=[^()]*\w)[^()]*\)(?!\w)")
_CONNECTOR = re.compile(
    r"^(?:Par ailleurs|En outre|De plus|Pour rappel|D'ailleurs|Au passage|De son côté|De leur côté|"
    r"Pour sa part|Pour leur part|Dans le même temps),\s+(?=\w)"
)
_CLOSING_CLAUSE = re.compile(r",\s+(?:qui|dont|soit|en\s+[a-zà-ÿ]+ant)\b[^,;:()«»\"“”]*$")
# A clause that credits a source (« …, soit 10 % selon l'ARS ») may credit the whole sentence.
_CREDIT = re.compile(r"\b(?:selon|d'après|d’après|de source)\b|-t-(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
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
        # « voir les dimensions (pour) sculpter »: a word the editor put in for the grammar
        grammar = all(word.lower() in STOPWORDS for word in re.findall(r"\w+", match.group()))
        return match.group() if inside or grammar else ""

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
    if not match or _CREDIT.search(match.group()):
        return sentence
    kept = body[: match.start()].rstrip()
    if not _long_enough(kept) or not balanced(kept):
        return sentence
    return kept + "."


def _long_enough(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS


def balanced(text: str) -> bool:
    """Whether every bracket and quotation mark ``text`` opens, it closes."""
    return (
        text.count("(") == text.count(")")
        and text.count("«") == text.count("»")
        and text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
    )
