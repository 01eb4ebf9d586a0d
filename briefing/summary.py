"""The extractive summary: sentences ranked by a lead-biased TextRank.

PageRank over sentence similarity (cosine of their content words). The random
jump favours early sentences (news puts the essential first, weight 1/√(1+i)) and
sentences close to the title when there is one; the final score is the
PageRank score times that same prior. The best sentences are returned in
article order. Two rules keep it speakable: a sentence that is mostly quoted
speech (« J'ai formé une laborantine… ») is not picked, and a summary never opens
on a sentence whose demonstrative leans on one left out (« Cette déclaration… »).

The few constants here were chosen on the twelve OrangeSum articles of
tests/data/eval, measured by ROUGE against their authors' abstracts (bench/facts.py).
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np

DAMPING = 0.85
POSITION_POWER = 0.5
TITLE_WEIGHT = 2.0
MAX_QUOTED_SHARE = 0.5

STOPWORDS = frozenset(
    """
    a à au aux avec ce ces cet cette comme dans de des du elle elles en et été être
    eu il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous
    on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
    votre vous y est sont ont avait était sera fait faire plus très aussi après avant
    selon entre sans sous depuis lors tout tous toute toutes dont cela ceci ainsi donc
    """.split()
)
# A sentence opening on these leans on an earlier one (« Cette déclaration… »);
# « Ce sont… », « Ce qui… » do not.
ANAPHORIC = re.compile(r"^(?:cet|cette|ces)\b|^ce\s+(?!(?:sont|qui|que|n'|ne|fut|serait|sera)\b)(?!qu')", re.IGNORECASE)
WORD = re.compile(r"[a-zà-ÿœæ]+(?:['’-][a-zà-ÿœæ]+)*", re.IGNORECASE)
_OPEN, _CLOSE = "«“", "»”"


def summarise(sentences: list[str], count: int, title: str | None = None) -> tuple[str, ...]:
    """The ``count`` best sentences, in article order."""
    scores = rank(sentences, title)
    candidates = [i for i, s in enumerate(sentences) if quoted_share(s) <= MAX_QUOTED_SHARE]
    ranked = sorted(candidates or range(len(sentences)), key=lambda i: (-scores[i], i))
    best = sorted(ranked[: max(1, count)])
    spare = [i for i in ranked if i not in best and not ANAPHORIC.match(sentences[i])]
    while spare and ANAPHORIC.match(sentences[best[0]]):
        best = sorted(best[1:] + [spare.pop(0)])
    return tuple(sentences[i] for i in best)


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
