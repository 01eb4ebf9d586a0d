"""The extractive summary: sentences ranked by a lead-biased TextRank.

PageRank over sentence similarity (shared content words, normalised by length),
with the random jump favouring early sentences, as news puts the essential first.
The best sentences are returned in article order; a summary never opens on a
sentence that leans on one left out (« Cette déclaration… »).
"""

from __future__ import annotations

import math
import re

STOPWORDS = frozenset(
    """
    a à au aux avec ce ces cet cette comme dans de des du elle elles en et été être
    eu il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous
    on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
    votre vous y est sont ont avait était sera fait faire plus très aussi après avant
    selon entre sans sous depuis lors tout tous toute toutes dont cela ceci ainsi donc
    """.split()
)
# A sentence opening on these leans on an earlier one (« Cette déclaration… »).
ANAPHORIC = re.compile(
    r"^(ce|cet|cette|ces|il|elle|ils|elles|son|sa|ses|leur|leurs|celui|celle|ceux|cela|ça)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-zà-ÿœæ]+(?:['’-][a-zà-ÿœæ]+)*", re.IGNORECASE)


def summarise(sentences: list[str], count: int) -> tuple[str, ...]:
    """The ``count`` best sentences, in article order."""
    ranks = rank(sentences)
    ranked = sorted(range(len(sentences)), key=lambda i: (-ranks[i], i))
    standalone = [i for i in ranked if not ANAPHORIC.match(sentences[i])] or ranked
    best = sorted(ranked[: max(1, count)])
    spare = [i for i in standalone if i not in best]
    while spare and ANAPHORIC.match(sentences[best[0]]):
        best = sorted(best[1:] + [spare.pop(0)])
    return tuple(sentences[i] for i in best)


def first_standalone(sentences: list[str]) -> str:
    """The first sentence that does not lean on an earlier one."""
    return next((s for s in sentences if not ANAPHORIC.match(s)), sentences[0])


def content_words(sentence: str) -> set[str]:
    return {w.lower() for w in WORD.findall(sentence) if len(w) > 2 and w.lower() not in STOPWORDS}


def rank(sentences: list[str], damping: float = 0.85, iterations: int = 50) -> list[float]:
    """Lead-biased TextRank scores, one per sentence."""
    n = len(sentences)
    words = [content_words(s) for s in sentences]
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            overlap = len(words[i] & words[j])
            if overlap:
                norm = math.log(len(words[i]) + 1) + math.log(len(words[j]) + 1)
                weights[i][j] = weights[j][i] = overlap / norm
    out_sum = [sum(row) for row in weights]
    # The random jump lands on early sentences more often.
    bias = [(0.3 if ANAPHORIC.match(s) else 1.0) / (1 + i) for i, s in enumerate(sentences)]
    total = sum(bias)
    bias = [b / total for b in bias]
    scores = bias[:]
    for _ in range(iterations):
        scores = [
            (1 - damping) * bias[i]
            + damping * sum(weights[j][i] / out_sum[j] * scores[j] for j in range(n) if out_sum[j])
            for i in range(n)
        ]
    return scores
