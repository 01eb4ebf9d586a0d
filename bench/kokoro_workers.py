"""kokoro: one worker process on every core's thread, against one process per core on one thread each.

    .venv/bin/python bench/kokoro_workers.py [SENTENCES [ROUNDS]]

The first SENTENCES (12) sentences of the OrangeSum test articles (the
sample of bench/voices.py), each said alone, as the pipeline sends them, by
each layout in turn, ROUNDS (2) times, interleaved so that the machine's
load weighs on both alike. For each run: the wall-clock time (model loads
included), the workers' CPU time, and the peak of the workers' resident
memory together, sampled every 0.1 s. The engine's own choice of layout is
``briefing.tts.engines.kokoro.processes``.
"""

from __future__ import annotations

import resource
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

import machine  # noqa: E402
from kokoro_memory import _family_rss  # noqa: E402
from voices import sample  # noqa: E402

from briefing.tts.engines import kokoro  # noqa: E402


def workers_rss(me: int) -> int:
    """Resident bytes of this process's children and theirs."""
    from kokoro_memory import PAGE

    own = int(Path(f"/proc/{me}/statm").read_text().split()[1]) * PAGE
    return _family_rss(me) - own


def run(engine: kokoro.KokoroEngine, processes: int, texts: list[str]) -> tuple[float, float, float, float]:
    """(wall s, workers' CPU s, peak workers' MB, seconds of speech) for ``texts`` said by ``processes`` workers."""
    import os

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    highest, done = [0], threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            highest[0] = max(highest[0], workers_rss(os.getpid()))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    pool = kokoro._pool(engine.model(), processes)
    with ThreadPoolExecutor(processes) as sending:
        said = list(sending.map(lambda text: pool.submit(kokoro._say, text, engine.style, 1.0).result(), texts))
    wall = time.perf_counter() - started
    kokoro.shutdown()
    done.set()
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    speech = sum(len(pcm) / 2 / kokoro.SAMPLE_RATE for pcm in said)
    return wall, cpu, highest[0] / 2**20, speech


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    sys.stdout.reconfigure(line_buffering=True)
    texts = sample()[:count]
    engine = kokoro.KokoroEngine()
    cores = kokoro.CORES
    layouts = [(1, f"1 process, {cores} threads"), (cores, f"{cores} processes, 1 thread each")]
    print(f"machine: {machine.describe()}")
    print(f"sample: the first {len(texts)} sentences of bench/voices.py's sample, {sum(map(len, texts))} characters; "
          f"{rounds} rounds, interleaved; the engine's choice here: {kokoro.processes()} process(es)")
    results: dict[str, list[tuple[float, float, float, float]]] = {label: [] for _, label in layouts}
    for round_ in range(rounds):
        for processes, label in layouts:
            wall, cpu, peak, speech = run(engine, processes, texts)
            results[label].append((wall, cpu, peak, speech))
            print(f"round {round_ + 1}, {label}: {speech:.1f} s of speech in {wall:.1f} s "
                  f"({wall / speech:.2f} s per second of speech), workers' CPU {cpu / speech:.2f} CPU-s per second, "
                  f"workers' peak {peak:.0f} MB")
    print("\n| layout | wall clock per second of speech (each round) | workers' CPU per second of speech | workers' peak memory |")
    print("| --- | --- | --- | --- |")
    for _, label in layouts:
        rows = results[label]
        walls = ", ".join(f"{w / s:.2f}" for w, _, _, s in rows)
        best = min(w / s for w, _, _, s in rows)
        cpu = min(c / s for _, c, _, s in rows)
        print(f"| {label} | **{best:.2f}** s ({walls}) | {cpu:.2f} CPU-s | {max(p for _, _, p, _ in rows):.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
