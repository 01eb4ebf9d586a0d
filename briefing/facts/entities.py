"""People, places and organisations named in a parsed article.

spaCy's small French model finds the names; this module decides what each one is
and which mentions name the same thing. The model's label is one vote; the words
around a name are stronger ones: « le juge X » is a person, « l'association X » an
organisation, « le missile X » a thing, « la famille X » a family. Later mentions
join the first full one (« M. Poutine » → Vladimir Poutine; « Ghosn » → Carlos
Ghosn), and an acronym joins its expansion.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.french import lexicon

from briefing.facts import nlp
from briefing.models import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PER, LOC, ORG, MISC, DROP = "PER", "LOC", "ORG", "MISC", "DROP"
KINDS = (PER, LOC, ORG)
MODEL_VOTE, CONTEXT_VOTE, STRONG_VOTE = 1, 2, 3

_LEADING = frozenset({"le", "la", "les", "l'", "du", "de", "des", "d'", "au", "aux", "en", "à"})
_INDEFINITE = frozenset({"un", "une"})
_PARTICLES = frozenset({"de", "du", "des", "d'", "von", "van", "di", "da", "del", "della", "le", "la"})
_OPENERS = frozenset({"«", '"', "“", ":", "(", "-", "–", "—", "\n", "?", "!"})
_ORDINAL = re.compile(r"^(?:\d+|[IVXLC]+)(?:e|er|ème|è)$")


@dataclass
class Mention:
    """One name in the text: where it is, what it says, what it names."""

    start: int  # token indices in the doc
    end: int
    text: str  # the name as written, honorific and leading article left out
    votes: Counter = field(default_factory=Counter)
    honorific: str | None = None
    media: bool = False  # a news medium, by the list of media
    kind: str = MISC
    name: str = ""  # the canonical name of what it names, once resolved

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclass(frozen=True)
class Named:
    """What the article names, and where: the input to quotes, roles and attribution."""

    people: tuple[str, ...]
    places: tuple[Entity, ...]
    organisations: tuple[Entity, ...]
    mentions: tuple[Mention, ...]  # in text order, kind and name resolved
    aliases: dict[str, tuple[str, ...]]  # canonical person name → other names used
    media: frozenset[str] = frozenset()  # the organisations that are news media

    def at(self, start: int, end: int) -> list[Mention]:
        """The mentions inside tokens [start, end)."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]


