r"""Measuring extracted facts against references: names found, and summaries.

Used by the tests and by ``bench/facts.py``; not by the briefing itself.

- Names: a found entity matches an expected one when any of its names (canonical
  or alias) equals any of the expected names, compared by ``entities.normalise``
  (case, accents and a leading article ignored). Each expected entity is matched
  at most once; a second found entity for it counts as a false positive.
- ROUGE-N F1: lower-cased ``\w+`` tokens (letters, digits and the rare
  underscore; apostrophes split « l'hôpital » into « l » and « hôpital »), no
  stemming, no stop-word removal; n-gram counts clipped as in ROUGE-1.5.5.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.facts.entities import normalise
from briefing.models import Article
from briefing.sources.articles import clean_text

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    true_positives: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives, self.found + other.found, self.expected + other.expected
        )


def match_names(found: Iterable[Sequence[str]], expected: Iterable[Sequence[str]]) -> tuple[Score, list[str], list[str]]:
    """Score found entities (each a list of its names) against expected ones.

    Returns the score, the found entities matching nothing, and the expected ones not found.
    """
    expected = [list(names) for names in expected]
    unmatched = list(range(len(expected)))
    keys = [{normalise(n) for n in names} for names in expected]
    extra, hits = [], 0
    found = [list(names) for names in found]
    for names in found:
        mine = {normalise(n) for n in names}
        hit = next((i for i in unmatched if keys[i] & mine), None)
        if hit is None:
            extra.append(names[0])
        else:
            unmatched.remove(hit)
            hits += 1
    return Score(hits, len(found), len(expected)), extra, [expected[i][0] for i in unmatched]


def split_names(entry: str) -> list[str]:
    """« Vladimir Poutine | M. Poutine » → its names."""
    return [name.strip() for name in entry.split("|")]


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def rouge_n(candidate: str, reference: str, n: int) -> float:
    """ROUGE-N F1 of ``candidate`` against ``reference``."""
    cand, ref = _ngrams(tokens(candidate), n), _ngrams(tokens(reference), n)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def _ngrams(words: list[str], n: int) -> Counter:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@dataclass(frozen=True)
class EvalArticle:
    name: str
    article: Article
    heading: str | None  # the professional abstract, for OrangeSum articles


def load(path: Path, published: dt.date | None = None) -> EvalArticle:
    """An OrangeSum JSON article, or a plain-text one (no title, the given date)."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        article = Article(
            source=str(path),
            text=clean_text(data["article"]),
            title=data["title"],
            published=dt.date.fromisoformat(data["date"]),
        )
        return EvalArticle(path.stem, article, data["heading"])
    article = Article(source=str(path), text=clean_text(path.read_text(encoding="utf-8")), published=published)
    return EvalArticle(path.stem, article, None)


