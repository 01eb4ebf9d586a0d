"""Who said a quotation: the subject of the verb of speech that attaches it.

The attribution is read as a French reader reads it: the verb of speech and
its subject, after the quotation (« », a déclaré M. Poutine; « », confie un
capitaine de gendarmerie; « », a-t-il ajouté), before it (M. Poutine a déclaré
que « »; Et l'hebdomadaire d'ajouter : « »; Selon le ministère, « »), or set
inside it (« …, poursuit l'écolier. … »). Then the subject is:

- a name: that person or organisation (« le maire de Chambéry Michel Dantin »
  → Michel Dantin; « l'un des avocats, Jean Paillot » → Jean Paillot);
- a description whose noun names a person or a body: that description as the
  article words it (« un capitaine de gendarmerie », « une source proche du
  dossier »), or the one person the article gave that very role (« l'ancien
  PDG » → Carlos Ghosn);
- a pronoun (« a-t-il ajouté », « Il a indiqué que »): the one person or
  speaker the nearest sentences before have as their subject; nobody when
  there are two;
- anything else, a place, a date or a thing (« Mardor », « le texte »): nobody.

A briefing that puts words in the wrong mouth is worse than one that names
no one, so every doubt ends in nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.french import lexicon, words

from briefing.facts import nlp
from briefing.facts.entities import LOC, ORG, PER, Mention, Named
from briefing.models import Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

AFTER_WINDOW = 16  # tokens after a quotation where its attribution may be
NP_MAX_TOKENS = 14
LOOK_BACK_SENTENCES = 1  # how far back a pronoun's person may be: the sentence before

# Subject pronouns, as words and as clitics after an inverted verb (« a-t-il »).
_PRONOUN_NUMBER = {
    "il": "sg", "elle": "sg", "ils": "pl", "elles": "pl",
    "-il": "sg", "-elle": "sg", "-ils": "pl", "-elles": "pl", "t-il": "sg", "t-elle": "sg",
}
_PRONOUN_GENDER = {"il": "m", "-il": "m", "t-il": "m", "elle": "f", "-elle": "f", "t-elle": "f"}
_NOBODY_PRONOUNS = frozenset({"on", "-on", "t-on", "nous", "je", "j'", "vous", "-nous", "-vous"})
_DEMONSTRATIVES = frozenset({"celui-ci", "celle-ci", "ce dernier", "cette dernière"})
_DETERMINERS = frozenset(
    {"le", "la", "l'", "les", "un", "une", "des", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces",
     "notre", "nos", "deux", "trois", "plusieurs", "certains", "certaines", "d'autres", "l'un", "l'une"}
)
_DEFINITE = frozenset({"le", "la", "l'", "les", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces"})
# Words between a verb of speech and its inverted subject: « a déclaré samedi », « a précisé à l'AFP ».
_TIME_WORDS = frozenset(
    (*words.DAYS, *words.MONTHS, *"""
    matin soir midi après-midi hier aujourd'hui demain
    dernier dernière prochain prochaine soirée nuit journée week-end
    """.split())
)
_ADVERBS = frozenset(
    """
    ainsi notamment également encore alors aussi pourtant toutefois enfin ensuite d'ailleurs
    cependant néanmoins déjà aussitôt immédiatement récemment publiquement simplement
    """.split()
)
_PP_PREPOSITIONS = frozenset({"à", "au", "aux", "sur", "dans", "devant", "auprès", "lors", "pendant", "via", "chez", "face", "depuis", "en"})
_LINKS = frozenset({"de", "du", "des", "d'"})
_PREPOSITIONS = frozenset({"à", "au", "aux", "en", "de", "du", "des", "d'", "par", "pour", "sur", "avec", "chez", "contre", "entre", "sans", "vers", "selon"})
_NP_LINKS = _LINKS | {"en"}
_AUX_AND_CLITICS = frozenset(
    {"a", "avait", "aurait", "ont", "avaient", "auraient", "aura", "est", "était", "sont", "s'", "se", "lui", "leur",
     "t", "-t", "ne", "n'", "y", "l'", "en", "nous", "me", "m'", "vous", "pas", "-", "va", "vont"}
)
_RELATIVES = frozenset({"dont", "qui", "que", "qu'", "où", "lequel", "laquelle", "lesquels", "lesquelles"})
_BODY_NOUNS = frozenset(
    "parquet gouvernement ministère préfecture mairie police gendarmerie armée présidence exécutif municipalité "
    "administration cabinet hôpital établissement conseil département région ville".split()
)
_MEDIA_NOUNS = frozenset({"quotidien", "journal", "hebdomadaire", "magazine", "mensuel", "site", "radio", "chaîne", "agence", "média", "télévision"})
_TITLE_WORDS = frozenset({"dans", "intitulé", "intitulée", "intitulés", "titré", "titrée", "baptisé", "baptisée", "nommé", "nommée", "appelé", "appelée", "surnommé", "surnommée"})
_SOURCE_WORDS = frozenset({"selon", "d'après", "d’après", "pour"})
_LEADING_CONJUNCTIONS = frozenset({"mais", "et", "or", "donc", "enfin", "ainsi", "alors"})
_QUOTE_MARKS = frozenset({"«", "»", '"', "“", "”"})
_CLAUSE_STOPS = frozenset({".", "?", "!", ";", "«", "»", '"', "“", "”"})


@dataclass(frozen=True)
class Said:
    """A quotation's speaker (None when unsure) and its attribution as written."""

    speaker: str | None
    cue: str
    position: int = 0  # the token where the attribution is: its verb, or the quotation's end
    pronoun: bool = False  # whether the attribution names its speaker by a pronoun (« a-t-il ajouté »)


