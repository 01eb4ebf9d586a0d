"""The summary against the authors' abstracts, on both halves of the development set.

    .venv/bin/python bench/summary.py [DEV_SET.jsonl] [--no-pipeline-check]

Prints, for the fitting half (lines 1-250: the summary's weights and constants
were chosen on it, so its figures flatter) and the reporting half (lines
251-500: never used to choose anything; quote these), mean ROUGE-1 and ROUGE-2
F1 against each article's abstract (« heading ») of: lead-1, lead-2, lead-3,
the greedy oracle (at most 3 sentences), and ours at 1, 2 and 3 sentences with
the title known. See bench/devset.py for the halves, the metric and the cuts.

Ours is what ``briefing facts`` gives: for 3 sentences the script checks, on
each article, that ``facts.extract`` returns the same summary as
``summary.summarise`` on ``Facts.sentences`` (so 1 and 2 are made that way too).
Then the targets are checked on the reporting half: ours at 2 and 3 sentences
beat lead-2 and lead-3 by 0.03 ROUGE-1 or more, and do not lose on ROUGE-2. Prints
numbers; exits 1 only when a check of the targets fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import devset
import machine
from briefing.facts import extract as facts
from briefing.facts import summary

ROWS = ("lead-1", "lead-2", "lead-3", "oracle", "ours-1", "ours-2", "ours-3")
LABELS = {
    "lead-1": "lead-1", "lead-2": "lead-2", "lead-3": "lead-3",
    "oracle": "greedy oracle (best ≤ 3 of the article's sentences)",
    "ours-1": "ours, 1 sentence (title known)", "ours-2": "ours, 2 sentences (title known)",
    "ours-3": "ours, 3 sentences (title known)",
}
MARGIN = 0.03  # ROUGE-1 over lead-k asked of ours at k sentences


def measure(items: list[devset.Item], check_pipeline: bool) -> dict[str, tuple[float, float]]:
    """Mean ROUGE-1 and ROUGE-2 F1 of each row; and, under "shortened", the share
    of ours' sentences at 3 that are shorter versions of the article's."""
    found: dict[str, list[tuple[float, float]]] = {row: [] for row in ROWS}
    shortened = []
    for item in items:
        lead = devset.lead_sentences(item.text)
        for k in (1, 2, 3):
            found[f"lead-{k}"].append(devset.scores(" ".join(lead[:k]), item.heading))
            ours = summary.summarise(list(item.sentences), k, item.title)
            found[f"ours-{k}"].append(devset.scores(" ".join(ours), item.heading))
        shortened += [sentence not in item.sentences for sentence in ours]
        if check_pipeline:
            extracted = facts.extract(item.article, today=devset.TODAY, summary_sentences=3)
            if extracted.summary != summary.summarise(list(extracted.sentences), 3, item.title):
                raise SystemExit(f"line {item.line}: facts.extract's summary is not summarise's")
        found["oracle"].append(devset.scores(" ".join(devset.oracle(lead, item.heading)), item.heading))
    means = {row: (statistics.mean(v[0] for v in values), statistics.mean(v[1] for v in values))
             for row, values in found.items()}
    means["shortened"] = (statistics.mean(shortened), len(shortened))
    return means


def checks(report: dict[str, tuple[float, float]]) -> list[tuple[str, bool]]:
    out = []
    for k in (2, 3):
        (o1, o2), (l1, l2) = report[f"ours-{k}"], report[f"lead-{k}"]
        out.append((f"ours at {k} beats lead-{k} by ≥ {MARGIN} ROUGE-1: {o1:.4f} − {l1:.4f} = {o1 - l1:+.4f}",
                    o1 - l1 >= MARGIN))
        out.append((f"ours at {k} does not lose to lead-{k} on ROUGE-2: {o2:.4f} vs {l2:.4f} ({o2 - l2:+.4f})", o2 >= l2))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_set", nargs="?", type=Path, default=devset.DEV_SET)
    parser.add_argument("--no-pipeline-check", action="store_true", help="skip running facts.extract on each article")
    args = parser.parse_args()

    started = time.perf_counter()
    fitting, reporting = devset.load(args.dev_set)
    results = {
        "fitting": measure(fitting, not args.no_pipeline_check),
        "reporting": measure(reporting, not args.no_pipeline_check),
    }
    print(f"machine: {machine.describe()}")
    print(f"dev set: {args.dev_set.name}; fitting half lines 1-{devset.HALF} ({len(fitting)} articles), "
          f"reporting half lines {devset.HALF + 1}-{2 * devset.HALF} ({len(reporting)} articles)\n")
    print(f"| mean F1 vs the authors' abstract | fitting half R-1 | R-2 | **reporting half R-1** | **R-2** |")
    print("| --- | --- | --- | --- | --- |")
    for row in ROWS:
        (f1, f2), (r1, r2) = results["fitting"][row], results["reporting"][row]
        print(f"| {LABELS[row]} | {f1:.3f} | {f2:.3f} | **{r1:.3f}** | **{r2:.3f}** |")
    for half in ("fitting", "reporting"):
        share, count = results[half]["shortened"]
        print(f"\n{half} half: {share:.1%} of ours' {count} sentences at 3 are shortened versions", end="")
    print("\n\ntargets, on the reporting half:")
    verdicts = checks(results["reporting"])
    for text, ok in verdicts:
        print(f"  {'ok  ' if ok else 'FAIL'} {text}")
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
