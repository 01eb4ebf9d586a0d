"""A 20-story briefing spoken by kokoro: peak memory of every process, time, and the repeat run.

    .venv/bin/python bench/kokoro_memory.py [STORIES [SENTENCES]]

The stories are the first STORIES (20) articles of the development set
(shared/eval/orangesum-dev500.jsonl), SENTENCES (3) summary sentences each. The
briefing is made twice in a fresh process, with one audio cache: the first
run voices every sentence, the second finds them all in the cache.

Peak memory is each process's own high-water mark of resident memory
(``VmHWM`` in /proc/PID/status): the main process's (spaCy's French model,
the voices, the mix), read by itself at the end; every other process's (the
kokoro workers, ffmpeg, the pool's resource tracker), read every 0.1 s while
it lives (a high-water mark only grows, so the last reading holds its peak,
short of its last 0.1 s). Their sum, every process's peak as if all came at
once, bounds the whole from above. The total resident memory of the family
is also sampled every 0.1 s. The kernel's ``ru_maxrss`` is printed too, but
is no measure of a child: a child's counts its parent's high-water mark at
the moment it was started (the kernel keeps the memory image it replaced).
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
    own_peak = _status(os.getpid())["VmHWM"]
    voicing = next(line for _, line in said if line.startswith("voicing"))
    voiced = next(t for t, line in said if line == "mixing") - next(t for t, line in said if line.startswith("voicing"))
    speech = sum(c.end_ms - c.start_ms for c in result.episode.cues) / 1000
    print(json.dumps({
        "voicing": voicing, "voiced_s": voiced, "made_s": made, "episode_s": result.episode.duration_ms / 1000,
        "speech_s": speech, "segments": len(the_script.segments),
        "chars": sum(len(line.spoken) for segment in the_script.segments for line in segment.lines),
        "main_peak_mb": own_peak / 2**20, "main_maxrss_mb": me.ru_maxrss / 1024, "children_maxrss_mb": workers.ru_maxrss / 1024,
        "workers_cpu_s": workers.ru_utime + workers.ru_stime, "workers": kokoro.KokoroEngine(models=Path(cache)).workers,
    }))


def _status(pid: int) -> dict[str, int]:
    """The memory figures (bytes) of /proc/PID/status: VmRSS, VmHWM…"""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if value.strip().endswith(" kB"):
            figures[key] = int(value.split()[0]) * 1024
    return figures


def _command(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()


def _kind(command: str) -> str:
    """What a process of the family is: a kokoro worker, ffmpeg, the pool's resource tracker."""
    if "multiprocessing.spawn" in command:
        return "kokoro worker"
    if "resource_tracker" in command:
        return "resource tracker"
    if "ffmpeg" in command.split(" ", 1)[0]:
        return "ffmpeg"
    return command[:60]


def _family(root: int) -> set[int]:
    """``root`` and every process below it, now."""
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
    return family


def run(stories: int, summary: int, cache: str) -> tuple[dict, float, dict[int, tuple[str, int]]]:
    """One briefing in a child process: what it printed, the highest total resident
    memory of its family, and the peak of each process it started (kind, VmHWM).

    A process forked but not yet running its own program (its command line is
    still its parent's) shares its parent's memory: it is left out until it does.
    """
    command = [sys.executable, __file__, "--child", str(stories), str(summary), cache]
    started = " ".join(command)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    highest = [0]
    children: dict[int, tuple[str, int]] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            total = 0
            for pid in _family(proc.pid):
                try:
                    figures, running = _status(pid), _command(pid)
                except OSError:  # it ended meanwhile
                    continue
                if (pid == proc.pid) != (running == started):
                    continue  # the child not yet running this script, or a process it forked not yet running its own program
                total += figures.get("VmRSS", 0)
                if pid != proc.pid and "VmHWM" in figures:  # (none for a process that has ended, not yet reaped)
                    # a high-water mark only grows, but starts again with the program a process runs
                    children[pid] = (_kind(running), figures["VmHWM"])
            highest[0] = max(highest[0], total)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"the briefing failed (exit {proc.returncode})")
    return json.loads(out.strip().splitlines()[-1]), highest[0] / 2**20, children


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
            got, sampled, children = run(stories, summary, cache)
            print(f"{label}: {got['segments']} segments, {got['episode_s'] / 60:.1f} min episode "
                  f"({got['speech_s'] / 60:.1f} min of speech, {got['chars'] / got['speech_s']:.1f} chars/s); {got['voicing']}")
            print(f"  voicing {got['voiced_s']:.1f} s, whole run {got['made_s']:.1f} s (wall clock); "
                  f"workers' CPU {got['workers_cpu_s']:.0f} s = {got['workers_cpu_s'] / got['speech_s']:.2f} CPU-s per second of speech")
            kinds: dict[str, list[float]] = {}
            for kind, peak in sorted(children.values()):
                kinds.setdefault(kind, []).append(peak / 2**20)
            listed = "".join(f", {kind} {' + '.join(f'{p:.0f}' for p in peaks)} MB" for kind, peaks in kinds.items())
            bound = got["main_peak_mb"] + sum(map(sum, kinds.values()))
            print(f"  peak memory, each process's own: main process {got['main_peak_mb']:.0f} MB{listed}"
                  f" ({got['workers']} kokoro worker{'s' if got['workers'] > 1 else ''} at a time): "
                  f"at most {bound:.0f} MB together; sampled total {sampled:.0f} MB")
            print(f"  the kernel's ru_maxrss: main process {got['main_maxrss_mb']:.0f} MB, "
                  f"largest child {got['children_maxrss_mb']:.0f} MB (a child's counts its parent's peak when it started)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