class Speakers:
    """Reads the attributions of one article's quotations, in text order."""

    def __init__(self, doc: Doc, named: Named, people: tuple[Person, ...]) -> None:
        self.doc = doc
        self.named = named
        self.roles = {p.name: [r.lower() for r in p.roles] for p in people}
        self.descriptors = _introduced(doc, named)
        self.sentence_of: dict[int, int] = {}
        self.sentences = list(doc.sents)
        for n, sentence in enumerate(self.sentences):
            for token in sentence:
                self.sentence_of[token.i] = n
        self.mention_of: dict[int, Mention] = {}
        for m in named.mentions:
            for i in range(m.start, m.end):
                self.mention_of[i] = m
        self.gender = _genders(named)
        self.said: list[tuple[int, str]] = []  # (token index, speaker) of the quotations read so far
        self.quoted: set[int] = set()  # tokens inside quotation marks: no subject of the article's own sentences

    def mark_quoted(self, spans) -> None:
        """The article's quoted stretches (marks included): the names in them are nobody's subject."""
        for span in spans:
            self.quoted.update(range(span.start, span.end))

    # --- Where the attribution is ------------------------------------------------------

    def attribute(self, quote: Span) -> Said | None:
        """The speaker of the quotation ``quote`` (marks included); None when no
        verb of speech attaches it, or when it is a title (« dans "La politique est
        un sport de combat" », « un livre intitulé "…" »)."""
        if quote.start and self.doc[quote.start - 1].lower_ in _TITLE_WORDS:
            return None
        before = self._before(quote)
        if before is not None and before[1]:  # « X affirme : « … » »: the words follow the colon
            return Said(before[0].speaker, before[0].cue, quote.start)
        after = self._after(quote)
        inside = self._incise(quote)
        if after is not None and after.pronoun and inside is not None and inside.speaker:
            return Said(inside.speaker, after.cue, quote.end - 1)  # « …, a dit l'ex-conseiller. … », a-t-il ajouté
        if after is not None and self._medium(after.speaker):
            if before is not None and before[0].speaker:
                return Said(before[0].speaker, before[0].cue, quote.start)  # X a lancé « … », a relevé Le Parisien
            source = self._selon(quote)
            if source:  # « Selon la SNCF, « … » alors que « … », précise le quotidien régional »
                return Said(source, after.cue, quote.end - 1)
        if after is not None and (after.speaker or before is None or not before[0].speaker):
            return Said(after.speaker, after.cue, quote.end - 1)
        if before is not None:
            return Said(before[0].speaker, before[0].cue, quote.start)
        return Said(inside.speaker, inside.cue, quote.end - 1) if inside else None

    def remember(self, position: int, speaker: str) -> None:
        """A quotation at ``position`` was given to ``speaker``: a later « a-t-il ajouté » may be them."""
        self.said.append((position, speaker))

    def _after(self, quote: Span) -> Said | None:
        doc = self.doc
        i = quote.end
        comma = i < len(doc) and doc[i].text == ","
        if comma:
            i += 1
        stop = i
        while stop < len(doc) and stop - i < AFTER_WINDOW and doc[stop].text not in _CLAUSE_STOPS and not doc[stop].is_space:
            stop += 1
        if stop == i:
            return None
        if doc[i].lower_ in lexicon.SOURCE_PREPOSITIONS:  # « … », selon le ministère
            start, end = self._phrase(i + 1, stop)
            return Said(self._who(start, end, i), _text(doc[quote.end : max(end, i + 1)]))
        verb = self._verb_at(i, stop, comma)
        if verb is None and not comma and doc[i].lower_ in ("que", "qu'"):
            # « "…" que les considérations locales, estime Sami Atallah »: the words go on, unquoted
            k = next((t.i for t in doc[i:stop] if t.text == ","), None)
            if k is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[i:k]):
                i = k + 1
                verb = self._verb_at(i, stop, False)
        if verb is None:
            return None
        clitic = next((t for t in doc[i : verb.i] if t.lower_ in _PRONOUN_NUMBER or t.lower_ in _NOBODY_PRONOUNS), None)
        if clitic is not None and not clitic.lower_.startswith(("-", "t-")) and not self._speech(verb):
            return None  # « …", elle permettra au Bélarus… »: a clause of its own, not who said it
        if clitic is not None:  # « … », avait-il prévenu
            lower = clitic.lower_
            speaker = self._pronoun(verb.i, _PRONOUN_NUMBER[lower], _PRONOUN_GENDER.get(lower)) if lower in _PRONOUN_NUMBER else None
            return Said(speaker, _text(doc[i : verb.i + 1]), pronoun=True)
        between = [t for t in doc[i : verb.i] if t.lower_ not in _AUX_AND_CLITICS and not t.is_punct and not _adjunct_word(t)]
        if not comma and between:
            return None
        if between:  # « … », le maire a expliqué
            start, end = self._phrase(between[0].i, verb.i)
            speaker = self._who(start, end, verb.i)
            return Said(speaker, _text(doc[i : verb.i + 1]))
        speaker, end = self._inverted_subject(verb, stop)
        pronoun = any(t.lower_ in _PRONOUN_NUMBER for t in doc[verb.i : end]) or verb.lower_.endswith(("-il", "-elle", "-ils", "-elles"))
        return Said(speaker, _text(doc[i : max(end, verb.i + 1)]), pronoun=pronoun)

    def _gender(self, candidate: str, default: str) -> str:
        if candidate.startswith("?"):
            return candidate[1:] or default
        return self.gender.get(candidate, default)

    def _body(self, speaker: str) -> bool:
        """An organisation, named or described (« la SNCF », « la radio », « le ministère »)."""
        if speaker in {e.name for e in self.named.organisations}:
            return True
        words = speaker.lower().replace("l'", "l' ").split()
        return len(words) > 1 and words[0] in _DETERMINERS | {"l'"} and words[1] in lexicon.ORGANISATION_NOUNS | _MEDIA_NOUNS | _BODY_NOUNS

    def _medium(self, speaker: str | None) -> bool:
        """A news medium, named or described: it reports the words, it did not say them."""
        if not speaker:
            return False
        words = speaker.lower().split()
        described = len(words) > 1 and words[0] in _DETERMINERS | {"l'"} and words[1] in _MEDIA_NOUNS
        return speaker in self.named.media or described or speaker.lower().startswith(tuple(f"l'{n}" for n in _MEDIA_NOUNS))

    def _selon(self, quote: Span) -> str | None:
        """« Selon X, » opening the sentence a quotation is in: X."""
        doc = self.doc
        sentence = quote[0].sent
        lead = next((t for t in sentence if not t.is_space and t.lower_ not in _LEADING_CONJUNCTIONS), None)
        if lead is None or lead.lower_ not in lexicon.SOURCE_PREPOSITIONS or lead.i >= quote.start:
            return None
        a, b = self._phrase(lead.i + 1, quote.start)
        return self._who(a, b, lead.i) if b < len(doc) and doc[b].text == "," else None

    def _verb_at(self, i: int, stop: int, comma: bool) -> Token | None:
        """The verb of an attribution starting at ``i``: « a-t-il par ailleurs estimé », « fait valoir »;
        after a comma any verb will do (« s'énerve un membre de son entourage »)."""
        doc = self.doc
        for t in doc[i : min(i + 8, stop)]:
            if self._speech(t) and _reads_as_verb(t):
                return t
            if comma and t.pos_ == "VERB" and t.text.islower() and _reads_as_verb(t) and t.lower_ not in _AUX_AND_CLITICS:
                return t
            lower = t.lower_
            if not (lower in _AUX_AND_CLITICS or lower in _PRONOUN_NUMBER or lower in _NOBODY_PRONOUNS
                    or lower in ("fait", "font") or _adjunct_word(t) or t.pos_ == "AUX"):
                return None
        return None

    def _before(self, quote: Span) -> tuple[Said, bool] | None:
        """The attribution in the clause before the quotation, and whether it ends on a colon."""
        doc = self.doc
        sentence = quote[0].sent
        start = sentence.start
        for token in doc[sentence.start : quote.start]:
            if token.text in _QUOTE_MARKS or token.text in {".", "?", "!"}:
                start = token.i + 1
        clause = [t for t in doc[start : quote.start] if not t.is_space]
        if not clause:
            return None
        colon = clause[-1].text == ":"
        cue = _text(doc[start : quote.start]).rstrip(" :")
        opening = next((t for t in quote if not t.is_punct and not t.is_space), None)
        if opening is not None and opening.text.islower() and self._speech(opening) and not colon:
            # « Le Pr Greaves "espère avoir pris en compte…" », « dont l'étude "insiste…" »: the
            # quotation's own verb, and its subject right before it
            subject = clause[-1]
            if subject.pos_ in ("NOUN", "PROPN") or subject.i in self.mention_of:
                first = self._phrase_start(self.mention_of[subject.i].start if subject.i in self.mention_of else subject.i, start)
                a, b = self._phrase(first, quote.start)
                if b == quote.start:
                    return Said(self._who(a, b, quote.start), cue), colon
        if colon:  # « un autre critique sa politique : « … » »: the verb just before the colon says who
            last = next((t for t in reversed(clause) if t.pos_ == "VERB" and not _infinitive(t) and not _participle_alone(t)), None)
            if last is not None and not self._speech(last):
                return None  # « avec une devise : « … » »: no one says it
        for verb in reversed([t for t in clause if self._speech(t) and _reads_as_verb(t)]):
            if _infinitive(verb):
                link = verb.i - 1
                if link >= start and doc[link].lower_ in ("de", "d'") and _opens_clause(doc, start, link):
                    # « Et l'hebdomadaire d'ajouter : », « Et de préciser : »
                    first = start + 1 if doc[start].lower_ in _LEADING_CONJUNCTIONS else start
                    if first < link:
                        a, b = self._phrase(first, link)
                        return Said(self._who(a, b, verb.i), cue), colon
                    return Said(self._pronoun(verb.i, "sg", None), cue), colon
                continue  # « pour lui dire », « avant d'ajouter »: the subject is another verb's
            if _participle_alone(verb):
                continue  # « ajoutant que »: the subject is the main verb's
            if _passive(verb):
                # « M. Drareni est accusé "d'incitation…" »: the subject is who is spoken of;
                # the speaker, if any, is the agent (« a été décrite comme « … » par Météo-France »)
                k = next((t.i for t in doc[verb.i + 1 : quote.start] if t.lower_ == "par"), None)
                if k is None:
                    return Said(None, cue), colon
                a, b = self._phrase(k + 1, quote.start)
                return Said(self._who(a, b, verb.i), cue), colon
            if colon and any(t.lower_ in ("tandis", "alors", "qu'", "que", "mais") for t in doc[verb.i + 1 : quote.start]):
                return Said(None, cue), colon  # « s'énerve X, tandis qu'un autre critique sa politique : »
            speaker = self._subject_before(verb, start, quote.start)
            if not colon and speaker is not None:
                # « Le menhir avance que le juge a demandé … « … » »: whose words, the teller's or the told's?
                outer = [t for t in clause if t.i < verb.i and self._speech(t) and _reads_as_verb(t)
                         and not _infinitive(t) and not _participle_alone(t)]
                if any(self._subject_before(t, start, verb.i) != speaker for t in outer):
                    return Said(None, cue), colon
            return Said(speaker, cue), colon
        lead = clause[1] if clause[0].lower_ in _LEADING_CONJUNCTIONS and len(clause) > 1 else clause[0]
        if lead.lower_ in _SOURCE_WORDS:  # « Selon le ministère, « … » », « Pour le politologue X, « … » »
            a, b = self._phrase(lead.i + 1, quote.start)
            if b < len(doc) and doc[b].text == "," and self._who(a, b, lead.i):
                return Said(self._who(a, b, lead.i), cue), colon
        if colon and len(clause) >= 2:  # « Laeticia Hallyday : « … » »
            m = self.mention_of.get(clause[0].i)
            if m is not None and m.kind in (PER, ORG) and m.start == clause[0].i and m.end == clause[-1].i:
                return Said(m.name, cue), colon
        return None

    def _incise(self, quote: Span) -> Said | None:
        """« "…, indique Camille Dorioz, qui… » »: an attribution set inside the quotation."""
        for k in range(quote.start + 2, quote.end - 2):
            token = self.doc[k]
            j = k - 1
            while j > quote.start and (self.doc[j].lower_ in _AUX_WORDS | {"-t", "t"} or self.doc[j].pos_ == "ADV"):
                j -= 1
            if self.doc[j].text == "," and self._speech(token) and _reads_as_verb(token) and token.pos_ != "NOUN":
                stop = k + 1
                while stop < quote.end - 1 and self.doc[stop].text not in {",", ".", "»", '"', "?", "!"} and stop - k < 10:
                    stop += 1
                speaker, end = self._inverted_subject(token, stop)
                return Said(speaker, _text(self.doc[k:max(end, k + 1)]))
        return None

    # --- The subject of a verb of speech -------------------------------------------------

    def _inverted_subject(self, verb: Token, stop: int) -> tuple[str | None, int]:
        """The subject after the verb: « a déclaré samedi à l'AFP le ministre ». Returns it and where it ends."""
        doc = self.doc
        j = verb.i + 1
        if j < len(doc) and doc[j].lower_ in ("-t", "t"):
            j += 1
        if j < len(doc) and doc[j].lower_ in _PRONOUN_NUMBER:
            lower = doc[j].lower_
            return self._pronoun(verb.i, _PRONOUN_NUMBER[lower], _PRONOUN_GENDER.get(lower)), j + 1
        if j < len(doc) and doc[j].lower_ in _NOBODY_PRONOUNS:
            return None, j + 1
        if verb.lower_.endswith(("-il", "-elle", "-ils", "-elles")):  # « écrivent-ils » in one token
            ending = "-" + verb.lower_.rsplit("-", 1)[1]
            return self._pronoun(verb.i, _PRONOUN_NUMBER[ending], _PRONOUN_GENDER.get(ending)), j
        j = self._skip_adjuncts(j, stop)
        start, end = self._phrase(j, stop)
        first = self.mention_of.get(start + 1 if doc[start].lower_ in _DETERMINERS else start)
        if first is not None and first.name in self.named.media and end < stop and doc[end].lower_ in _DETERMINERS:
            start, end = self._phrase(end, stop)  # « a dit l'AFP un membre de la délégation »: « à » was left out
        return self._who(start, end, verb.i), end

    def _subject_before(self, verb: Token, start: int, quote_start: int) -> str | None:
        """The subject of a verb of speech in the clause before a quotation."""
        doc = self.doc
        # « a-t-il déclaré », « estime-t-elle »: a clitic after the verb or its auxiliary.
        for k in (verb.i + 1, verb.i + 2, verb.i - 1):
            if 0 <= k < len(doc) and (doc[k].lower_ in _PRONOUN_NUMBER and doc[k].lower_.startswith(("-", "t-"))):
                lower = doc[k].lower_
                return self._pronoun(verb.i, _PRONOUN_NUMBER[lower], _PRONOUN_GENDER.get(lower))
        k = verb.i - 1
        while k >= start and (doc[k].lower_ in _AUX_AND_CLITICS or _adjunct_word(doc[k]) or doc[k].pos_ == "AUX"):
            k -= 1
        if k >= start and doc[k].text == ",":  # « pénaliser" les consommateurs, a ajouté le ministre, "… »: an incise
            speaker, _ = self._inverted_subject(verb, quote_start)
            if speaker is not None:
                return speaker
        heads = {verb.i} | {c.i for c in verb.children if c.dep_.startswith("aux")}
        subjects = [t for t in doc[start : verb.i] if t.dep_.startswith("nsubj") and t.head.i in heads]
        if subjects:
            subject = subjects[-1]
            found = self._subject_at(subject, start, verb.i)
            first = self._phrase_start(self.mention_of[subject.i].start if subject.i in self.mention_of else subject.i, start)
            if found is not None or not (first > start and doc[first - 1].lower_ in _PREPOSITIONS):
                return found  # unless the parse took a complement for the subject: then by the names below
        words = [t for t in doc[start : verb.i] if not t.is_punct and t.lower_ not in _AUX_AND_CLITICS and not _adjunct_word(t)]
        names = [m for m in self.named.at(start, verb.i) if m.kind in (PER, ORG) and not self._complement(start, m)
                 and not (m.start and doc[m.start - 1].lower_ in _SOURCE_WORDS) and self._leads_to(m.end, verb.i)]
        if names and not any(t.lower_ in _PRONOUN_NUMBER for t in words if t.i > names[-1].start):
            return names[-1].name  # « Interrogé par LCI, François-Michel Lambert a déploré »
        if not words or words[0].lower_ in _LEADING_CONJUNCTIONS and len(words) == 1:
            speaker, _ = self._inverted_subject(verb, quote_start)  # « , a précisé le ministère, ajoutant que »
            sentence_start = verb.sent.start
            if speaker is None and start > sentence_start and doc[start - 1].text in _QUOTE_MARKS:
                # « Olivier Faure, qui se présente comme un "républicain", a estimé que »
                names = [m for m in self.named.at(sentence_start, start) if m.kind in (PER, ORG) and m.start not in self.quoted
                         and not self._complement(sentence_start, m) and not (m.start and doc[m.start - 1].lower_ in _SOURCE_WORDS)]
                if len(names) == 1 and doc[names[0].end].text == ",":
                    return names[0].name
            return speaker
        return self._subject_at(words[-1], start, verb.i)

    def _subject_at(self, token: Token, start: int, verb: int) -> str | None:
        """The speaker a subject ending on (or headed by) ``token`` names."""
        lower = token.lower_
        if lower in _PRONOUN_NUMBER:
            if _impersonal(token):
                return None
            return self._pronoun(token.i, _PRONOUN_NUMBER[lower], _PRONOUN_GENDER.get(lower))
        if lower in _NOBODY_PRONOUNS or token.pos_ == "PRON" and lower not in ("celui-ci", "celle-ci"):
            return None
        if lower in ("celui-ci", "celle-ci"):
            return self._pronoun(token.i, "sg", "m" if lower == "celui-ci" else "f")
        m = self.mention_of.get(token.i)
        first = m.start if m is not None else token.i
        # Back to where the noun phrase starts: its determiner, or a title before a name.
        i = self._phrase_start(first, start)
        if i > start and self.doc[i - 1].lower_ in _PREPOSITIONS:
            return None  # « en appelle aux maires »: a complement, not the subject
        a, b = self._phrase(i, verb)
        return self._who(a, b, verb)

    def _phrase_start(self, i: int, start: int) -> int:
        """Back to where a noun phrase ending at ``i`` starts: its determiner, a title
        before a name, the noun a complement hangs on (« le cabinet de Gérard Collomb »)."""
        doc = self.doc
        while i - 1 >= start:
            before = doc[i - 1]
            if before.lower_ in _DETERMINERS:
                i -= 1
                if i - 1 >= start and doc[i - 1].lower_ in _LINKS and i - 2 >= start and doc[i - 2].pos_ == "NOUN":
                    i -= 1  # « le cabinet de la ministre »
                    continue
                break
            if before.pos_ in ("ADJ", "NOUN") and before.text.islower() or before.lower_ in lexicon.HONORIFICS:
                i -= 1
            elif before.lower_ in _LINKS and i - 2 >= start and doc[i - 2].pos_ == "NOUN" and doc[i - 2].text.islower():
                i -= 1  # « le cabinet de Gérard Collomb »
            else:
                break
        return i

    def _skip_adjuncts(self, j: int, stop: int) -> int:
        """Past adverbs, dates and complements between a verb and its inverted subject."""
        doc = self.doc
        while j < stop:
            token = doc[j]
            lower = token.lower_
            if lower in _ADVERBS or lower in _TIME_WORDS or token.text[:1].isdigit() or token.pos_ == "ADV" and lower not in ("ne", "pas"):
                j += 1
            elif lower in ("ce", "cette") and j + 1 < stop and doc[j + 1].lower_ in _TIME_WORDS:
                j += 2
            elif lower in ("par", "pour", "de", "quant") and j + 1 < stop and doc[j + 1].lower_ in ("ailleurs", "sa", "son", "leur", "à"):
                j += 3 if doc[j + 1].lower_ in ("sa", "son", "leur", "à") else 2  # « pour sa part », « de son côté »
            elif lower in _PP_PREPOSITIONS:
                j = self._skip_complement(j + 1, stop)
            else:
                break
        return j

    def _skip_complement(self, j: int, stop: int) -> int:
        """Past the noun phrase of a complement: « à l'antenne de franceinfo », « au quotidien régional »."""
        doc = self.doc
        if j < stop and doc[j].lower_ in _LINKS | {"à"}:  # « auprès de », « face à »
            j += 1
        seen_content = False
        while j < stop:
            token = doc[j]
            if token.lower_ in _DETERMINERS and not seen_content:
                j += 1
            elif seen_content and j in self.mention_of and self.mention_of[j].start == j and (j - 1) in self.mention_of:
                break  # « assure au Parisien Camille Dorioz »: a second name starts the subject
            elif token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not (seen_content and token.lower_ in _DETERMINERS):
                seen_content = True
                j += 1
                if token.text in lexicon.PLATFORMS:
                    break  # « a écrit sur Facebook Nasri Sayegh »
            elif seen_content and token.lower_ in _LINKS and j + 1 < stop and doc[j + 1].pos_ in ("NOUN", "PROPN", "DET"):
                seen_content = False
                j += 1
            else:
                break
        return j

    # --- A noun phrase and whom it names -----------------------------------------------

    def _phrase(self, j: int, stop: int) -> tuple[int, int]:
        """The noun phrase starting at ``j``: tokens [start, end), maybe empty."""
        doc = self.doc
        start = j
        k = j
        while k < stop and k - start < NP_MAX_TOKENS:
            token = doc[k]
            lower = token.lower_
            if token.is_space or token.text in {",", ".", ";", ":", "?", "!"} or token.text in _QUOTE_MARKS:
                break
            if lower in _TIME_WORDS and k > start and token.text.islower():
                break  # « a menacé un proche lundi »
            if token.text == "(":  # « Michel Dantin (LR) »
                close = next((t.i for t in doc[k : min(k + 6, stop)] if t.text == ")"), None)
                if close is None:
                    break
                k = close + 1
                continue
            inside_name = k in self.mention_of and self.mention_of.get(k - 1) is self.mention_of[k]
            if lower in _DETERMINERS - _NP_LINKS and k > start and not inside_name and doc[k - 1].lower_ not in _NP_LINKS | _DETERMINERS | {"et", "à", "au", "aux"}:
                break  # « a dit l'AFP un membre de la délégation »: a second phrase starts
            if lower in _DETERMINERS or lower in lexicon.HONORIFICS or token.text == "-":
                k += 1
                continue
            if lower in _NP_LINKS or lower in ("à", "au", "aux") and k > start and doc[k - 1].lower_ in lexicon.PERSON_NOUNS and k + 1 not in self.mention_of:
                k += 1  # « un membre de la délégation », « l'adjoint à la Santé »
                continue
            if lower == "et" and k + 1 < stop and (doc[k + 1].lower_ in _DETERMINERS or doc[k + 1].text[:1].isupper()):
                k += 1  # « Viviane et Pierre Lambert »
                continue
            if token.pos_ == "NOUN" and token.text.islower() and k > start and doc[k - 1].pos_ == "NOUN" and doc[k - 1].text.islower() and nlp.verb_lemmas(lower):
                break  # « le trentenaire cherche »: a verb the tagger took for a noun
            if k in self.mention_of or token.pos_ in ("NOUN", "PROPN", "NUM") or token.pos_ == "ADJ" and not nlp.verb_lemmas(lower):
                k += 1
                continue
            if token.pos_ in ("VERB", "AUX") and token.text.islower() and not nlp.verb_lemmas(lower) and k > start:
                k += 1  # an adjective the tagger took for a verb: « la compagnie ferroviaire »
                continue
            break
        while k > start and doc[k - 1].lower_ in _NP_LINKS | _DETERMINERS | {"et", "à", "au", "aux", "-"}:
            k -= 1
        return start, k

    def _who(self, start: int, end: int, position: int) -> str | None:
        """Whom the noun phrase [start, end) names, as a speaker; None when it is no one sure."""
        if start >= end:
            return None
        doc = self.doc
        words = doc[start:end]
        lower = " ".join(t.lower_ for t in words)
        if lower in _DEMONSTRATIVES:
            return self._pronoun(position, "sg", "f" if lower.startswith(("celle", "cette")) else "m")
        mentions = [m for m in self.named.at(start, end) if m.kind in (PER, ORG, LOC)]
        free = [m for m in mentions if not self._complement(start, m)]
        people = [m for m in free if m.kind == PER]
        after = end + 1
        appositive = self.mention_of.get(after) if end < len(doc) and doc[end].text == "," else None
        if appositive is not None and appositive.kind == PER and appositive.start == after and not people:
            closing = appositive.end >= len(doc) or doc[appositive.end].text in {",", ".", ";", ")"} or doc[appositive.end].is_space
            if closing:
                return appositive.name  # « l'un des avocats de la famille, Jean Paillot »
        people = [m for m in people if _plausible_name(m.name) and self._known_person(m.name)]
        if len(people) >= 2 and any(t.lower_ == "et" for t in doc[people[0].end : people[1].start]):
            return _text(doc[people[0].start : people[-1].end])  # « Viviane et Pierre Lambert »
        if people:
            return self._person(people[0])
        named_last = self._name_at_end(start, end)
        if named_last:
            return named_last  # « le directeur des opérations de la Défense civile George Abou Moussa »
        head = self._head(start, end)
        first_free = free[0] if free else None
        if first_free is not None and (head is None or head.i >= first_free.start):
            return first_free.name if first_free.kind == ORG else None  # a place says nothing
        if head is None or not _names_a_speaker(head):
            return None
        if first_free is not None and first_free.kind == ORG and _names_a_body(head) and _is_bare(doc, start, head, first_free.start):
            return first_free.name  # « le quotidien arabophone Annahar »
        resolved = self._resolve(start, end, head)
        if resolved:
            return resolved
        described = _description(doc, start, end)
        gender = _gender_of(doc[start], head)
        if gender:
            self.gender.setdefault(described, gender)
        return described

    def _name_at_end(self, start: int, end: int) -> str | None:
        """A person's name closing a phrase though the model saw none: a known first
        name and one or more capitalised words, after a title (« le directeur X Y »)."""
        doc = self.doc
        i = end
        while i - 1 > start and doc[i - 1].is_alpha and doc[i - 1].text[:1].isupper() and (i - 1) not in self.mention_of:
            i -= 1
        words = [t.text for t in doc[i:end]]
        before = doc[i - 1]
        if (2 <= len(words) <= 4 and words[0] in lexicon.MALE_FIRST_NAMES | lexicon.FEMALE_FIRST_NAMES
                and before.text.islower() and before.lower_ not in _PREPOSITIONS | _DETERMINERS):
            return " ".join(words)
        return None

    def _person(self, m: Mention) -> str | None:
        """A person's name; a surname that two people of the article share (« M. Keïta »,
        « le camp Soundiata Keïta ») stays as written."""
        words = m.text.split()
        if len(words) == 1:
            sharing = {name for name in self.named.people if words[0] in name.split()}
            if len(sharing) > 1:
                return f"{m.honorific} {m.text}" if m.honorific else None
        return m.name

    def _known_person(self, name: str) -> bool:
        """A name of one word is a person only when a title, a naming word or a first
        name says so: « M. Aoun », « prénommé Ivory », « Mikael »; not « le pilote Ferrari »."""
        if " " in name or name in self.gender:
            return True
        for m in self.named.mentions:
            before = self.doc[m.start - 1] if m.start else None
            if m.name == name and (m.honorific or before is not None and (before.lower_ in lexicon.PERSON_NAMERS or before.text in lexicon.HONORIFICS)):
                return True
        return False

    def _complement(self, start: int, m: Mention) -> bool:
        """Whether a name in a noun phrase is a complement (« le maire de Chambéry »), not its head."""
        doc = self.doc
        i = m.start - 1
        while i >= start and (doc[i].lower_ in _DETERMINERS or doc[i].text in lexicon.HONORIFICS):
            i -= 1  # « l'avocat de Mme Schiappa »
        return i >= start and doc[i].lower_ in _LINKS | {"à", "au", "aux", "en", "chez", "pour", "par"}

    def _head(self, start: int, end: int) -> Token | None:
        """The noun a description is about: « l'un des avocats » → avocats."""
        doc = self.doc
        for token in doc[start:end]:
            lower = token.lower_
            if lower in _DETERMINERS or lower in _LINKS or lower in lexicon.HONORIFICS or lower in ("un", "une"):
                continue
            if lower in lexicon.PERSON_NOUNS:
                return token  # « PDG »
            if token.text[:1].isupper() and token.i not in self.mention_of and token.i > start:
                return None  # a name the article's names do not know: unsure
            if token.pos_ == "ADJ" and token.i + 1 < end and (doc[token.i + 1].pos_ in ("NOUN", "ADJ") or doc[token.i + 1].lower_ in lexicon.PERSON_NOUNS):
                continue  # « l'ancien PDG »
            return token
        return None

    def _resolve(self, start: int, end: int, head: Token) -> str | None:
        """A definite description that names one known person or organisation: « l'ancien PDG »."""
        doc = self.doc
        if doc[start].lower_ not in _DEFINITE or head.morph.get("Number") == ["Plur"]:
            return None
        rest = [t for t in doc[head.i + 1 : end]]
        bare = not rest or all(t.pos_ == "ADJ" for t in rest)
        noun = head.lower_
        if noun in lexicon.ORGANISATION_NOUNS:
            return self.descriptors.get(noun) if bare else None  # « l'association » → Alliance Vita
        described = " ".join(t.lower_ for t in doc[start + 1 : end])
        # Only the very role the article gave someone, and more than a noun: « le ministre »
        # alone could be any minister, « le procureur de la République de Lyon » is one.
        if len(described.split()) < 2 or bare:
            return None
        matches = [name for name, roles in self.roles.items() if described in roles]
        return matches[0] if len(set(matches)) == 1 else None

    def _pronoun(self, position: int, number: str, gender: str | None, depth: int = 2) -> str | None:
        """The one person (or earlier speaker) the nearest sentences before have as subject.

        Sentences are looked at nearest first, those wholly inside quotation
        marks skipped; the first that has any subject decides: one, it is
        them; two or more, nobody.
        """
        here = self.sentence_of.get(position, 0)
        looked = 0
        n = here
        while n >= 0 and looked <= LOOK_BACK_SENTENCES:
            sentence = self.sentences[n]
            outside = [t for t in sentence if t.i < position and t.i not in self.quoted and not t.is_space]
            n -= 1
            if not outside:
                continue
            looked += 1
            candidates = [speaker for i, speaker in self.said if self.sentence_of.get(i) == n + 1 and i < position]
            for m in self.named.mentions:
                if m.kind == PER and self.sentence_of.get(m.start) == n + 1 and m.start < position and m.start not in self.quoted:
                    if self._is_subject(m):
                        candidates.append(m.name)
            for t in outside:
                if t.i in self.mention_of:
                    continue
                subject = t.dep_.startswith("nsubj") or t.i and self.doc[t.i - 1].lower_ in lexicon.SOURCE_PREPOSITIONS
                if t.lower_ in ("il", "elle") and subject and depth and not _impersonal(t):
                    referent = self._pronoun(t.i, "sg", _PRONOUN_GENDER[t.lower_], depth - 1)
                    candidates.append(referent or "?")
                elif self._described_subject(t):
                    candidates.append(self._described(t) or "?")  # « ce combattant lui aurait parlé »
                elif self._described_subject(t, bodies=True):
                    # « Le ministère de la Justice, dirigé par X, a abondé »: someone, not a person;
                    # « il » may be it, « elle » not
                    candidates.append("?" + (_gender_of(self.doc[t.i - 1], t) or ""))
            candidates = ["?" if self._body(c) else c for c in candidates]  # « il », « elle » are people
            same_number = [c for c in dict.fromkeys(candidates) if c.startswith("?") or _number(c) == number]
            fitting = [c for c in same_number if gender is None or self._gender(c, gender) == gender]
            if len(fitting) == 1 and not fitting[0].startswith("?"):
                return fitting[0]
            if fitting:
                return None  # two it could be, or someone unknown
            # only people it cannot be (« elle » after « M. X a dit »): the one meant is further back
        return None

    def _described_subject(self, t: Token, bodies: bool = False) -> bool:
        """« le médecin a repris », « ce combattant lui aurait parlé »: one person, described, as
        subject (with ``bodies``: one organisation, « le ministère de la Justice a abondé »)."""
        doc = self.doc
        if not (t.text.islower() and t.i and doc[t.i - 1].lower_ in _DETERMINERS - {"les", "des", "ces", "ses", "leurs", "nos"}):
            return False
        if t.i >= 2 and doc[t.i - 2].lower_ in _RELATIVES:
            return False  # « M. Knepper, dont le syndicat est le premier »: a clause about someone else
        body = _names_a_body(t) or t.lower_ in _BODY_NOUNS
        if bodies != body or not bodies and not _names_a_speaker(t):
            return False
        if t.lower_.endswith(("s", "x")) and t.lower_ not in lexicon.PERSON_NOUNS | _BODY_NOUNS:
            return False
        if t.dep_.startswith("nsubj"):
            return True
        k = t.i + 1
        while k < len(doc) and (doc[k].pos_ in ("ADJ", "ADV") or doc[k].lower_ in ("ne", "n'", "lui", "leur", "se", "s'", "l'", "y", "en")):
            k += 1
        return k < len(doc) and doc[k].lower_ in _AUX_WORDS - {"s'", "se", "été"} | {"a", "est"} or self._verb_follows(t.i + 1)

    def _leads_to(self, k: int, verb: int) -> bool:
        """Whether only auxiliaries, adverbs and appositions stand between a subject ending before ``k`` and ``verb``."""
        doc = self.doc
        depth = 0
        for t in doc[k:verb]:
            if t.text == ",":
                depth = 1 - depth  # into an apposition, or out of it
            elif depth == 0 and not (t.lower_ in _AUX_AND_CLITICS or _adjunct_word(t) or t.pos_ == "AUX"):
                return False
            elif depth == 1 and (t.pos_ == "AUX" or t.morph.get("VerbForm") == ["Fin"] or t.text in _QUOTE_MARKS):
                return False
        return depth == 0

    def _verb_follows(self, k: int) -> bool:
        """Whether a finite verb follows a subject ending before ``k``, maybe after
        appositions between commas: « Valérie Decamp, la présidente de Médiatransports, a indiqué »."""
        doc = self.doc

        def verb_at(j: int) -> bool:
            while j < len(doc) and (doc[j].pos_ == "ADV" or doc[j].lower_ in _VERB_CLITICS):
                j += 1
            return j < len(doc) and (doc[j].pos_ == "AUX" or doc[j].morph.get("VerbForm") == ["Fin"])

        if verb_at(k):
            return True
        if not (k < len(doc) and doc[k].text == ","):
            return False
        if verb_at(k + 1) and k and doc[k - 1].i in self.mention_of and k - 2 >= 0 and doc[self.mention_of[k - 1].start - 1].text == ",":
            return True  # « Le premier adjoint, Emmanuel Grégoire, a tenu à répondre »: the name closes an apposition
        for j in range(k + 1, min(k + 40, len(doc))):
            token = doc[j]
            if token.text in {".", ";", ":", "?", "!"} or token.is_space:
                return False
            if token.text == ",":
                if verb_at(j + 1):
                    return True
            elif token.pos_ == "AUX" or token.morph.get("VerbForm") == ["Fin"]:
                return False  # a clause of its own, not an apposition
        return False

    def _described(self, noun: Token) -> str | None:
        """Who a described subject is: « ce combattant » is the person last named before it."""
        doc = self.doc
        a = noun.i
        while a - 1 >= 0 and (doc[a - 1].pos_ == "ADJ" or doc[a - 1].lower_ in _DETERMINERS):
            a -= 1
            if doc[a].lower_ in _DETERMINERS:
                break
        b = noun.i + 1
        while b < len(doc) and doc[b].pos_ == "ADJ":
            b += 1
        if b + 1 < len(doc) and doc[b].lower_ in lexicon.PERSON_NAMERS and self.mention_of.get(b + 1) is not None:
            named_as = self.mention_of[b + 1]
            return named_as.name if named_as.kind == PER else None  # « un trentenaire prénommé Ivory »
        if doc[a].lower_ in ("ce", "cet", "cette"):
            here = self.sentence_of.get(a, 0)
            named = [m for m in self.named.mentions if m.kind == PER and m.start < a and m.start not in self.quoted]
            if named and here - self.sentence_of.get(named[-1].start, 0) <= 1:
                return named[-1].name
            return None
        start, end = self._phrase(a, min(len(doc), noun.i + NP_MAX_TOKENS))
        return self._who(start, end, noun.i)

    def _is_subject(self, m: Mention) -> bool:
        """A name that is a subject: by the parse, or inverted after a verb of speech (« a indiqué X »)."""
        if any(t.dep_.startswith("nsubj") for t in self.doc[m.start : m.end]):
            return True
        if m.start and self.doc[m.start - 1].lower_ in _SOURCE_WORDS:
            return True  # « Mais pour Marie-Noëlle, sa mère, … », a-t-elle expliqué
        if m.start and self.doc[m.start - 1].lower_ in lexicon.PERSON_NAMERS:
            return True  # « un trentenaire prénommé Ivory … a découvert »
        after = self.doc[m.end : m.end + 2]
        if any(t.lower_ == "qui" for t in after) and all(t.lower_ in (",", "qui") for t in after[: [t.lower_ for t in after].index("qui") + 1]):
            return True  # « Monseigneur Chauvet, qui a apporté des précisions »
        if self._verb_follows(m.end):
            return True  # « François-Michel Lambert est pourtant loin »: the parse missed it
        for j in range(m.start - 1, max(m.start - 13, -1), -1):  # « a déclaré au quotidien régional le député-maire X »
            token = self.doc[j]
            if token.is_space or token.text in _CLAUSE_STOPS or token.text in {",", ":"}:
                return False
            if self._speech(token) and token.pos_ in ("VERB", "NOUN", "ADJ") and _reads_as_verb(token):
                return True
            if token.pos_ == "VERB" and token.morph.get("VerbForm") == ["Fin"]:
                return False
        return False

    def _speech(self, token: Token) -> bool:
        """A verb of speech, whatever the tagger made of it (« révèle » is often tagged a noun)."""
        if token.lemma_.lower() in lexicon.SPEECH_VERBS:
            return True
        word = token.lower_.split("-")[0]  # « écrivent-ils »
        return word.isalpha() and token.text[:1].islower() and bool(nlp.verb_lemmas(word) & lexicon.SPEECH_VERBS)


