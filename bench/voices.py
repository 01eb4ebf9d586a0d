"""Speaking rate of each voice, in characters of speakable French per second:
the figures ``briefing.length`` starts from before a user's own runs have
measured their voice. Sentences of the OrangeSum test articles, each voiced
alone, as the pipeline does. Google's voice is measured only when it answers;
kokoro only when its extra is installed, with its real-time factor: the CPU
time of its worker processes (model loads included) per second of speech,
and the wall-clock time with all of them at work.
Usage: python bench/voices.py [ENGINE...]
"""

from __future__ import annotations

import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import machine  # noqa: E402

from briefing.config import Settings  # noqa: E402
from briefing.french import sentences, speakable  # noqa: E402
from briefing.tts import get_engine, registry  # noqa: E402
from briefing.tts.engines import kokoro  # noqa: E402
from briefing.tts.probe import reachable  # noqa: E402


def sample() -> list[str]:
    texts = []
    for path in sorted((REPO / "tests" / "data" / "eval").glob("orangesum-*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))["article"]
        texts += [speakable.speakable(s) for s in sentences.split(article)[:6]]
    return texts


def measure(engine_name: str, texts: list[str]) -> tuple[int, float]:
    engine = get_engine(engine_name, Settings(engine=engine_name))
    with ThreadPoolExecutor(engine.workers) as pool:  # each sentence alone, as many at once as the engine takes
        seconds = sum(len(audio) / 1000 for audio in pool.map(engine.synthesize, texts))
    return sum(map(len, texts)), seconds


def main() -> int:
    texts = sample()
    print(f"machine: {machine.describe()}")
    print(f"sample: {len(texts)} sentences of the OrangeSum test articles")
    for name in sys.argv[1:] or registry.names():
        voice = registry.voice(name)
        if voice.missing():
            print(f"{name}: not measured ({voice.missing()})")
            continue
        if voice.online:
            problem = reachable(get_engine(name, Settings(engine=name)).url)
            if problem:
                print(f"{name}: not measured ({problem}); briefing assumes {voice.chars_per_second} chars/s until a run measures it")
                continue
        started = time.perf_counter()
        chars, seconds = measure(name, texts)
        wall = time.perf_counter() - started
        print(f"{name}: {chars} chars in {seconds:.1f} s = {chars / seconds:.1f} chars/s "
              f"(briefing assumes {voice.chars_per_second})")
        if name == kokoro.NAME:
            kokoro.shutdown()  # its workers end, so their CPU time is counted
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            workers = get_engine(name, Settings(engine=name)).workers
            print(f"kokoro: real-time factor {(used.ru_utime + used.ru_stime) / seconds:.2f} CPU-s per second of speech "
                  f"({workers} worker processes); wall clock {wall / seconds:.2f} s per second of speech")
    return 0


if __name__ == "__main__":
    sys.exit(main())
