"""Many editions at once: `briefing editions` in one process, with `--jobs 2`,
and on two Celery workers of this machine; editions per minute for each, and
the queue's overhead (two Celery workers against `--jobs 2`).

Twelve editions of five stories each, offline voice (espeak), from a pool of
thirteen articles (the OrangeSum articles of tests/data/eval and the
example): edition i tells articles i to i+4, so each article is in five
editions, as regional editions share their national stories. Every
measurement starts cold: new output folders, an empty cache (so every
article is extracted and every sentence voiced once), fresh pool processes or
workers (started, and ready, before the clock starts: a cluster is up before
the morning run). The time is the wall time of the `briefing editions`
command. Each mode is run ``--runs`` times, interleaved; the fastest run of each counts
(the least disturbed by other work on the machine), every run is printed. Needs redis-server
(apt-get install redis-server) and `pip install -e '.[cluster]'`.

Usage: python bench/editions.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import machine

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "tests" / "data" / "eval"
EDITIONS = 12
STORIES = 5


def articles() -> list[str]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["article"].replace(". ", ".\n")
             for p in sorted(EVAL.glob("orangesum-*.json"))]
    return [*texts, (REPO / "examples" / "minsk-oreshnik.txt").read_text(encoding="utf-8")]


def newsroom(folder: Path) -> list[Path]:
    """Twelve editions of five stories, overlapping, in ``folder``; their briefing.toml files."""
    pool = articles()
    news = folder / "news"
    news.mkdir(parents=True)
    for number, text in enumerate(pool):
        (news / f"story-{number:02d}.txt").write_text(text, encoding="utf-8")
    paths = []
    for edition in range(EDITIONS):
        stories = [(edition + k) % len(pool) for k in range(STORIES)]
        path = folder / f"edition-{edition:02d}.toml"
        path.write_text(
            f'[show]\ntitle = "Le Briefing {edition + 1}"\n[feed]\noutput = "out-{edition:02d}"\n'
            f'[voice]\nengine = "espeak"\ncache_dir = "cache"\n'
            f'[stories]\nsources = [{", ".join(f"{chr(34)}news/story-{n:02d}.txt{chr(34)}" for n in stories)}]\n'
            f"max = {STORIES}\n", encoding="utf-8")
        paths.append(path)
    return paths


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def timed_editions(folder: Path, paths: list[Path], *options: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing", "editions", *map(str, paths), "-q", *options],
                   cwd=folder, env=env(), check=True, capture_output=True)
    return time.perf_counter() - start


class Started:
    """A process started, its output kept in a log file, once it has said ``ready``."""

    def __init__(self, args: list[str], ready: str, cwd: Path) -> None:
        self.log = open(cwd / f"{Path(args[0]).name}-{time.monotonic_ns()}.log", "w")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd,
                                     env=env(), start_new_session=True)
        said = threading.Event()

        def keep() -> None:
            for line in self.proc.stdout:
                self.log.write(line)
                if ready in line:
                    said.set()
            said.set()

        self.reader = threading.Thread(target=keep, daemon=True)
        self.reader.start()
        said.wait()
        if self.proc.poll() is not None:
            raise SystemExit(f"{args[0]} ended before it was ready: see {self.log.name}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=60)
        self.log.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


COMMANDS: list[float] = []  # Redis commands per edition, per cluster run
CAPACITY: list[float] = []  # Redis commands per second this machine's server answers (redis-benchmark)


def redis_commands(port: int) -> int:
    info = subprocess.run(["redis-cli", "-p", str(port), "info", "stats"], capture_output=True, text=True, check=True).stdout
    return int(next(l for l in info.splitlines() if l.startswith("total_commands_processed:")).split(":")[1])


def redis_capacity(port: int) -> float:
    """Requests per second the server answers for the commands the cluster sends most (one client
    connection per worker process, 50 at once, no pipelining): the median of redis-benchmark's figures."""
    out = subprocess.run(["redis-benchmark", "-p", str(port), "-q", "-n", "50000", "-c", "50", "-t", "set,get,lpush,rpop,incr",
                          "--csv"], capture_output=True, text=True, check=True).stdout
    rates = [float(line.split(",")[1].strip('"')) for line in out.splitlines()[1:] if line.count(",") >= 1]
    return statistics.median(rates)


def on_cluster(folder: Path, paths: list[Path]) -> float:
    redis = Started(["redis-server", "--port", str(port := free_port()), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no"], "Ready to accept connections", folder)
    url = f"redis://127.0.0.1:{port}/0"
    workers = []
    try:
        workers = [Started([sys.executable, "-m", "briefing", "worker", "--cluster", url, "--concurrency", "1",
                            "--hostname", f"w{n}@%h", "--without-mingle", "--without-gossip"],
                           "ready.", folder) for n in (1, 2)]
        before = redis_commands(port)
        took = timed_editions(folder, paths, "--cluster", url)
        COMMANDS.append((redis_commands(port) - before) / EDITIONS)
        if not CAPACITY:
            CAPACITY.append(redis_capacity(port))
        return took
    finally:
        for process in (*workers, redis):
            process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        raise SystemExit("bench/editions.py needs redis-server (apt-get install redis-server)")
    modes = {
        "one process (`--jobs 1`)": lambda folder, paths: timed_editions(folder, paths, "--jobs", "1"),
        "`--jobs 2` (a pool of two processes)": lambda folder, paths: timed_editions(folder, paths, "--jobs", "2"),
        "two Celery workers (`--cluster`, concurrency 1 each)": on_cluster,
    }
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    for _ in range(args.runs):
        for mode, measure in modes.items():  # interleaved, so the machine's other load falls on all alike
            with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
                folder = Path(tmp)
                times[mode].append(measure(folder, newsroom(folder)))
    best = {mode: min(values) for mode, values in times.items()}  # the run the machine's other work disturbed least
    _, jobs2, cluster = best.values()
    pairs = [c / j for j, c in zip(*list(times.values())[1:])]  # run by run, measured side by side
    print(f"Machine: {machine.describe()}; load average {os.getloadavg()[0]:.1f} at the end.")
    print(f"{EDITIONS} editions of {STORIES} stories (13 articles, each in 5 editions), espeak, cold cache; "
          f"{args.runs} runs of each, interleaved; the fastest run of each counts (the machine is shared).\n")
    print("| how | fastest (all runs) | editions per minute |")
    print("| --- | --- | --- |")
    for mode, values in times.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        print(f"| {mode} | {best[mode]:.1f} s ({runs}) | {EDITIONS / best[mode] * 60:.1f} |")
    print(f"\nThe queue's overhead, two Celery workers against `--jobs 2`: **{cluster / jobs2:.2f}×** on the fastest runs "
          f"(target ≤ 1.2×); run by run {', '.join(f'{r:.2f}' for r in pairs)} (median {statistics.median(pairs):.2f}×).")
    per_edition = statistics.median(COMMANDS)
    per_worker_minute = EDITIONS / cluster * 60 / 2
    print(f"\nRedis: {per_edition:.0f} commands per edition (median; the run's polling included); this machine's "
          f"redis-server answers {CAPACITY[0]:,.0f} simple commands per second (redis-benchmark, median of SET, GET, "
          f"LPUSH, RPOP, INCR). At {per_worker_minute:.1f} editions per minute per worker process, one Redis would "
          f"keep up with about {CAPACITY[0] / (per_edition * per_worker_minute / 60):,.0f} worker processes.")


if __name__ == "__main__":
    main()
