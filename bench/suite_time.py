"""How long `make test` takes here: the whole suite's wall clock, with the
machine's load before and after (a figure is only worth its load).

    .venv/bin/python bench/suite_time.py [RUNS]      (WORKERS=3 to try another count of workers)

Runs `make test` (pytest, one worker a core) RUNS times (1)
and prints, for each run, the wall clock, the CPU time of pytest and all its
processes, pytest's summary line and the load averages; then the machine.
The figure for "under 4 minutes when quiet" is a run whose one-minute load
average before it starts is under 0.5 (nothing else running).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine  # noqa: E402

COMMAND = ["make", "--no-print-directory", "test", f"WORKERS={os.environ.get('WORKERS', 'auto')}"]


def run_once() -> tuple[float, float, str, tuple[float, float, float], tuple[float, float, float]]:
    before = os.getloadavg()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(COMMAND, cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTEST_ADDOPTS": "-q"})
    wall = time.perf_counter() - started
    after = os.getloadavg()
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (now.ru_utime - used.ru_utime) + (now.ru_stime - used.ru_stime)
    summary = next((line.strip("= ") for line in reversed(done.stdout.splitlines()) if " in " in line), "no summary")
    if done.returncode != 0:
        print(done.stdout[-3000:], file=sys.stderr)
    return wall, cpu, summary, before, after


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    print(f"machine: {machine.describe()}")
    print(f"command: {' '.join(COMMAND)}")
    print("\n| run | wall clock | CPU (all processes) | load before (1, 5, 15 min) | load after | pytest |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in range(1, runs + 1):
        wall, cpu, summary, before, after = run_once()
        loads = ", ".join(f"{x:.2f}" for x in before), ", ".join(f"{x:.2f}" for x in after)
        print(f"| {n} | {wall // 60:.0f} min {wall % 60:.0f} s ({wall:.0f} s) | {cpu:.0f} s | {loads[0]} | {loads[1]} | {summary} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
