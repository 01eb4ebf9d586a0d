"""French text cut into chunks a voice service takes in one request.

Google's voice takes at most 100 characters at a time. gTTS's own tokenizer
follows English rules: it cuts « M. Poutine » after « M. » and sends one
request per clause. Ours first protects the spaces that must not be cut
(after « M. » or « Mme », inside « 1 000 », before « % »), then prices every
other space by how natural a pause there is (a sentence end costs nothing, a
comma little, the middle of a phrase much) and picks, among all ways of
cutting the text into chunks that fit, the cheapest: few chunks, cut where a
reader would breathe.
"""

from __future__ import annotations

import math
import re

from briefing.french import sentences

LIMIT = 100  # characters gTTS sends in one request (gTTS.GOOGLE_TTS_MAX_CHARS)

_KEEP = "\u00a0"  # a protected space: never a cut

# What one more chunk costs, and what a cut costs by where it falls. One more
# chunk is worth it to avoid cutting inside a phrase, not to avoid a comma.
CHUNK = 10
SENTENCE_END, CLAUSE, COMMA, LINK, WORD, NOTHING_LEFT = 0, 1, 2, 4, 12, 1000
# Words that open a clause: cutting before them is a natural pause.
LINKING = frozenset(
    """et ou mais donc car puis ni or qui que dont où lorsque quand si afin pour parce avec sans dans sur
    sous selon entre après avant depuis pendant contre alors tandis ainsi""".split()
)


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# What must be read in one breath with the word after it. Each pattern ends on
# the space that gets protected.
_PROTECTED: tuple[re.Pattern[str], ...] = (
    # « M. Poutine », « Mme Dupont », « Dr House »: a title and its name.
    re.compile(rf"(?<![\w.])(?:{_alternatives(sentences.TITLES)})\.? "),
    # « etc. et », « art. 3 », « n° 5 »: an abbreviation and the word after it.
    re.compile(rf"(?<![\w.])(?:(?:{_alternatives(sentences.ABBREVIATIONS)})\.|n°) ", re.IGNORECASE),
    # « J. Biden », « l'O.N.U. a »: an initial or a dotted acronym.
    re.compile(r"(?<!\w)(?:[A-ZÀ-Þ]\.-?)+ "),
    # « 1 000 », « 12 500 000 »: digit groups.
    re.compile(r"\d (?=\d{3}\b)"),
    # « 5 % », « 20 € », « 3 °C »: a number and its symbol.
    re.compile(r"\d (?=[%€$£°])"),
)


def split(text: str, limit: int = LIMIT) -> list[str]:
    """``text`` in order, as chunks of at most ``limit`` characters.

    Every chunk holds something to say (a letter or a digit); joined with
    spaces, the chunks give back the text with its whitespace collapsed.
    """
    words: list[str] = []
    prices: list[int] = []  # prices[n]: the cost of a cut before words[n]
    for sentence in sentences.split(text):
        for n, word in enumerate(_protect(" ".join(sentence.split())).split(" ")):
            for k, piece in enumerate(word[i : i + limit] for i in range(0, len(word), limit)):
                prices.append(SENTENCE_END if n == k == 0 else WORD if k else _price(words[-1], piece))
                words.append(piece)
    chunks = [" ".join(words[i:j]).replace(_KEEP, " ") for i, j in _cheapest_cuts(words, prices, limit)]
    return [chunk for chunk in chunks if re.search(r"\w", chunk)]


def _protect(sentence: str) -> str:
    for pattern in _PROTECTED:
        sentence = pattern.sub(lambda m: m.group(0)[:-1] + _KEEP, sentence)
    return sentence


def _price(before: str, word: str) -> int:
    """The cost of a cut between ``before`` and ``word``."""
    if not re.search(r"\w", word):  # « » », « – » alone: nothing to say
        return NOTHING_LEFT if word[0] not in "–—-«(" else COMMA
    if before[-1] in ";:…!?":
        return CLAUSE
    if before[-1] in ",)»" or word[0] in "(«":
        return COMMA
    if word.lower() in LINKING or word.lower().startswith("qu'"):
        return LINK
    return WORD


def _cheapest_cuts(words: list[str], prices: list[int], limit: int) -> list[tuple[int, int]]:
    """The (start, end) word ranges of the cheapest cutting into chunks that fit."""
    cost = [0.0] + [math.inf] * len(words)  # cost[j]: the cheapest cutting of words[:j]
    start = [0] * (len(words) + 1)
    for j in range(1, len(words) + 1):
        length = -1
        for i in range(j - 1, -1, -1):  # the last chunk is words[i:j]
            length += len(words[i]) + 1
            if length > limit:
                break
            total = cost[i] + CHUNK + (prices[i] if i else 0)
            if total < cost[j]:
                cost[j], start[j] = total, i
    ranges, j = [], len(words)
    while j:
        ranges.append((start[j], j))
        j = start[j]
    return ranges[::-1]
