"""The extractive summary: the sentences, some shortened, that best sum an article up.

Each word and each pair of adjacent words of the article gets the count it is
expected to have in a short abstract of the article (``salience``: how often
and how early it occurs, whether the title has it…). A choice of sentences is
worth what ROUGE-1 and ROUGE-2 F1 against such an abstract would give it: the
expected words and pairs it holds (a word said twice counts once if it is
expected once) against its length. The choice is made greedily, then improved
by swapping one sentence at a time. A sentence may be taken in a shorter version
(``shorten``: an aside in brackets, an opening « Par ailleurs », a closing
« …, dont… » clause left out) when what it leaves out is worth less than its length.

Rules keep it speakable and keep words in the right mouths: a sentence that is
mostly quoted speech (« J'ai formé une laborantine… ») is not picked, nor a piece
of a quotation the sentence splitter cut (a quotation mark it opens or closes
without the other), nor someone's words written without quotation marks (« Je
les démens… »); a sentence that leans on the one before it (« Cette
déclaration… », « Ils se montaient à… ») is picked only with that one (or, in an
article with too few sentences that stand alone, at least not first). The
chosen sentences are given in article order.

The model's weights and the two constants of the choice (the abstract's length
in words, the weight of pairs against words) were fitted on the first half of
the development set by bench/summary_fit.py; bench/summary.py measures the
summary on both halves.

``rank`` (a lead-biased TextRank) picks the sentence a headline is made from
when an article has no title and its lead leans on a lost sentence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from briefing.facts import salience

from briefing.facts import shorten
from briefing.facts.salience import STOPWORDS

DAMPING = 0.85
POSITION_POWER = 0.5
TITLE_WEIGHT = 2.0
MAX_QUOTED_SHARE = 0.5
SHORTLIST = 12  # candidates weighed together, at the least

# A sentence opening on these, maybe after a connector, leans on an earlier one:
# a demonstrative (« Cette déclaration… », « C'est le chiffre le plus bas »), a
# pronoun (« Ils se montaient à… », « Néanmoins il… »), a possessive (« Son
# parcours… »); and so does one naming « ce dernier » anywhere. « Ce sont… »,
# « Ce qui… », « Ce jeudi… », « Il y a… », « Il faut… » do not.
_CONNECTOR = r"(?:(?:mais|or|néanmoins|pourtant|cependant|toutefois|donc|ainsi|alors|puis|enfin|et|aussi|en revanche|par ailleurs|de plus|en outre)\s*,?\s+)?"
ANAPHORIC = re.compile(
    rf"^{_CONNECTOR}(?:"
    r"(?:cet|cette|ces|c'est|c'était|elle|elles|ils|son|sa|ses|leur|leurs|celui-ci|celle-ci|ceux-ci|celles-ci)\b"
    r"|ce\s+(?!(?:sont|qui|que|n'|ne|fut|serait|sera|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|matin|soir|midi|week-end|mois|jour|printemps|été|automne|hiver)\b)(?!qu')"
    r"|il\s+(?!(?:y\s+a|y\s+avait|y\s+aura|faut|fallait|faudra|faudrait|s'agit|s'agissait|reste|restait|semble"
    r"|paraît|suffit|suffisait|existe|était\s+une\s+fois)\b)(?!est\s+\w+\s+(?:de|d'|que|qu')\b)"
    r")|.*\b(?:ce|cette|ces)\s+derni(?:er|ère|ers|ères)\b",
    re.IGNORECASE,
)
# Someone's words without quotation marks (« Je les démens… »): a newsreader
# saying them would say them as their own.
FIRST_PERSON = re.compile(r"\b(?:je|j'|me|m'|moi|nous|notre|nos|mon|ma|mes)(?!\w)", re.IGNORECASE)
_QUOTATION = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
WORD = re.compile(r"[a-zà-ÿœæ]+(?:['’-][a-zà-ÿœæ]+)*", re.IGNORECASE)
_OPEN, _CLOSE = "«“", "»”"


def summarise(
    sentences: list[str], count: int, title: str | None = None, fitted: salience.Model | None = None
) -> tuple[str, ...]:
    """The ``count`` sentences that best sum the article up, in article order;
    each is a sentence of the article or a shorter version of one (``shorten``).
    ``fitted``: the model, ``salience.model()`` unless fitting one."""
    if not sentences:
        return ()
    if fitted is None:  # several lengths of one article's summary weigh the same sentences
        spoken, versions, worth, solo = _weighed(tuple(sentences), title)
    else:
        spoken, versions, worth, solo = _weigh(tuple(sentences), title, fitted)
    count = min(max(1, count), len(spoken))
    shortlist = set()
    for version in solo:
        if len(shortlist) >= max(SHORTLIST, 4 * count):
            break
        shortlist.add(version.index)
    # A sentence that leans on the one before it comes with it: that one is a candidate too.
    leaning = {i for i in spoken if ANAPHORIC.match(sentences[i])}
    shortlist |= {i - 1 for i in leaning & shortlist if i - 1 in versions}
    candidates = [v for i in sorted(shortlist) for v in versions[i]]
    chosen = (
        _choose(candidates, count, worth, _each_with_the_one_before(leaning))
        or _choose(candidates, count, worth, _not_first(leaning))
        or _choose(candidates, count, worth, lambda indices: True)
    )
    return tuple(v.text for v in sorted(chosen, key=lambda v: v.index))


@functools.lru_cache(maxsize=16)
def _weighed(sentences: tuple[str, ...], title: str | None) -> tuple:
    return _weigh(sentences, title, salience.model())


def _weigh(sentences: tuple[str, ...], title: str | None, fitted: salience.Model) -> tuple:
    """What a summary of any length weighs: the sentences it may say, each one's
    versions, what a choice of them is worth, and every version by its worth alone."""
    word_values, pair_values = salience.values(salience.Article.of(sentences, title), fitted)
    spoken = [i for i, s in enumerate(sentences) if speakable(s)] or list(range(len(sentences)))
    versions = {i: [_Version(i, v) for v in shorten.versions(sentences[i])] for i in spoken}
    every = [v for vs in versions.values() for v in vs]
    worth = _Worth(every, word_values, pair_values, fitted.settings["abstract_words"], fitted.settings["pair_weight"])
    solo = sorted(every, key=lambda v: -worth([v]))
    return spoken, versions, worth, solo


def _each_with_the_one_before(leaning: set[int]) -> Callable[[set[int]], bool]:
    return lambda indices: all(i - 1 in indices for i in indices & leaning)


def _not_first(leaning: set[int]) -> Callable[[set[int]], bool]:
    """When too few sentences stand with the rule above: at least the summary does not open on one that leans."""
    return lambda indices: min(indices) not in leaning or min(indices) - 1 in indices


@dataclass(frozen=True)
class _Version:
    index: int  # of the sentence it comes from
    text: str

    @functools.cached_property
    def words(self) -> Counter:
        return Counter(salience.tokens(self.text))

    @functools.cached_property
    def pairs(self) -> Counter:
        return Counter(salience.pairs(salience.tokens(self.text)))


class _Worth:
    """What a choice of sentences is expected to score against the abstract.

    Each version's words and pairs are numbered once, with their counts, so a
    choice is worth a few array sums over the article's words (no merged
    Counters); each version keeps only its own, so memory grows with the text.
    """

    def __init__(self, versions: list[_Version], word_values: dict[str, float],
                 pair_values: dict[tuple[str, str], float], abstract_words: float, pair_weight: float) -> None:
        self.abstract_words, self.pair_weight = abstract_words, pair_weight
        self._words, self._word_values = self._counts(versions, "words", word_values)
        self._pairs, self._pair_values = self._counts(versions, "pairs", pair_values)

    @staticmethod
    def _counts(versions: list[_Version], kind: str, values: dict) -> tuple[dict, np.ndarray]:
        numbers: dict = {}
        counts = {}
        for version in versions:
            found = getattr(version, kind)
            counts[version] = (np.array([numbers.setdefault(key, len(numbers)) for key in found], dtype=np.intp),
                               np.array(list(found.values()), dtype=float))
        return counts, np.array([values.get(key, 0.0) for key in numbers])

    @staticmethod
    def _found(counts: dict, values: np.ndarray, chosen: list[_Version]) -> tuple[float, float]:
        """The expected items the choice holds (each at most as often as expected), and how many it holds."""
        total = np.zeros(len(values))
        for version in chosen:
            numbers, n = counts[version]
            total[numbers] += n  # a version numbers each of its items once
        return np.minimum(total, values).sum(), total.sum()

    def __call__(self, chosen: list[_Version]) -> float:
        found_words, length = self._found(self._words, self._word_values, chosen)
        found_pairs, pair_count = self._found(self._pairs, self._pair_values, chosen)
        return float(2 * found_words / (length + self.abstract_words) + self.pair_weight * 2 * found_pairs / (
            pair_count + self.abstract_words - 1
        ))


def _choose(
    candidates: list[_Version], count: int, worth: _Worth, rule: Callable[[set[int]], bool]
) -> list[_Version] | None:
    """``count`` versions of as many sentences, greedily, then improved by swaps,
    the chosen sentences' indices always passing ``rule``; None when too few do."""

    def allowed(chosen: list[_Version]) -> bool:
        indices = {v.index for v in chosen}
        return len(indices) == len(chosen) and rule(indices)

    chosen: list[_Version] = []
    while len(chosen) < count:  # so a leaning sentence comes only after the one it leans on
        options = [v for v in candidates if allowed(chosen + [v])]
        if not options:
            return None
        chosen.append(max(options, key=lambda v: worth(chosen + [v])))
    best = worth(chosen)
    improved = True
    while improved:
        improved = False
        for slot in range(count):
            for version in candidates:
                trial = chosen[:slot] + [version] + chosen[slot + 1 :]
                if allowed(trial) and (value := worth(trial)) > best + 1e-12:
                    chosen, best, improved = trial, value, True
    return chosen


