"""Key facts of an article: its headline, lead and a short summary.

The summary is extractive: sentences are ranked by a lead-biased TextRank
(PageRank over word-overlap similarity, with the random jump favouring early
sentences, as news puts the essential first) and returned in article order.
"""

from __future__ import annotations

import math
import re

from briefing import sentences as sentence_splitter
from briefing.errors import InputError
from briefing.models import Article, Facts

HEADLINE_MAX_WORDS = 12
MIN_SENTENCE_WORDS = 5

STOPWORDS = frozenset(
    """
    a à au aux avec ce ces cet cette comme dans de des du elle elles en et été être
    eu il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous
    on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
    votre vous y est sont ont avait était sera fait faire plus très aussi après avant
    selon entre sans sous depuis lors tout tous toute toutes dont cela ceci ainsi donc
    """.split()
)
# Words a shortened headline must not end on.
_DANGLING = STOPWORDS | {"l'", "d'", "qu'", "n'", "s'", "c'", "j'", "ont", "a", "est", "sont", "va", "vont"}
# A sentence opening on these leans on an earlier one (« Cette déclaration… »):
# it makes a poor headline and a poor first sentence for a story.
_ANAPHORIC = re.compile(
    r"^(ce|cet|cette|ces|il|elle|ils|elles|son|sa|ses|leur|leurs|celui|celle|ceux|cela|ça)\b",
    re.IGNORECASE,
)
# A trailing attribution: « …, a rapporté l'agence TASS », « …, selon TASS ».
_ATTRIBUTION_TAIL = re.compile(r",\s+(a|ont)\s+(rapporté|déclaré|indiqué|annoncé|affirmé|précisé)\b.*$|,\s+selon\b.*$")

_WORD = re.compile(r"[a-zà-ÿœæ]+(?:['’-][a-zà-ÿœæ]+)*", re.IGNORECASE)


def extract(article: Article, summary_sentences: int = 3) -> Facts:
    """The headline, lead and summary of ``article``.

    Raises ``InputError`` when the article holds no real sentence.
    """
    all_sentences = tuple(sentence_splitter.split(article.text))
    real = [s for s in all_sentences if _is_real_sentence(s)]
    if not real:
        raise InputError(article.source, "has no sentences to read")
    ranks = _rank(real)
    ranked = sorted(range(len(real)), key=lambda i: (-ranks[i], i))
    standalone = [i for i in ranked if not _ANAPHORIC.match(real[i])] or ranked
    best = sorted(ranked[: max(1, summary_sentences)])
    # A summary must not open on a sentence that leans on one left out.
    spare = [i for i in standalone if i not in best]
    while spare and _ANAPHORIC.match(real[best[0]]):
        best = sorted(best[1:] + [spare.pop(0)])
    summary = tuple(real[i] for i in best)
    headline = article.title or make_headline(real[standalone[0]])
    return Facts(
        article=article,
        headline=headline,
        lead=real[0],
        summary=summary,
        sentences=tuple(real),
    )


def _is_real_sentence(sentence: str) -> bool:
    return len(_WORD.findall(sentence)) >= MIN_SENTENCE_WORDS


def make_headline(sentence: str) -> str:
    """A short headline from a sentence: its main clause, at most 12 words."""
    text = _ATTRIBUTION_TAIL.sub("", sentence.rstrip(" .!?…"))
    # Prefer the part before a dash or a secondary clause when it is long enough.
    for sep in (" – ", " — ", ", "):
        head = text.split(sep)[0]
        if 4 <= len(head.split()) <= HEADLINE_MAX_WORDS:
            text = head
            break
    words = text.split()[:HEADLINE_MAX_WORDS]
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    headline = " ".join(words).rstrip(",;:")
    return headline[0].upper() + headline[1:]


def _content_words(sentence: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(sentence) if len(w) > 2 and w.lower() not in STOPWORDS}


def _rank(sentences: list[str], damping: float = 0.85, iterations: int = 50) -> list[float]:
    """Lead-biased TextRank scores, one per sentence."""
    n = len(sentences)
    words = [_content_words(s) for s in sentences]
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            overlap = len(words[i] & words[j])
            if overlap:
                norm = math.log(len(words[i]) + 1) + math.log(len(words[j]) + 1)
                weights[i][j] = weights[j][i] = overlap / norm
    out_sum = [sum(row) for row in weights]
    # The random jump lands on early sentences more often.
    bias = [(0.3 if _ANAPHORIC.match(s) else 1.0) / (1 + i) for i, s in enumerate(sentences)]
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
