"""Time and peak memory of `briefing read` and `briefing facts` on long articles.

The article is the example repeated N times (N = 5, 20, 60 by default: 13,
51 and 153 thousand characters). Each command runs in a fresh process with
the offline voice and no cache; its peak resident memory is read from the
kernel (getrusage of the finished child). Usage:
python bench/long_read.py [--copies 5 20 60]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import machine

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "minsk-oreshnik.txt"


def measured(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one run of ``cmd``, in a process of its own."""
    pid = os.fork()
    if pid == 0:  # the child becomes the command; its usage is counted alone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(cmd[0], cmd)
    start = time.perf_counter()
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[5, 20, 60])
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    print(f"machine: {machine.describe()}")
    print(f"{'article':>22}  {'facts s':>8} {'facts MB':>9}  {'read s':>7} {'read MB':>8} {'audio min':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(tmp) / "cache")  # facts are parsed every time, the user's cache untouched
        for copies in args.copies:
            article = Path(tmp) / f"long-{copies}.txt"
            article.write_text("\n".join([text] * copies), encoding="utf-8")
            chars = len(article.read_text(encoding="utf-8"))
            base = [sys.executable, "-m", "briefing"]
            facts_s, facts_mb = measured([*base, "facts", str(article)])
            out = Path(tmp) / f"out-{copies}"
            read_s, read_mb = measured([*base, "read", str(article), "-o", str(out), "-e", "espeak", "--no-cache", "-q"])
            mp3 = next(out.glob("*.mp3"))
            minutes = _minutes(mp3)
            print(f"{chars:>12,} characters  {facts_s:>8.1f} {facts_mb:>9.0f}  {read_s:>7.1f} {read_mb:>8.0f} {minutes:>9.1f}")
    return 0


def _minutes(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return MP3(str(mp3)).info.length / 60


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