def _adjunct_word(token: Token) -> bool:
    """A word between an auxiliary and its verb: « a également déclaré », « a pour sa part indiqué »."""
    lower = token.lower_
    return token.pos_ == "ADV" or lower in _ADVERBS or lower in _TIME_WORDS or token.text[:1].isdigit() or lower in _ADJUNCT_PHRASE_WORDS


_ADJUNCT_PHRASE_WORDS = frozenset({"pour", "sa", "son", "leur", "part", "de", "côté", "par", "ailleurs", "quant", "à", "tour", "une", "nouvelle", "fois"})


def _text(span) -> str:
    return " ".join(span.text.split()).strip(" ,")


def _description(doc: Doc, start: int, end: int) -> str:
    """A described speaker as the article words it, its first letter as mid-sentence."""
    text = " ".join(re.sub(r"\s*\([^)]*\)", "", _text(doc[start:end])).split())  # « la sénatrice (PS) »
    if doc[start].lower_ in _DETERMINERS and text[:1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _names_a_speaker(head: Token) -> bool:
    """Whether a description's noun is for a person or a body that can speak."""
    words = {head.lower_, head.lemma_.lower()}
    return bool(words & (lexicon.PERSON_NOUNS | lexicon.ORGANISATION_NOUNS | lexicon.SPEAKER_NOUNS))


def _introduced(doc: Doc, named: Named) -> dict[str, str]:
    """Organisation nouns and the one organisation the article introduced with each:
    « l'association Alliance Vita » makes « l'association » Alliance Vita, unless
    another association is named so too."""
    seen: dict[str, set[str]] = {}
    for m in named.mentions:
        if m.kind != ORG:
            continue
        i = m.start - 1
        while i >= 0 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
            i -= 1
        if i >= 0 and doc[i].lower_ in lexicon.ORGANISATION_NOUNS:
            seen.setdefault(doc[i].lower_, set()).add(m.name)
        if m.end + 2 < len(doc) and doc[m.end].text == "," and doc[m.end + 2].lower_ in lexicon.ORGANISATION_NOUNS:
            after = doc[m.end + 3 : m.end + 14]
            closes = next((t for t in after if t.text in {",", ".", ";"} or t.pos_ == "AUX" or t.morph.get("VerbForm") == ["Fin"]), None)
            if closes is not None and closes.text == ",":  # « Foodwatch, l'association de défense…, »: an apposition
                seen.setdefault(doc[m.end + 2].lower_, set()).add(m.name)
    return {noun: next(iter(names)) for noun, names in seen.items() if len(names) == 1}


def _plausible_name(name: str) -> bool:
    """A person's name, not a stretch the model cut badly: « Pelosi.- Nommé »."""
    if any(word in lexicon.NOT_NAMES for word in name.split()):
        return False  # « le député La République en marche »
    return not re.search(r"\w{2}\.|[-–]\s|\s[-–]|[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]{0,2}\b", name)  # « Olivier VéranEn »


def _names_a_body(noun: Token) -> bool:
    return noun.lower_ in lexicon.ORGANISATION_NOUNS or noun.lemma_.lower() in lexicon.ORGANISATION_NOUNS


def _impersonal(token: Token) -> bool:
    """« Il s'agit », « il faut », « il y a »: a pronoun that stands for no one."""
    doc = token.doc
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    if after in ("s'", "faut", "y", "semble", "paraît", "suffit", "reste", "fallait", "faudra", "n'"):
        return True
    # « où il est écrit : », « il est précisé que »: a passive that names no one
    return after in ("est", "était", "sera") and token.i + 2 < len(doc) and doc[token.i + 2].morph.get("VerbForm") == ["Part"]


def _is_bare(doc: Doc, start: int, head: Token, name_start: int) -> bool:
    """« le quotidien arabophone Annahar »: only adjectives between the noun and the name."""
    return all(t.pos_ == "ADJ" or t.text.islower() and not t.is_punct and t.lower_ not in _LINKS for t in doc[head.i + 1 : name_start])


def _number(speaker: str) -> str:
    """« Viviane et Pierre Lambert », « les forces aériennes » are plural; a name or « un proche » singular."""
    words = speaker.lower().split()
    if " et " in f" {speaker.lower()} " or words and words[0] in ("les", "des", "ces", "nos", "deux", "trois", "plusieurs", "ses", "leurs", "certains"):
        return "pl"
    return "sg"


def _genders(named: Named) -> dict[str, str]:
    """A person's gender when a title or a first name says it: « M. Poutine », « Mme Buzyn », « Bruno Le Yaounac »."""
    out: dict[str, str] = {}
    for name in named.people:
        first = name.split()[0]
        if first in lexicon.MALE_FIRST_NAMES:
            out[name] = "m"
        elif first in lexicon.FEMALE_FIRST_NAMES:
            out[name] = "f"
    for m in named.mentions:
        if m.kind == PER and m.honorific:
            if m.honorific in ("M.", "MM.", "Monsieur"):
                out.setdefault(m.name, "m")
            elif m.honorific in ("Mme", "Mmes", "Mlle", "Madame", "Mademoiselle"):
                out.setdefault(m.name, "f")
    return out


def _gender_of(determiner: Token, head: Token) -> str | None:
    """« la ministre » is a woman whatever the tagger says of « ministre »."""
    lower = determiner.lower_
    if lower in ("la", "une", "cette", "sa"):
        return "f"
    if lower in ("le", "un", "ce", "cet"):
        return "m"
    gender = head.morph.get("Gender")
    return ("f" if gender == ["Fem"] else "m") if gender else None


def _reads_as_verb(token: Token) -> bool:
    """Not a noun after its determiner: « une note », « la réponse »."""
    doc = token.doc
    return not (token.i and doc[token.i - 1].lower_ in _DETERMINERS and token.pos_ != "VERB")


def _infinitive(token: Token) -> bool:
    """« ajouter » after « d' », whatever the tagger made of it."""
    if token.morph.get("VerbForm") == ["Inf"]:
        return True
    before = token.doc[token.i - 1].lower_ if token.i else ""
    return before in ("de", "d'", "pour") and token.lower_.endswith(("er", "ir", "re"))


def _passive(token: Token) -> bool:
    """« est accusé », « a été cité », « sont décrits »: a participle after a form of « être »."""
    if token.morph.get("VerbForm") != ["Part"] or token.lower_.endswith("ant"):
        return False
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].pos_ == "ADV" or _adjunct_word(doc[i])):
        i -= 1
    return i >= 0 and doc[i].lemma_ == "être" and doc[i].lower_ not in ("s'est", "se") and not (i and doc[i - 1].lower_ in ("s'", "se"))


