"""Fact extraction: model load time, time per article, names found, summary ROUGE.

    .venv/bin/python bench/facts.py [FOLDER]

FOLDER holds OrangeSum JSON articles (default tests/data/eval, a copy of
shared/eval); the seed examples/minsk-oreshnik.txt is added, dated 2024-12-07.
Names are scored against tests/data/eval/expected/*.toml. ROUGE-1/2 F1 (see
tests/evaluation.py) of our summary and of the first three sentences (lead-3)
against each article's professional abstract (« heading »). Prints numbers; never
fails a build.
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import sys
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import evaluation

from briefing.facts import extract as facts

from briefing.facts import nlp  # noqa: E402

EXPECTED = REPO / "tests" / "data" / "eval" / "expected"
SEED = REPO / "examples" / "minsk-oreshnik.txt"
TODAY = dt.date(2026, 11, 24)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "tests" / "data" / "eval"
    items = [evaluation.load(SEED, published=dt.date(2024, 12, 7))]
    items += [evaluation.load(p) for p in sorted(folder.glob("orangesum-*.json"), key=lambda p: int(p.stem.split("-")[1]))]

    started = time.perf_counter()
    nlp.pipeline()
    print(f"model load: {time.perf_counter() - started:.2f} s (spaCy {_spacy_version()}, {nlp.MODEL})")
    print(f"machine: {_machine()}\n")

    print(f"{'article':<18} {'extract s':>9} {'R-1 ours':>9} {'R-1 lead3':>9} {'R-2 ours':>9} {'R-2 lead3':>9}")
    times, rouge = [], {key: [] for key in ("r1", "r1_lead", "r2", "r2_lead")}
    scores = {field: evaluation.Score(0, 0, 0) for field in ("people", "places", "organisations")}
    for item in items:
        started = time.perf_counter()
        found = facts.extract(item.article, today=TODAY)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        _score_names(item.name, found, scores)
        row = f"{item.name:<18} {elapsed:>9.3f}"
        if item.heading:
            ours, lead3 = " ".join(found.summary), " ".join(found.sentences[:3])
            values = [
                evaluation.rouge_n(ours, item.heading, 1), evaluation.rouge_n(lead3, item.heading, 1),
                evaluation.rouge_n(ours, item.heading, 2), evaluation.rouge_n(lead3, item.heading, 2),
            ]
            for key, value in zip(rouge, values):
                rouge[key].append(value)
            row += "".join(f" {v:>9.3f}" for v in values)
        print(row)
    print(f"{'mean (OrangeSum)':<18} {statistics.mean(times[1:]):>9.3f}" + "".join(f" {statistics.mean(v):>9.3f}" for v in rouge.values()))
    print(f"\nfirst article (includes warm-up): {times[0]:.3f} s; median of the rest {statistics.median(times[1:]):.3f} s")
    print("\nnames against tests/data/eval/expected (all 13 articles):")
    for field, score in scores.items():
        print(f"  {field:<14} precision {score.precision:.3f}  recall {score.recall:.3f}  "
              f"({score.true_positives} right of {score.found} found, {score.expected} expected)")


def _score_names(name, found, scores) -> None:
    path = EXPECTED / f"{name}.toml"
    if not path.exists():
        return
    expected = tomllib.loads(path.read_text(encoding="utf-8"))
    for field in scores:
        score, _, _ = evaluation.match_names(
            [[e.name, *e.aliases] for e in getattr(found, field)], [evaluation.split_names(e) for e in expected[field]]
        )
        scores[field] += score


def _spacy_version() -> str:
    import spacy

    return spacy.__version__


def _machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()
    import os

    return f"{os.cpu_count()} CPUs (nproc), {cpu}, Python {platform.python_version()}"


if __name__ == "__main__":
    main()