def normalise(name: str) -> str:
    """A key to compare names: case, accents, apostrophes and a leading article ignored."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    text = re.sub(r"^(?:le |la |les |l')", "", text.casefold().strip())
    return re.sub(r"[\s.]+", " ", text).strip()


def find(doc: Doc) -> Named:
    mentions = [m for span in doc.ents for m in _mentions(doc, span)]
    mentions += _titled(doc, mentions)
    mentions = _join_particles(doc, mentions)
    for mention in mentions:
        _vote(doc, mention)
    _vote_coordination(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    _vote_aliases(doc, mentions)
    _decide_kinds(doc, mentions)
    kept = [m for m in mentions if m.kind in KINDS]
    people, aliases = _resolve_people(kept)
    places = _resolve_things(doc, [m for m in kept if m.kind == LOC], place=True)
    organisations = _resolve_things(doc, [m for m in kept if m.kind == ORG], place=False)
    return Named(
        people=people,
        places=places,
        organisations=organisations,
        mentions=tuple(sorted(kept, key=lambda m: m.start)),
        aliases=aliases,
        media=frozenset(m.name for m in kept if m.kind == ORG and m.media),
    )


# --- Mentions: spans cleaned of articles, honorifics and glued neighbours ---------


def _mentions(doc: Doc, span: Span) -> list[Mention]:
    """The names in one entity span; a span that runs over a dash or a comma is split."""
    pieces: list[list[Token]] = [[]]
    for token in span:
        if _separates(doc, token):
            pieces.append([])
        else:
            pieces[-1].append(token)
    whole = len(pieces) == 1  # the model's label is worth nothing for a piece of a bad span
    return [m for piece in pieces if (m := _mention(doc, piece, span, whole))]


def _is_acronym(token: Token) -> bool:
    return token.text.isupper() and token.is_alpha and len(token.text) > 1


def _separates(doc: Doc, token: Token) -> bool:
    """A token that cannot be inside a name: « Instagram - Benjamin Griveaux »."""
    if token.is_space or token.text in {",", "/", "(", ")", "|", "«", "»", '"', "–", "—"}:
        return True
    spaced = token.i > 0 and bool(doc[token.i - 1].whitespace_)
    return token.text == "-" and spaced


def _mention(doc: Doc, tokens: list[Token], span: Span, whole: bool) -> Mention | None:
    written = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
    media = span.ent_id_ == nlp.MEDIA_ID or nlp.media_name(written, bare=span.label_ == ORG) is not None
    if not media:
        # « la France », « du Japon »; but « Le Jardin » mid-sentence keeps its article.
        while tokens and tokens[0].lower_ in _LEADING and (tokens[0].text.islower() or _capital_explained(tokens[0])):
            tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0].text in lexicon.PLATFORMS and tokens[1].text[:1].isupper():
        tokens = tokens[1:]  # « a réclamé sur Twitter Joe Biden »: the platform is no part of the name
    honorific = None
    while tokens and tokens[0].text in lexicon.HONORIFICS:
        honorific = tokens[0].text
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text != "." or tokens[-1].text in {"'", "d'", "l'"}):
        tokens = tokens[:-1]
    if not tokens or not (media or any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens)):
        return None
    lead = tokens[0]
    if not (lead.text[:1].isupper() or lead.text[:1].isdigit() or media or _kind_of_word(lead.lower_) in (LOC, ORG)):
        return None  # « présenterai », « président de la République »
    end = tokens[-1].i + 1
    while end < len(doc) and doc[end].lower_ in lexicon.NAME_ADJECTIVES and doc[end].text.islower():
        end += 1  # « Alliance Police nationale »
    text = doc[lead.i : end].text
    mention = Mention(start=lead.i, end=end, text=text, honorific=honorific, media=media)
    if whole:
        mention.votes[span.label_] += MODEL_VOTE
    if media:
        mention.votes[ORG] += STRONG_VOTE * 2
        mention.text = nlp.media_name(text, bare=True) or text
    if honorific:
        mention.votes[PER] += STRONG_VOTE
    return mention


def _titled(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """« M. Griffiths », « Mme Borne » where the model saw no name: a title says it is a person."""
    taken = {i for m in mentions for i in range(m.start - 1, m.end)}
    out = []
    for token in doc:
        if token.text not in lexicon.HONORIFICS or token.i + 1 >= len(doc) or token.i + 1 in taken:
            continue
        end = token.i + 1
        while end < len(doc) and end not in taken and end - token.i <= 4 and (
            doc[end].is_alpha and doc[end].text[:1].isupper()
            or doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()
        ):
            end += 1  # « M. Dupond-Moretti »
        if end > token.i + 1 and not nlp.is_common_word(doc[token.i + 1].text):
            m = Mention(start=token.i + 1, end=end, text=doc[token.i + 1 : end].text, honorific=token.text)
            m.votes[PER] += STRONG_VOTE
            out.append(m)
    return out


def _join_particles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """« Maëlys » + « de » + « Araujo » is one name when either half is a person."""
    out: list[Mention] = []
    for mention in mentions:
        if out:
            last = out[-1]
            between = doc[last.end : mention.start]
            if (
                len(between) == 1
                and between[0].lower_ in _PARTICLES
                and (last.votes[PER] or mention.votes[PER])
                and last.end - last.start == 1
                and not _is_acronym(doc[last.start])  # « l'ENA de Gaspard Gantzer »: a school, then a man
            ):
                last.end = mention.end
                last.text = doc[last.start : mention.end].text
                last.votes[PER] += CONTEXT_VOTE
                continue
        out.append(mention)
    return out


# --- Votes: what the words around a name say it is ---------------------------------


def _vote(doc: Doc, m: Mention) -> None:
    first = doc[m.start]
    before = doc[m.start - 1] if m.start else None
    words = m.text.split()
    if words[0] in lexicon.NOT_NAMES and all(w.islower() for w in words[1:]):  # « l'Etat français »
        m.votes[DROP] += STRONG_VOTE * 3
        return
    if m.text.isupper() and len(m.text) > 1:  # an acronym is no person's name
        m.votes[PER] = 0
    if before is not None and before.lower_ in lexicon.FAMILY_NOUNS:
        m.votes[DROP] += STRONG_VOTE
    if before is not None and before.lower_ in lexicon.PERSON_NAMERS:
        m.votes[PER] += STRONG_VOTE
    if before is not None and before.lower_ in lexicon.ORGANISATION_ADJECTIVES:
        m.votes[ORG] += STRONG_VOTE * 2  # « un délégué syndical Sud Rail »: a union, whatever the noun before
    if before is not None and before.lower_ in _INDEFINITE:
        m.votes[MISC] += CONTEXT_VOTE
    noun = head_noun_before(doc, m.start)
    if noun is not None:
        kind = _kind_of_noun(noun)
        if kind == PER and not (m.text.isupper() and len(m.text) > 1):
            m.votes[PER] += STRONG_VOTE
        elif kind in (ORG, LOC, MISC):
            m.votes[kind] += STRONG_VOTE
        elif kind is None and noun.tag_ != "PROPN" and noun.morph.get("Number") == ["Plur"]:
            m.votes[PER] = 0  # « les cornets Extrême »: a plural noun names no one person
            m.votes[MISC] += CONTEXT_VOTE
    if before is not None and before.lower_ in {"de", "du", "d'"} and m.start >= 2:
        owner = _noun_before(doc, m.start - 1)
        if owner is not None and owner.lower_ in lexicon.ROLE_NOUNS:
            m.votes[PER] = 0  # « la présidente de Médiatransports »: the role is someone else's
    apposition = _apposition_noun(doc, m.end)
    if apposition is not None:
        kind = _kind_of_noun(apposition)
        if kind in (ORG, LOC, PER):
            m.votes[kind] += CONTEXT_VOTE
    _vote_parenthesis(doc, m)
    if len(words) == 2 and re.fullmatch(r"[A-ZÀ-Þ]\.?", words[1]) and words[0][:1].isupper():
        m.votes[PER] += CONTEXT_VOTE  # « Fabien B. »: a first name and an initial
    if len(words) == 1 and _capital_explained(first) and nlp.is_common_word(m.text):
        m.votes[DROP] += CONTEXT_VOTE  # « Regardez les ingrédients »: capitalised as a first word


def head_noun_before(doc: Doc, start: int) -> Token | None:
    """The common noun a name stands in apposition to: « le président russe » X → président.

    Walks back over adjectives, complements (« agence de presse »), naming words
    (« baptisé ») and quotes, at most six tokens.
    """
    i = start - 1
    if i >= 1 and doc[i].lower_ in {"le", "la", "les", "l'"} and (
        doc[i - 1].text in {'"', "«", "“"} or doc[i - 1].lower_ in lexicon.NAMING_WORDS
    ):
        i -= 1  # « baptisé "les Barjols" »
    steps = 0
    while i >= 0 and steps < 6:
        token = doc[i]
        lower = token.lower_
        if token.text in {'"', "«", "“"} or lower in lexicon.NAMING_WORDS:
            i -= 1
        elif _is_known_noun(lower):
            return token
        elif token.pos_ == "ADJ" and token.text.islower() or lower in {"autre", "troisième", "ancien", "ancienne", "ex"}:
            i -= 1
        elif token.pos_ == "NOUN" and token.text.islower():
            if i >= 1 and doc[i - 1].lower_ in {"de", "d'", "pour", "à"} and i >= 2:
                i -= 2  # « agence de presse », « glaces pour enfants »
            else:
                return token
        else:
            return None
        steps += 1
    return None


def _noun_before(doc: Doc, i: int) -> Token | None:
    """The word before position ``i`` if it is a lower-case noun."""
    if i >= 1 and doc[i - 1].text.islower() and doc[i - 1].pos_ in ("NOUN", "ADJ"):
        return doc[i - 1]
    return None


def _is_known_noun(lower: str) -> bool:
    return _kind_of_word(lower) is not None


def _kind_of_noun(token: Token) -> str | None:
    return _kind_of_word(token.lower_)


def _kind_of_word(lower: str) -> str | None:
    if lower in lexicon.PERSON_NOUNS:
        return PER
    if lower in lexicon.ORGANISATION_NOUNS:
        return ORG
    if lower in lexicon.PLACE_NOUNS:
        return LOC
    if lower in lexicon.THING_NOUNS:
        return MISC
    return None


def _apposition_noun(doc: Doc, end: int) -> Token | None:
    """« Médiatransports, la société en charge… »: the noun of an apposition after a name."""
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in {"la", "le", "l'", "un", "une"}:
        return doc[end + 2] if doc[end + 2].text.islower() else None
    return None


def _vote_parenthesis(doc: Doc, m: Mention) -> None:
    """A name in parentheses after a noun phrase: « l'association de défense… (Adfi) ».

    The phrase's first noun says what the name is; an acronym of a phrase that
    names no organisation (« agent de service hospitalier (ASH) ») is no name.
    """
    if not (m.start and doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")"):
        return
    phrase: list[Token] = []
    j = m.start - 2
    while j >= 0 and len(phrase) < 20:
        token = doc[j]
        if token.ent_type_ == "LOC":
            return  # « Saint-Brieuc (Côtes-d'Armor) »: a place after a place
        if token.is_punct or token.is_space or token.pos_ in ("VERB", "AUX", "ADV"):
            break
        phrase.insert(0, token)
        if token.is_sent_start:
            break
        j -= 1
    nouns = [t for t in phrase if _kind_of_word(t.lower_) or t.pos_ == "NOUN"]
    if nouns and _kind_of_word(nouns[0].lower_) == ORG:
        m.votes[ORG] += STRONG_VOTE
    elif m.text.isupper():
        m.votes[DROP] += STRONG_VOTE


def _capital_explained(token: Token) -> bool:
    """Whether a capital letter is due to the word's place: a sentence's or a quote's first word."""
    if token.is_sent_start or token.i == 0:
        return True
    return doc_text(token.doc[token.i - 1]) in _OPENERS