def _participle_alone(token: Token) -> bool:
    """« ajoutant que », « interrogé sur Europe 1 »: a participle without an auxiliary, no finite verb of its own."""
    if token.morph.get("VerbForm") != ["Part"] or not token.lower_.endswith(_PARTICIPLE_ENDINGS):
        return False  # « regrette » tagged a participle is still a verb of its own
    if token.lower_.endswith("ant"):
        return True
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].pos_ == "ADV" or _adjunct_word(doc[i]) or doc[i].lower_ in ("-t", "t", "-il", "-elle", "-ils", "-elles")):
        i -= 1
    return not (i >= 0 and (doc[i].pos_ == "AUX" or doc[i].lower_ in _AUX_WORDS))


_PARTICIPLE_ENDINGS = ("ant", "é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "it", "ite", "its", "ites", "ert", "erte", "ise", "int", "inte")
_VERB_CLITICS = frozenset({"ne", "n'", "lui", "leur", "se", "s'", "l'", "y", "en", "nous", "vous", "me", "m'"})
_AUX_WORDS = frozenset({"a", "ai", "as", "avait", "aurait", "ont", "avaient", "auraient", "aura", "est", "était", "sont", "étaient", "sera", "été", "s'", "se"})


def _opens_clause(doc: Doc, start: int, link: int) -> bool:
    """« Et l'hebdomadaire d'ajouter », « Et de préciser »: « de » + infinitive after the clause's subject."""
    words = [t for t in doc[start:link] if not t.is_space]
    if not words:
        return True
    if words[0].lower_ not in _LEADING_CONJUNCTIONS:
        return False
    return all(t.pos_ in ("DET", "NOUN", "PROPN", "ADJ") or t.lower_ in _LINKS for t in words[1:])