def load_dev(path: Path) -> list[EvalArticle]:
    """The OrangeSum development set: one JSON article a line (``id``, ``title``, ``date``, ``heading``, ``article``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            article = Article(
                source=f"orangesum-{data['id']}",
                text=clean_text(data["article"]),
                title=data["title"],
                published=dt.date.fromisoformat(data["date"]),
            )
            out.append(EvalArticle(data["id"], article, data["heading"]))
    return out


# --- Quotes: who said them, against speakers labelled by reading -------------------
#
# A labelled quote is how the quotation starts and its speaker as the article
# gives it (other names of the same speaker after « | », "" when the article
# does not say). A found quote is the labelled one whose start it begins with
# (or holds, when the tool took in words before it). Precision is over every
# found quote given a speaker: right when a label of its quote names the same
# speaker, wrong otherwise (a quote the labels do not hold, or one they say
# nobody is named for, counts wrong). Recall is over labelled quotes with a
# speaker: the share found with the right one. A label "?" (a careful reader
# cannot tell who) counts in neither.

UNSURE = "?"
_DETERMINER = re.compile(r"^(?:un|une|des|du|son|sa|ses|leur|l'un|l'une)\s+(?:de\s+(?:la\s+|l')?|des\s+|d')?")
_MARKS = str.maketrans({"’": "'", "«": " ", "»": " ", "“": " ", "”": " ", '"': " "})


def _quote_key(text: str) -> str:
    return " ".join(text.translate(_MARKS).split()).casefold()


def speaker_key(name: str) -> str:
    """A speaker compared without case, accents, commas or a leading article: « Un proche » = « proche »."""
    return _DETERMINER.sub("", normalise(name.replace(",", " ")))


def same_speaker(found: str, labelled: str) -> bool:
    """Whether ``found`` names one of the speakers of ``labelled`` (« A | B »).

    The same name or description; a surname alone for the full name
    (« Griffiths », « Martin Griffiths »); a description of two words or more
    that a label starts with, or starts a label (« le ministère de l'Économie »).
    """
    mine = speaker_key(found)
    for name in split_names(labelled):
        theirs = speaker_key(name)
        if not name or not mine:
            continue
        if mine == theirs:
            return True
        if " " not in mine and name[:1].isupper() and theirs.split()[-1] == mine:
            return True
        shorter, longer = sorted((mine, theirs), key=len)
        described = found[:1].islower() or name[:1].islower()  # « l'écolier » and « l'écolier en classe de CP »
        if (len(shorter.split()) >= 2 or described) and longer.startswith(shorter + " "):
            return True
    return False


@dataclass(frozen=True)
class QuoteCheck:
    """One found quote given a speaker, and whether the labels agree."""

    text: str
    speaker: str
    labelled: str | None  # the label's speaker; None when the labels hold no such quote
    right: bool


@dataclass(frozen=True)
class QuoteScore:
    right: int  # found quotes given the right speaker
    attributed: int  # found quotes given a speaker
    found_right: int  # labelled quotes with a speaker, found with the right one
    labelled: int  # labelled quotes with a speaker

    @property
    def precision(self) -> float:
        return self.right / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return self.found_right / self.labelled if self.labelled else 1.0

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return QuoteScore(*(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other))))


def with_aliases(label: str, people: Sequence[str]) -> str:
    """A label's speaker with the other names the article gives them (``people``: « A | B » each)."""
    names = split_names(label)
    keys = {speaker_key(n) for n in names if n}
    for group in people:
        members = split_names(group)
        if keys & {speaker_key(m) for m in members}:
            names += [m for m in members if m not in names]
    return " | ".join(names)


def score_quotes(
    found: Sequence, labelled: Sequence[dict], people: Sequence[str] = ()
) -> tuple[QuoteScore, list[QuoteCheck], list[dict]]:
    """Score one article's found quotes (``Quote``) against its labelled ones;
    ``people`` lists the names and descriptions the article uses for one speaker.

    Returns the score, a check of every found quote given a speaker, and the
    labelled quotes with a speaker that were not found with it.
    """
    keys = [_quote_key(q["starts"]) for q in labelled]
    used: set[int] = set()
    right_labels: set[int] = set()
    checks = []
    for quote in found:
        text = _quote_key(quote.text)
        matches = [i for i, k in enumerate(keys) if text.startswith(k)] or [i for i, k in enumerate(keys) if k in text]
        hit = next((i for i in matches if i not in used), matches[0] if matches else None)
        if hit is not None:
            used.add(hit)
        if not quote.speaker or hit is not None and labelled[hit]["speaker"] == UNSURE:
            continue
        label = with_aliases(labelled[hit]["speaker"], people) if hit is not None else None
        right = bool(label) and same_speaker(quote.speaker, label)
        if right:
            right_labels.add(hit)
        checks.append(QuoteCheck(quote.text, quote.speaker, label, right))
    with_speaker = [i for i, q in enumerate(labelled) if q["speaker"] and q["speaker"] != UNSURE]
    missed = [labelled[i] for i in with_speaker if i not in right_labels]
    score = QuoteScore(sum(c.right for c in checks), len(checks), len(right_labels), len(with_speaker))
    return score, checks, missed


# --- Figures: said in a sentence that says what they count ---------------------------
#
# A labelled figure is its number as written, what it counts, and the clause of
# the article a sentence must hold for a listener to know what it counts ("" when
# its sentence does not say it alone). A found figure given a sentence (one the
# script may say) is the labelled one with the same number; its sentence states
# what the figure counts when it holds that clause. A found figure the labels do
# not hold counts as not stating it.


@dataclass(frozen=True)
class FigureCheck:
    figure: str
    sentence: str
    clause: str | None  # the label's clause; None when the labels hold no such figure
    stated: bool


def figure_number(text: str, counts: str) -> str:
    """« 800 » of the figure « 800 kilomètres carrés »."""
    return text[: len(text) - len(counts)].strip() if counts and text.endswith(counts) else text.split()[0]


def check_figures(found: Sequence, labelled: Sequence[dict]) -> list[FigureCheck]:
    """A check of every found figure (``Figure``) that has a sentence."""
    used: set[int] = set()
    checks = []
    for figure in found:
        number = figure_number(figure.text, figure.counts)
        matches = [i for i, f in enumerate(labelled) if f["number"] == number]
        hit = next((i for i in matches if i not in used), matches[0] if matches else None)
        if hit is not None:
            used.add(hit)
        if not figure.sentence:
            continue
        clause = labelled[hit]["clause"] if hit is not None else None
        stated = bool(clause) and " ".join(clause.split()) in " ".join(figure.sentence.split())
        checks.append(FigureCheck(figure.text, figure.sentence, clause, stated))
    return checks


def figure_said(found: Sequence, sentence: str | None, labelled: Sequence[dict]) -> FigureCheck | None:
    """The check of the figure a story says, in ``sentence``: the first of the
    article's figures said in that sentence; None when the story says none."""
    if not sentence:
        return None
    return next((c for c in check_figures(found, labelled) if c.sentence == sentence), None)
