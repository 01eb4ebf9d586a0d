"""The summary's development set, in two fixed halves, and how summaries are scored on it.

The set is ``orangesum-dev500.jsonl`` in the shared eval folder beside the
repository (500 articles of the OrangeSum validation split, one JSON object a
line: id, title, date, heading = the author's abstract, article). The halves
are fixed by line order: lines 1-250 are the FITTING half (the summary's weights
and constants are chosen on them, nowhere else), lines 251-500 the REPORTING
half (never used to choose anything; its figures are the ones to quote).

Scores are ROUGE-1 and ROUGE-2 F1 against ``heading`` as the targets define them:
lower-cased ``\\w+`` tokens (``briefing.evaluation.rouge_n``), no stemming.
Lead-k and the oracle cut the article's text into sentences at ``[.!?»]``
followed by white space; ours reads the article as ``briefing facts`` does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import evaluation

from briefing.facts import extract as facts  # noqa: E402
from briefing.errors import InputError  # noqa: E402
from briefing.models import Article  # noqa: E402

DEV_SET = REPO.parent / "shared" / "eval" / "orangesum-dev500.jsonl"
HALF = 250
TODAY = dt.date(2026, 11, 24)
_LEAD_CUT = re.compile(r"(?<=[.!?»])\s+")


@dataclass(frozen=True)
class Item:
    line: int  # 1-based, in the file
    id: str
    title: str
    date: str
    heading: str
    text: str  # the article as the corpus gives it
    sentences: tuple[str, ...]  # as ``briefing facts`` reads them (Facts.sentences)

    @property
    def article(self) -> Article:
        return _article(self.id, self.text, self.title, self.date)


def _article(id: str, text: str, title: str, date: str) -> Article:
    return Article(source=f"orangesum-{id}", text=text, title=title, published=dt.date.fromisoformat(date))


def load(path: Path = DEV_SET) -> tuple[list[Item], list[Item]]:
    """The fitting half and the reporting half. An article ``briefing facts``
    refuses (no real sentence) is left out of its half, and said so on stderr."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(rows) != 2 * HALF:
        raise SystemExit(f"{path}: expected {2 * HALF} articles, found {len(rows)}")
    items = []
    for line, row in enumerate(rows, start=1):
        try:
            sentences = facts.sentences_of(_article(row["id"], row["article"], row["title"], row["date"]))
        except InputError as exc:
            print(f"left out: line {line}: {exc}", file=sys.stderr)
            continue
        items.append(Item(line, row["id"], row["title"], row["date"], row["heading"], row["article"], tuple(sentences)))
    return [i for i in items if i.line <= HALF], [i for i in items if i.line > HALF]


def lead_sentences(text: str) -> list[str]:
    return [s for s in _LEAD_CUT.split(text.strip()) if s]


def scores(candidate: str, reference: str) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 F1."""
    return evaluation.rouge_n(candidate, reference, 1), evaluation.rouge_n(candidate, reference, 2)


def oracle(sentences: list[str], reference: str, most: int = 3) -> list[str]:
    """The greedy oracle: sentences added one at a time, each the one that raises
    ROUGE-1 + ROUGE-2 F1 the most, until ``most`` or until none raises it; in article order."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < most:
        trials = [(sum(scores(" ".join(sentences[j] for j in sorted(chosen + [i])), reference)), i)
                  for i in range(len(sentences)) if i not in chosen]
        if not trials:
            break
        value, pick = max(trials, key=lambda t: (t[0], -t[1]))
        if value <= best:
            break
        chosen.append(pick)
        best = value
    return [sentences[i] for i in sorted(chosen)]