def doc_text(token: Token) -> str:
    return "\n" if token.is_space else token.text


def _vote_aliases(doc: Doc, mentions: list[Mention]) -> None:
    """« Philadelphie, aussi appelé Le Jardin »: the second name is what the first is."""
    for a, b in _alias_pairs(doc, mentions, parenthesis=False):
        kind = _best(a.votes)
        if kind in KINDS:
            b.votes[kind] += STRONG_VOTE


def _vote_coordination(doc: Doc, mentions: list[Mention]) -> None:
    """« Olivier et Fabien B. »: a single name joined to a person's is a person, of that family."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    for partner in list(mentions):
        i = partner.start - 2  # the word before « et »
        if i < 0 or doc[i + 1].lower_ != "et" or _best(partner.votes) != PER:
            continue
        m = by_end.get(i + 1)
        if m is None:
            if not (doc[i].text[:1].isupper() and doc[i].is_alpha and i not in by_start):
                continue
            m = Mention(start=i, end=i + 1, text=doc[i].text)
            mentions.append(m)
        elif m.end - m.start != 1:
            continue
        m.votes[PER] += STRONG_VOTE
        words = partner.text.split()
        if len(words) == 2 and len(words[1].rstrip(".")) <= 2:  # « Fabien B. »: a shared initial
            m.text = f"{m.text} {words[1]}"


# --- Kinds: one per name, from every vote its mentions got ----------------------------


def _best(votes: Counter) -> str:
    if not votes:
        return MISC
    order = (DROP, PER, ORG, LOC, MISC)
    return max(order, key=lambda kind: (votes[kind], -order.index(kind)))


def _decide_kinds(doc: Doc, mentions: list[Mention]) -> None:
    by_key: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        by_key[m.key].update(m.votes)
    # A capital explained by the word's place drops the name only if the name is
    # never written elsewhere (« Fabien et Olivier » is not « Regardez »).
    for key, votes in by_key.items():
        if votes[DROP] and votes[DROP] < STRONG_VOTE and any(
            m.key == key and not _capital_explained(doc[m.start]) for m in mentions
        ):
            votes[DROP] = 0
    # A single word of a longer name is what that name is: « Lelandais », « Ghosn » are
    # people; « Pirulo » is the product « Pirulo Happy ».
    longer = {}
    for m in mentions:
        if len(m.text.split()) > 1:
            for word in m.text.split():
                longer.setdefault(word, _best(by_key[m.key]))
    for m in mentions:
        kind = _best(by_key[m.key])
        part_of = longer.get(m.text) if len(m.text.split()) == 1 else None
        if part_of == PER and kind != DROP or part_of in (MISC, DROP) and max(by_key[m.key].values()) <= MODEL_VOTE:
            kind = part_of
        m.kind = kind


# --- People: one per person, named by the first full mention --------------------------


def _resolve_people(mentions: list[Mention]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    people = [m for m in mentions if m.kind == PER]
    full: list[str] = []  # canonical names, first full mention first
    for m in sorted(people, key=lambda m: m.start):
        if len(m.text.split()) > 1 and not any(_within(m.text, name) for name in full):
            for i, name in enumerate(full):
                if _within(name, m.text):
                    full[i] = m.text  # a longer form of a name seen before
                    break
            else:
                full.append(m.text)
    latest: dict[str, int] = {}
    for m in sorted(people, key=lambda m: m.start):
        candidates = [name for name in full if _within(m.text, name)]
        if candidates:
            m.name = max(candidates, key=lambda name: latest.get(name, -1))
        else:
            m.name = m.text
            if m.text not in full:
                full.append(m.text)
        latest[m.name] = m.start
    first_seen = {}
    for m in sorted(people, key=lambda m: m.start):
        first_seen.setdefault(m.name, m.start)
    order = sorted(first_seen, key=first_seen.get)
    aliases = {
        name: tuple(dict.fromkeys(_as_written(m) for m in people if m.name == name and _as_written(m) != name))
        for name in order
    }
    return tuple(order), aliases


def _as_written(m: Mention) -> str:
    return f"{m.honorific} {m.text}" if m.honorific else m.text


def _within(short: str, long: str) -> bool:
    """Whether the words of ``short`` appear in order, together, in ``long``."""
    a, b = short.split(), long.split()
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


# --- Places and organisations: merged by name, acronym and alias ----------------------


def _resolve_things(doc: Doc, mentions: list[Mention], place: bool) -> tuple[Entity, ...]:
    if place:
        for m in mentions:
            m.text = _strip_administrative(m.text)
    groups = _Groups()
    for m in mentions:
        groups.add(m.key)
    for a, b in _alias_pairs(doc, mentions, parenthesis=not place):
        groups.union(a.key, b.key)
    names: dict[str, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: m.start):
        names[groups.find(m.key)].append(m)
    out = []
    for group in names.values():
        name = _preferred(group)
        for m in group:
            m.name = name
        aliases = tuple(dict.fromkeys(m.text for m in group if m.text != name))
        out.append((group[0].start, Entity(name=name, aliases=aliases)))
    return tuple(entity for _, entity in sorted(out, key=lambda pair: pair[0]))


def _preferred(group: list[Mention]) -> str:
    """The first full name: an expansion is preferred to its acronym only if it came first."""
    media = [m.text for m in group if nlp.media_name(m.text, bare=True)]
    return media[0] if media else group[0].text


def _strip_administrative(name: str) -> str:
    """« province de Koursk » → Koursk; « VIIe arrondissement de Paris » → Paris."""
    words = name.split()
    i = 0
    if words and _ORDINAL.match(words[0]):
        i = 1
    if len(words) > i + 2 and words[i].lower() in lexicon.ADMINISTRATIVE_NOUNS and words[i + 1] in {"de", "du", "des", "d'"}:
        return " ".join(words[i + 2 :])
    return name


def _alias_pairs(doc: Doc, mentions: list[Mention], parenthesis: bool) -> list[tuple[Mention, Mention]]:
    """« l'ARS (Agence Régionale de Santé) », « Philadelphie, aussi appelé Le Jardin »."""
    pairs = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        between = [t.lower_ for t in doc[a.end : b.start]]
        if between == ["("] and parenthesis:
            pairs.append((a, b))
        elif between and between[0] == "," and any(w in lexicon.ALIAS_WORDS for w in between) and len(between) <= 4:
            pairs.append((a, b))
    return pairs


class _Groups:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
