"""A 20-story briefing spoken by kokoro: peak memory of every process, time, and the repeat run.

    .venv/bin/python bench/kokoro_memory.py [STORIES [SENTENCES]]

The stories are the first STORIES (20) articles of the development set
(shared/eval/orangesum-dev500.jsonl), SENTENCES (3) summary sentences each. The
briefing is made twice in a fresh process, with one audio cache: the first
run voices every sentence, the second finds them all in the cache. Peak
memory is what the kernel counts for each process (``ru_maxrss``): the main
process (spaCy's French model, the mix) and the largest kokoro worker,
read once the workers have ended; their sum, with as many such workers as
the engine starts (``briefing.tts.engines.kokoro.processes``), bounds the whole. The total resident memory of the process and its children
is also sampled every 0.1 s while the briefing is made.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import machine  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "orangesum-dev500.jsonl"
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PAGE = os.sysconf("SC_PAGE_SIZE")


def child(stories: int, summary: int, cache: str) -> None:
    """One briefing in this process; prints what it measured as JSON."""
    from briefing import pipeline
    from briefing.facts import extract as facts
    from briefing.script import render as script
    from briefing.config import Settings
    from briefing.models import Article
    from briefing.sources.articles import clean_text
    from briefing.tts.engines import kokoro

    with DEV.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line, _ in zip(lines, range(stories))]
    articles = [Article(source=r["id"], text=clean_text(r["article"]), title=r["title"], published=dt.date.fromisoformat(r["date"]))
                for r in records]
    settings = Settings(now=NOW, engine="kokoro", cache_dir=Path(cache), output=Path(cache) / "out", summary_sentences=summary)
    the_script = script.render([facts.extract(a, today=NOW.date(), summary_sentences=summary) for a in articles], settings)
    said: list[tuple[float, str]] = []
    started = time.perf_counter()
    result = pipeline.produce(the_script, settings, progress=lambda line: said.append((time.perf_counter(), line)))
    made = time.perf_counter() - started
    kokoro.shutdown()
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    voicing = next(line for _, line in said if line.startswith("voicing"))
    voiced = next(t for t, line in said if line == "mixing") - next(t for t, line in said if line.startswith("voicing"))
    speech = sum(c.end_ms - c.start_ms for c in result.episode.cues) / 1000
    print(json.dumps({
        "voicing": voicing, "voiced_s": voiced, "made_s": made, "episode_s": result.episode.duration_ms / 1000,
        "speech_s": speech, "segments": len(the_script.segments),
        "chars": sum(len(line.spoken) for segment in the_script.segments for line in segment.lines),
        "main_peak_mb": me.ru_maxrss / 1024, "worker_peak_mb": workers.ru_maxrss / 1024,
        "workers_cpu_s": workers.ru_utime + workers.ru_stime, "workers": kokoro.KokoroEngine(models=Path(cache)).workers,
    }))


def _family_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it, now."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, grew = {root}, True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in family} - family
        family |= below
        grew = bool(below)
    total = 0
    for pid in family:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except OSError:
            pass
    return total


def run(stories: int, summary: int, cache: str) -> tuple[dict, float]:
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(stories), str(summary), cache], stdout=subprocess.PIPE, text=True)
    highest = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            highest[0] = max(highest[0], _family_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"the briefing failed (exit {proc.returncode})")
    return json.loads(out.strip().splitlines()[-1]), highest[0] / 2**20


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return 0
    stories = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    summary = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    sys.stdout.reconfigure(line_buffering=True)
    print(f"machine: {machine.describe()}")
    print(f"sample: a briefing of the first {stories} development articles, {summary} summary sentences each")
    with tempfile.TemporaryDirectory(prefix="briefing-kokoro-") as cache:
        for label in ("first run", "repeat run"):
            got, sampled = run(stories, summary, cache)
            print(f"{label}: {got['segments']} segments, {got['episode_s'] / 60:.1f} min episode "
                  f"({got['speech_s'] / 60:.1f} min of speech, {got['chars'] / got['speech_s']:.1f} chars/s); {got['voicing']}")
            print(f"  voicing {got['voiced_s']:.1f} s, whole run {got['made_s']:.1f} s (wall clock); "
                  f"workers' CPU {got['workers_cpu_s']:.0f} s = {got['workers_cpu_s'] / got['speech_s']:.2f} CPU-s per second of speech")
            if "0 chunks made" in got["voicing"] or got["workers_cpu_s"] < 1:
                print(f"  peak memory: main process {got['main_peak_mb']:.0f} MB, no worker started; sampled total {sampled:.0f} MB")
                continue
            bound = got["main_peak_mb"] + got["workers"] * got["worker_peak_mb"]
            print(f"  peak memory: main process {got['main_peak_mb']:.0f} MB, largest worker {got['worker_peak_mb']:.0f} MB "
                  f"({got['workers']} workers): at most {bound:.0f} MB together; sampled total {sampled:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
