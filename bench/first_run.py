"""First-run time of `briefing facts` and `briefing make` on an article never seen,
for this checkout and, beside it, another commit (the summary before its model).

    .venv/bin/python bench/first_run.py [ARTICLE] [--before COMMIT] [--runs N]

Each run is a fresh process with an empty cache folder (``BRIEFING_CACHE_DIR``),
so the language model loads and the facts are extracted: what a user waits for
the first time. Wall time is what the user waits; CPU time (user + system of
the command's processes) is the steadier figure on a busy machine. ``make`` uses the offline voice. The two checkouts run in turn
(before, after, before, after…) with the same Python and packages, each tree's
modules compiled to bytecode first as an installed wheel's are; medians are
printed. Then the summary alone, in a fresh process of each tree: its import,
its first call (what it loads included) and each further article (the
development set's fitting half, 3 sentences).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import devset
import machine

COMMANDS = {
    "briefing facts": lambda article, out: ["facts", article, "--json"],
    "briefing make": lambda article, out: ["make", article, "-o", out, "--quiet", "--engine", "espeak"],
}


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(devset.REPO), *args], check=True, capture_output=True, text=True).stdout.strip()


def export(commit: str, into: Path) -> Path:
    """The tree of ``commit``, as files, without touching the repository's work tree."""
    archive = subprocess.run(["git", "-C", str(devset.REPO), "archive", commit], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def timed(tree: Path, args: list[str], scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the command's processes) of one run."""
    cache = Path(tempfile.mkdtemp(dir=scratch))
    env = {**os.environ, "PYTHONPATH": str(tree), "BRIEFING_CACHE_DIR": str(cache)}
    cpu_before = _children_cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing", *args], check=True, capture_output=True, env=env, cwd=scratch)
    return time.perf_counter() - started, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# CPU times, in a fresh process of the given tree, of importing the summary, its
# first call (which loads what it needs) and the mean of the others.
SUMMARISE = r"""
import json, pathlib, sys, time
import numpy
clock = time.process_time
started = clock()
from briefing.facts import summary
imported = clock() - started
items = json.load(open(sys.argv[1], encoding="utf-8"))
started = clock()
summary.summarise(items[0]["sentences"], 3, items[0]["title"])
first = clock() - started
started = clock()
for item in items[1:]:
    summary.summarise(item["sentences"], 3, item["title"])
print(json.dumps({"import": imported, "first": first, "each": (clock() - started) / (len(items) - 1)}))
"""


def summarise_times(tree: Path, sentences: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", SUMMARISE, str(sentences)], check=True, capture_output=True,
                          text=True, env=env)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(devset.REPO / "examples" / "minsk-oreshnik.txt"))
    parser.add_argument("--before", help="the commit to compare with (default: where this branch left main)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    article = str(Path(args.article).resolve())
    before = args.before or git("merge-base", "HEAD", "main")

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        trees = {f"before ({git('rev-parse', '--short', before)})": export(before, scratch / "before"),
                 f"after ({git('rev-parse', '--short', 'HEAD')})": devset.REPO}
        for tree in trees.values():
            compileall.compile_dir(tree / "briefing", quiet=1)
        times = {(name, cmd): [] for name in trees for cmd in COMMANDS}
        for name, tree in trees.items():  # a first run of each warms the file cache
            for cmd, make_args in COMMANDS.items():
                timed(tree, make_args(article, str(scratch / "out")), scratch)
        for _ in range(args.runs):
            for cmd, make_args in COMMANDS.items():
                for name, tree in trees.items():
                    times[name, cmd].append(timed(tree, make_args(article, str(scratch / "out")), scratch))
        sentences = scratch / "sentences.json"
        fitting, _ = devset.load()
        sentences.write_text(json.dumps([{"sentences": list(i.sentences), "title": i.title} for i in fitting]))
        summarising = {name: summarise_times(tree, sentences) for name, tree in trees.items()}

    print(f"machine: {machine.describe()}")
    print(f"article: {Path(article).name}; median of {args.runs} runs, each a fresh process with an empty cache\n")
    print("| first run | " + " | ".join(trees) + " |")
    print("| --- |" + " --- |" * len(trees))
    for cmd in COMMANDS:
        for what, index in (("wall", 0), ("CPU", 1)):
            cells = []
            for name in trees:
                runs = [run[index] for run in times[name, cmd]]
                cells.append(f"{statistics.median(runs):.2f} s ({min(runs):.2f}–{max(runs):.2f})")
            print(f"| `{cmd}`, {what} | " + " | ".join(cells) + " |")
    print(f"| importing `briefing.summary`, CPU (numpy and pathlib already loaded, as in a run) | "
          + " | ".join(f"{summarising[name]['import'] * 1000:.0f} ms" for name in trees) + " |")
    print(f"| `summary.summarise`, first call in a process, CPU | "
          + " | ".join(f"{summarising[name]['first'] * 1000:.0f} ms" for name in trees) + " |")
    print(f"| `summary.summarise`, each further article (mean of {len(fitting) - 1}), CPU | "
          + " | ".join(f"{summarising[name]['each'] * 1000:.1f} ms" for name in trees) + " |")
    first, second = trees
    for cmd in COMMANDS:
        ratios = [b[1] / a[1] for a, b in zip(times[first, cmd], times[second, cmd])]
        print(f"\n`{cmd}`: CPU after / before, run by run in turn: median {statistics.median(ratios):.3f} "
              f"({min(ratios):.3f}–{max(ratios):.3f})", end="")
    print()


if __name__ == "__main__":
    main()
