"""People: their roles, and who « il », « elle » or « l'avocat » refers to.

Roles are read around a person's mentions: a title before the name (« le député
Alexandre Khinshtein »), an apposition after it (« Carole Friant, agent de
contrôle »), a role given by a verb of naming (« … a nommé X gouverneur par
intérim »). References are resolved by salience: every mention of a person, and
every pronoun resolved to them, counts, less the further back it is, more when
it is a subject or a speaker.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from briefing.french import lexicon
from briefing.facts.entities import ORG, PER, Mention, Named, head_noun_before
from briefing.models import Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ROLE_MAX_WORDS = 8
_DECAY = 0.6  # weight lost per sentence back
_PRONOUNS = {"il": "m", "elle": "f", "-il": "m", "-elle": "f", "-t-il": "m", "-t-elle": "f"}
_ROLE_STOP = frozenset({",", ".", ";", ":", "(", ")", "»", "«", '"', "?", "!", "\n"})
_ROLE_CUT = frozenset({"mais", "qui", "que", "dont", "pour", "lors", "et"})
_DETERMINERS = frozenset({"le", "la", "l'", "les", "un", "une", "son", "sa", "ses", "leur", "leurs", "notre", "du", "de", "des"})


def describe(doc: Doc, named: Named) -> tuple[Person, ...]:
    roles: dict[str, list[str]] = defaultdict(list)
    for m in named.mentions:
        if m.kind == PER:
            for role in _roles_at(doc, m):
                if role not in roles[m.name]:
                    roles[m.name].append(role)
    return tuple(
        Person(name=name, roles=tuple(roles[name]), aliases=named.aliases.get(name, ())) for name in named.people
    )


def _roles_at(doc: Doc, m: Mention) -> list[str]:
    out = []
    start = m.start - 1 if m.honorific else m.start  # « son avocat Me Archibald Celeyron »
    noun = head_noun_before(doc, start)
    if noun is not None and noun.lower_ in lexicon.ROLE_NOUNS and noun.i < start:
        skip = lexicon.NAMING_WORDS | lexicon.PERSON_NAMERS
        words = [t.text for t in doc[noun.i : start] if t.text not in {"«", '"'} and t.lower_ not in skip]
        out.append(" ".join(words))
    after = _role_after(doc, m.end)
    if after:
        out.append(after)
    return [role for role in out if role]


def _role_after(doc: Doc, end: int) -> str | None:
    """« X, agent de contrôle, » or « X gouverneur par intérim de … » (after a verb of naming)."""
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
        if i < len(doc) and doc[i].lower_ in _DETERMINERS:
            i += 1
    elif not (i < len(doc) and doc[i].text.islower() and doc[i].lower_ in lexicon.ROLE_NOUNS):
        return None
    if i >= len(doc) or doc[i].lower_ not in lexicon.ROLE_NOUNS or doc[i].lower_ in lexicon.RELATION_NOUNS:
        if not (i < len(doc) and doc[i - 1].lower_ in {"du", "de"} and doc[i].lower_ in lexicon.ORGANISATION_NOUNS):
            return None
        i -= 1  # « David Leyraud, du syndicat Alliance Police nationale »
    words: list[Token] = []
    while i < len(doc) and len(words) < ROLE_MAX_WORDS and doc[i].text not in _ROLE_STOP:
        if doc[i].lower_ in _ROLE_CUT or doc[i].is_space:
            break
        words.append(doc[i])
        i += 1
    while words and words[-1].lower_ in _DETERMINERS | {"à", "en", "au", "aux", "par"}:
        words.pop()
    return "".join(t.text_with_ws for t in words).strip() or None


class Resolver:
    """Who a stretch of text names, or refers to, as a source (« Selon elle »).

    Quotations' speakers are read by ``speakers``, which never guesses by salience."""

    def __init__(self, doc: Doc, named: Named, people: tuple[Person, ...]) -> None:
        self.doc = doc
        self.named = named
        self.roles = {p.name: " ".join(p.roles).lower() for p in people}
        self.descriptors = descriptors(doc, named)
        sentence_of = {}
        for n, sentence in enumerate(doc.sents):
            for token in sentence:
                sentence_of[token.i] = n
        self.sentence_of = sentence_of
        # (token index, name, weight) of every reference to a person so far.
        self.references: list[tuple[int, str, float]] = []
        for m in named.mentions:
            if m.kind == PER:
                self.references.append((m.start, m.name, 2.0 if _is_subject(doc[m.start]) else 1.0))
        self.references.sort()
        # Subject pronouns, resolved in text order as salience is asked for further on.
        self.pronouns = [t.i for t in doc if t.lower_ in ("il", "elle") and t.dep_.startswith("nsubj")]

    def _resolve_pronouns_before(self, position: int) -> None:
        while self.pronouns and self.pronouns[0] < position:
            i = self.pronouns.pop(0)
            name = self._most_salient(i)
            if name:
                self.references.append((i, name, 2.0))
                self.references.sort()

    def salient(self, position: int, exclude: str | None = None) -> str | None:
        """The person most present in the text before ``position``."""
        self._resolve_pronouns_before(position)
        return self._most_salient(position, exclude)

    def _most_salient(self, position: int, exclude: str | None = None) -> str | None:
        here = self.sentence_of.get(position, 0)
        scores: dict[str, float] = defaultdict(float)
        for i, name, weight in self.references:
            if i >= position:
                break
            scores[name] += weight * _DECAY ** (here - self.sentence_of.get(i, 0))
        scores.pop(exclude, None)
        return max(scores, key=scores.get) if scores else None

    def who(self, start: int, end: int, *, nominal_fallback: bool = True) -> str | None:
        """The speaker or source tokens [start, end) name or refer to."""
        tokens = self.doc[start:end]
        mentions = [m for m in self.named.at(start, end) if m.kind in (PER, ORG)]
        free = [m for m in mentions if not _after_preposition(self.doc, m.start)]
        pronoun = next((t for t in tokens if t.lower_ in _PRONOUNS), None)
        if pronoun is not None and pronoun.text.startswith("-"):  # « affirme-t-il »: the subject is the pronoun
            # « lui aurait-il demandé »: « lui » is the one in view, « il » someone else.
            exclude = self.salient(start) if any(t.lower_ == "lui" for t in tokens[:3]) else None
            return self.salient(start, exclude=exclude)
        people = [m for m in free if m.kind == PER]
        if people:
            return people[0].name
        if free:
            return free[0].name
        if pronoun is not None:
            return self.salient(start)
        nominal = self._nominal(tokens, start, nominal_fallback)
        if nominal is None and nominal_fallback and not _names_someone_else(tokens):
            return self.salient(start)  # « Et de préciser : »: the speaker in view
        return nominal

    def _nominal(self, tokens, start: int, fallback: bool) -> str | None:
        """« l'ancien PDG », « leur avocat », « l'association »: by role, kind, or salience."""
        for token in tokens:
            lower = token.lower_
            if token.morph.get("Number") == ["Plur"] or token.i and self.doc[token.i - 1].lower_ in {"au", "à", "aux"}:
                continue  # « au quotidien »: whom it was said to
            if lower in lexicon.ORGANISATION_NOUNS and lower in self.descriptors:
                return self.descriptors[lower]
            if lower in lexicon.ROLE_NOUNS:
                matches = [name for name, roles in self.roles.items() if lower in roles.split()]
                if matches:
                    return max(matches, key=lambda name: self._last_seen(name, start))
                return self.salient(start) if fallback else None
        return None

    def _last_seen(self, name: str, position: int) -> int:
        return max((i for i, n, _ in self.references if n == name and i < position), default=-1)


