"""gTTS as a naive script uses it, against ours: cold, then warm from the cache.

A 10-story briefing (ten OrangeSum articles from tests/data/eval) is voiced
three ways against a fake of Google's endpoint on 127.0.0.1 that takes
200 ms to answer each request, as Google roughly does:

- naive: one ``gTTS(segment, lang="fr").save(...)`` per segment, one after
  the other, gTTS's own tokenizer deciding the requests;
- ours, cold: ``briefing.tts.speak`` with the gtts engine (our French chunks,
  4 requests at a time) and an empty cache (median of 3 runs);
- ours, warm: the same again, every chunk from the cache.

Prints the machine, the requests and times of each, and the ratios.
Usage: python bench/gtts_path.py [--delay 0.2] [--workers 4] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import machine

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import gtts.tts  # noqa: E402
from fake_google import FakeGoogle  # noqa: E402 (the tests' fake of Google's endpoint)

from briefing import tts

from briefing.facts import extract as facts

from briefing.script import render as script  # noqa: E402
from briefing.config import Settings  # noqa: E402
from briefing.models import Article, Script  # noqa: E402
from briefing.tts.cache import Cache  # noqa: E402
from briefing.tts.engines.gtts import GttsEngine  # noqa: E402

EVAL = REPO / "tests" / "data" / "eval"


def ten_stories() -> Script:
    """The briefing of the first ten OrangeSum articles, by their number."""
    paths = sorted(EVAL.glob("orangesum-*.json"), key=lambda p: int(p.stem.split("-")[1]))[:10]
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    facts_list = [facts.extract(Article(source=str(p), text=a["article"], title=a["title"])) for p, a in zip(paths, articles)]
    return script.render(facts_list, Settings())


def naive(the_script: Script, fake: FakeGoogle, out: Path) -> None:
    """What a script that just calls gTTS does: one save per segment, in turn."""
    real_url = gtts.tts._translate_url
    gtts.tts._translate_url = lambda tld="com", path="": fake.url  # plain gTTS, pointed at the fake
    try:
        for n, segment in enumerate(the_script.segments):
            gtts.tts.gTTS(segment.spoken, lang="fr", tld="fr").save(out / f"{n}.mp3")
    finally:
        gtts.tts._translate_url = real_url


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.2, help="seconds the fake takes per request")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3, help="cold runs, each with an empty cache (the median is shown)")
    args = parser.parse_args()

    the_script = ten_stories()
    chars = sum(len(s.spoken) for s in the_script.segments)
    with tempfile.TemporaryDirectory() as tmp, FakeGoogle(delay=args.delay) as fake:
        tmpdir = Path(tmp)
        voices = tts.Voices(GttsEngine(endpoint=fake.url, workers=args.workers))

        def requests_during(run) -> tuple[float, int]:
            before = fake.requests
            seconds = timed(run)
            return seconds, fake.requests - before

        naive_s, naive_n = requests_during(lambda: naive(the_script, fake, tmpdir))
        cold = [requests_during(lambda: tts.speak(the_script, voices, Cache(tmpdir / f"cache{n}"))) for n in range(args.runs)]
        warm_s, warm_n = requests_during(lambda: tts.speak(the_script, voices, Cache(tmpdir / "cache0")))

    cold_s, cold_n = statistics.median(s for s, _ in cold), cold[0][1]
    print(f"machine: {machine.describe()}")
    print(f"briefing: {len(the_script.segments)} segments (10 stories), {chars} characters; fake Google answers in {args.delay * 1000:.0f} ms")
    print(f"naive gTTS, one save per segment: {naive_n:3d} requests {naive_s:7.2f} s")
    print(f"ours, cold ({args.workers} workers):         {cold_n:3d} requests {cold_s:7.2f} s   {naive_s / cold_s:5.1f}x faster (target >= 6x)"
          f"   median of {', '.join(f'{s:.2f}' for s, _ in cold)}")
    print(f"ours, warm cache:                 {warm_n:3d} requests {warm_s:7.2f} s   {naive_s / warm_s:5.0f}x faster (target: 0 requests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
