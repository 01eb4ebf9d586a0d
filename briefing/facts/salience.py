"""How many times each word, and each pair of adjacent words, of an article is
expected in a short abstract of it.

Two linear models over what a word is in its article: how often and how early
it occurs, in how many sentences, whether the title has it, whether it is
written with a capital inside sentences, a figure, a function word; and, for
the words common in news, how often such a word made it into the abstracts
seen when fitting (« a », « selon », « mardi »…). A word pair is scored from
the same kind of facts and from its two words' values.

The weights are data (``salience.json``), fitted by ``bench/summary_fit.py`` on
the first half of the development set (OrangeSum articles and their authors'
abstracts); nothing is learnt or downloaded at run time.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("salience.json")

STOPWORDS = frozenset(
    """
    a à au aux avec ce ces cet cette comme dans de des du elle elles en et été être
    eu il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous
    on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
    votre vous y est sont ont avait était sera fait faire plus très aussi après avant
    selon entre sans sous depuis lors tout tous toute toutes dont cela ceci ainsi donc
    """.split()
)
# What is left of an elided word once the apostrophe splits it: l'hôpital → l, hôpital.
_ELIDED = frozenset("l d s n qu c j m t".split())
_TOKEN = re.compile(r"\w+")

WORD_FEATURES = (
    "bias", "function word", "log occurrences", "log occurrences, content word", "in title",
    "in title, content word", "first in sentence 1", "first in sentence 2", "first in sentence 3",
    "1 / (1 + first sentence)", "share of sentences", "share written with a capital", "figure",
    "length (letters / 12)", "lexicon log-odds", "in lexicon",
)
PAIR_FEATURES = (
    "bias", "two function words", "one function word", "log occurrences", "in title", "words in title",
    "first in sentence 1", "first in sentence 2", "1 / (1 + first sentence)", "log occurrences of its words",
    "figure", "value of word 1", "value of word 2", "product of values", "least value",
)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens: letters and digits, « l'hôpital » → l, hôpital."""
    return _TOKEN.findall(text.lower())


def is_function(word: str) -> bool:
    return word in STOPWORDS or word in _ELIDED


@dataclass(frozen=True)
class Model:
    words: np.ndarray  # one weight per WORD_FEATURES
    pairs: np.ndarray  # one weight per PAIR_FEATURES
    lexicon: dict[str, float]  # a common word's log-odds of being in the abstract, less the prior
    settings: dict[str, float]  # the selection's constants (see summary.py)

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            words=np.array([data["words"][name] for name in WORD_FEATURES]),
            pairs=np.array([data["pairs"][name] for name in PAIR_FEATURES]),
            lexicon=data["lexicon"],
            settings=data["settings"],
        )


@functools.cache
def model() -> Model:
    return Model.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Article:
    """An article's sentences as tokens, with what the models need to know of them."""

    sentences: tuple[tuple[str, ...], ...]
    title: frozenset[str]
    title_pairs: frozenset[tuple[str, str]]
    capitalised: Counter  # occurrences of a word written with a capital inside a sentence

    @classmethod
    def of(cls, sentences: Sequence[str], title: str | None) -> Article:
        title_tokens = tokens(title or "")
        capitalised = Counter(
            word.lower() for s in sentences for i, word in enumerate(_TOKEN.findall(s)) if i and word[0].isupper()
        )
        return cls(
            sentences=tuple(tuple(tokens(s)) for s in sentences),
            title=frozenset(title_tokens),
            title_pairs=frozenset(pairs(title_tokens)),
            capitalised=capitalised,
        )


def pairs(words: Sequence[str]) -> list[tuple[str, str]]:
    return list(zip(words, words[1:]))


def word_features(article: Article, lexicon: dict[str, float]) -> tuple[list[str], np.ndarray]:
    """The article's words and a row of WORD_FEATURES for each."""
    occurrences, first, spread = Counter(), {}, Counter()
    for i, sentence in enumerate(article.sentences):
        occurrences.update(sentence)
        spread.update(set(sentence))
        for word in sentence:
            first.setdefault(word, i)
    n = max(1, len(article.sentences))
    words = list(occurrences)
    rows = []
    for word in words:
        function = is_function(word)
        known = word in lexicon
        log_count = math.log1p(occurrences[word])
        rows.append((
            1.0, function, log_count, (not function) * log_count, word in article.title,
            (not function) and word in article.title, first[word] == 0, first[word] == 1, first[word] == 2,
            1 / (1 + first[word]), spread[word] / n, article.capitalised[word] / occurrences[word],
            word.isdigit(), min(len(word), 12) / 12, lexicon.get(word, 0.0), known,
        ))
    return words, np.array(rows, dtype=float).reshape(len(words), len(WORD_FEATURES))


def pair_features(article: Article, word_values: dict[str, float]) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The article's word pairs and a row of PAIR_FEATURES for each."""
    occurrences, first, word_count = Counter(), {}, Counter()
    for i, sentence in enumerate(article.sentences):
        word_count.update(sentence)
        for pair in pairs(sentence):
            occurrences[pair] += 1
            first.setdefault(pair, i)
    found = list(occurrences)
    rows = []
    for a, b in found:
        fa, fb = is_function(a), is_function(b)
        va, vb = min(word_values.get(a, 0.0), 1.0), min(word_values.get(b, 0.0), 1.0)
        rows.append((
            1.0, fa and fb, fa != fb, math.log1p(occurrences[a, b]), (a, b) in article.title_pairs,
            (a in article.title) + (b in article.title), first[a, b] == 0, first[a, b] == 1, 1 / (1 + first[a, b]),
            math.log1p(word_count[a]) + math.log1p(word_count[b]), a.isdigit() or b.isdigit(),
            va, vb, va * vb, min(va, vb),
        ))
    return found, np.array(rows, dtype=float).reshape(len(found), len(PAIR_FEATURES))


def values(article: Article, fitted: Model | None = None) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Each word's and each pair's expected count in the abstract (never below zero)."""
    fitted = fitted or model()
    words, rows = word_features(article, fitted.lexicon)
    word_values = dict(zip(words, np.clip(rows @ fitted.words, 0.0, None).tolist()))
    found, rows = pair_features(article, word_values)
    pair_values = dict(zip(found, np.clip(rows @ fitted.pairs, 0.0, None).tolist()))
    return word_values, pair_values