def _names_someone_else(tokens) -> bool:
    """Whether an attribution has a subject of its own that is no person (« l'étude »)."""
    return any(t.pos_ == "NOUN" and t.dep_.startswith("nsubj") and t.lower_ not in lexicon.PERSON_NOUNS for t in tokens)


def descriptors(doc: Doc, named: Named) -> dict[str, str]:
    """Organisation nouns and the organisation they were last used for: « association » → Alliance Vita."""
    out: dict[str, str] = {}
    for m in named.mentions:
        if m.kind != ORG:
            continue
        noun = head_noun_before(doc, m.start)
        if noun is not None and noun.lower_ in lexicon.ORGANISATION_NOUNS:
            out.setdefault(noun.lower_, m.name)
        if m.end + 2 < len(doc) and doc[m.end].text == "," and doc[m.end + 2].lower_ in lexicon.ORGANISATION_NOUNS:
            out.setdefault(doc[m.end + 2].lower_, m.name)
    return out


def _is_subject(token: Token) -> bool:
    return any(t.dep_.startswith("nsubj") for t in (token, token.head))


def _after_preposition(doc: Doc, i: int) -> bool:
    """« au Parisien », « selon TASS », « auprès de BFMTV », « des campagnes de Foodwatch »:
    a recipient, a source or a complement, not a speaker."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in {"le", "la", "l'", "les", "quotidien", "journal", "agence", "presse"}:
        j -= 1  # « au quotidien Ouest-France », « de l'agence de presse TASS »
    return j >= 0 and doc[j].lower_ in _PREPOSITIONS


_PREPOSITIONS = frozenset({"au", "à", "aux", "selon", "auprès", "sur", "par", "d'après", "chez", "de", "du", "des", "d'"})
