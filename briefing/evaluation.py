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

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.entities import normalise
from briefing.models import Article
from briefing.sources import clean_text

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