def speakable(sentence: str) -> bool:
    """Whether a newsreader can say ``sentence`` in a summary: not mostly quoted
    speech, not a piece of a quotation, not someone's words without quotation marks."""
    return (
        quoted_share(sentence) <= MAX_QUOTED_SHARE
        and shorten.balanced(sentence)
        and not FIRST_PERSON.search(_QUOTATION.sub(" ", sentence))
    )


def best_standalone(sentences: list[str], title: str | None = None) -> str:
    """The lead if it stands alone, else the best-ranked sentence that does."""
    if not ANAPHORIC.match(sentences[0]):
        return sentences[0]
    scores = rank(sentences, title)
    standalone = [i for i, s in enumerate(sentences) if not ANAPHORIC.match(s)] or [0]
    return sentences[max(standalone, key=lambda i: (scores[i], -i))]


def content_words(sentence: str) -> set[str]:
    return {w.lower() for w in WORD.findall(sentence) if len(w) > 2 and w.lower() not in STOPWORDS}


def quoted_share(sentence: str) -> float:
    """The share of a sentence's letters that are inside quotation marks."""
    inside = total = 0
    quoted = False
    for char in sentence:
        if char in _OPEN or char == '"' and not quoted:
            quoted = True
        elif char in _CLOSE or char == '"':
            quoted = False
        elif char.isalpha():
            total += 1
            inside += quoted
    return inside / total if total else 0.0


def rank(sentences: list[str], title: str | None = None) -> list[float]:
    """Lead-biased TextRank scores, one per sentence."""
    return list(_rank(tuple(sentences), title))


@functools.lru_cache(maxsize=8)  # the summary and the headline rank the same sentences
def _rank(sentences: tuple[str, ...], title: str | None) -> tuple[float, ...]:
    n = len(sentences)
    words = [content_words(s) for s in sentences]
    weights = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            weights[i, j] = weights[j, i] = _cosine(words[i], words[j])
    out_sum = weights.sum(axis=1)
    title_words = content_words(title or "")
    prior = np.array([(1 + TITLE_WEIGHT * _cosine(words[i], title_words)) / (1 + i) ** POSITION_POWER for i in range(n)])
    prior /= prior.sum()
    # Each sentence passes its score on along its similarities, in proportion.
    passes = np.divide(weights, out_sum[:, None], out=np.zeros_like(weights), where=out_sum[:, None] > 0)
    scores = prior.copy()
    for _ in range(50):
        scores = (1 - DAMPING) * prior + DAMPING * (passes.T @ scores)
    return tuple(float(score) for score in scores * prior)


def _cosine(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    return shared / math.sqrt(len(a) * len(b)) if shared else 0.0
