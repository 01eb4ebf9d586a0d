"""Fit the summary's model on the FITTING half of the development set; write briefing/salience.json.

    .venv/bin/python bench/summary_fit.py [DEV_SET.jsonl]

Only lines 1-250 of the set are read for fitting (see bench/devset.py); the
reporting half is never looked at here. What is fitted:

- the lexicon: for each word found in at least 3 of the half's articles, the
  log-odds that it is in an article's abstract when it is in the article,
  smoothed towards the rate over all words, less that rate's log-odds;
- the word model and the pair model (``briefing/facts/salience.py``): ridge
  regressions of each word's (pair's) count in the abstract, capped at 3 (2),
  on its features. The lexicon feature of a training article always comes
  from a lexicon made without that article (5 folds), as it will be for an
  article the summary has never seen;
- the two constants of the choice (``briefing/facts/summary.py``): the abstract's
  length in words and the weight of pairs against words, the pair of the grid
  whose summaries score best (mean ROUGE-1 + ROUGE-2 F1 at 1, 2 and 3
  sentences) on each fold when fitted on the four others.
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np

import devset
import evaluation
from briefing import files
from briefing.facts import salience
from briefing.facts import summary

FOLDS = 5
MIN_ARTICLES = 3  # a word enters the lexicon when this many articles hold it
SMOOTHING = 2.0  # pseudo-articles at the overall rate
RIDGE = 1.0
WORD_CAP, PAIR_CAP = 3, 2
GRID = {"abstract_words": (20.0, 30.0, 40.0), "pair_weight": (1.0, 2.0, 3.0)}


class Example:
    """An article of the fitting half, ready for fitting."""

    def __init__(self, item: devset.Item) -> None:
        self.item = item
        self.article = salience.Article.of(item.sentences, item.title)
        reference = evaluation.tokens(item.heading)
        self.abstract_words = Counter(reference)
        self.abstract_pairs = Counter(salience.pairs(reference))
        self.words = {w for s in self.article.sentences for w in s}


def lexicon(examples: list[Example]) -> dict[str, float]:
    seen, kept = Counter(), Counter()
    for example in examples:
        for word in example.words:
            seen[word] += 1
            kept[word] += example.abstract_words[word] > 0
    rate = sum(kept.values()) / sum(seen.values())
    prior = math.log(rate / (1 - rate))
    return {
        word: round(math.log((kept[word] + SMOOTHING * rate) / (seen[word] - kept[word] + SMOOTHING * (1 - rate))) - prior, 4)
        for word in sorted(seen)
        if seen[word] >= MIN_ARTICLES
    }


def ridge(rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
    return np.linalg.solve(rows.T @ rows + RIDGE * np.eye(rows.shape[1]), rows.T @ targets)


def folds(examples: list) -> list[list]:
    return [examples[f::FOLDS] for f in range(FOLDS)]


def fit(examples: list[Example], settings: dict[str, float]) -> salience.Model:
    """The model fitted on ``examples``, with the lexicon of all of them."""
    word_rows, word_targets, held = [], [], []
    for fold in folds(examples):
        outside = lexicon([e for e in examples if e not in fold])
        for example in fold:
            words, rows = salience.word_features(example.article, outside)
            word_rows.append(rows)
            word_targets.append([min(example.abstract_words[w], WORD_CAP) for w in words])
            held.append((example, words, rows))
    word_weights = ridge(np.vstack(word_rows), np.concatenate(word_targets))
    pair_rows, pair_targets = [], []
    for example, words, rows in held:
        values = dict(zip(words, np.clip(rows @ word_weights, 0.0, None)))
        found, rows = salience.pair_features(example.article, values)
        pair_rows.append(rows)
        pair_targets.append([min(example.abstract_pairs[p], PAIR_CAP) for p in found])
    pair_weights = ridge(np.vstack(pair_rows), np.concatenate(pair_targets))
    return salience.Model(words=word_weights, pairs=pair_weights, lexicon=lexicon(examples), settings=settings)


def score(model: salience.Model, examples: list[Example]) -> dict[int, tuple[float, float]]:
    """Mean ROUGE-1 and ROUGE-2 F1 of the summaries at 1, 2 and 3 sentences."""
    out = {}
    for count in (1, 2, 3):
        pairs = [
            devset.scores(" ".join(summary.summarise(list(e.item.sentences), count, e.item.title, model)), e.item.heading)
            for e in examples
        ]
        out[count] = (statistics.mean(p[0] for p in pairs), statistics.mean(p[1] for p in pairs))
    return out


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else devset.DEV_SET
    fitting, _ = devset.load(path)  # the reporting half is not used here
    examples = [Example(item) for item in fitting]
    print(f"fitting half: {len(examples)} articles (lines 1-{devset.HALF} of {path.name})")

    grid = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    results = {i: [] for i in range(len(grid))}
    for fold in folds(examples):
        rest = [e for e in examples if e not in fold]
        base = fit(rest, grid[0])
        for i, settings in enumerate(grid):
            results[i].append(score(salience.Model(base.words, base.pairs, base.lexicon, settings), fold))
    print("cross-validated on the fitting half (5 folds), mean F1 at 1 / 2 / 3 sentences:")
    table = []
    for i, settings in enumerate(grid):
        means = {n: tuple(statistics.mean(r[n][k] for r in results[i]) for k in (0, 1)) for n in (1, 2, 3)}
        overall = statistics.mean(r1 + r2 for r1, r2 in means.values())
        table.append((overall, i, means))
        print(f"  abstract_words {settings['abstract_words']:>4.0f}  pair_weight {settings['pair_weight']:.0f}:  "
              + "  ".join(f"R1 {means[n][0]:.4f} R2 {means[n][1]:.4f}" for n in (1, 2, 3)) + f"  (mean R1+R2 {overall:.4f})")
    best = max(table, key=lambda t: (t[0], -t[1]))
    settings = grid[best[1]]
    print(f"chosen: {settings}")

    model = fit(examples, settings)
    data = {
        "about": "Weights of briefing/facts/salience.py and constants of briefing/facts/summary.py, written by bench/summary_fit.py.",
        "fitted_on": {"file": path.name, "lines": f"1-{devset.HALF}", "articles": len(examples)},
        "settings": settings,
        "words": {name: round(float(w), 6) for name, w in zip(salience.WORD_FEATURES, model.words)},
        "pairs": {name: round(float(w), 6) for name, w in zip(salience.PAIR_FEATURES, model.pairs)},
        "lexicon": model.lexicon,
    }
    files.write_text(salience.MODEL_PATH, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {salience.MODEL_PATH.relative_to(devset.REPO)} ({len(model.lexicon)} words in the lexicon)")


if __name__ == "__main__":
    main()
