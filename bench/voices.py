"""Speaking rate of each voice, in characters of speakable French per second:
the figures ``briefing.length`` starts from before a user's own runs have
measured their voice. Sentences of the OrangeSum test articles, each voiced
alone, as the pipeline does. Google's voice is measured only when it answers.
Usage: python bench/voices.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import machine  # noqa: E402

from briefing import length, sentences, speakable  # noqa: E402
from briefing.config import Settings  # noqa: E402
from briefing.tts import get_engine  # noqa: E402
from briefing.tts.probe import reachable  # noqa: E402


def sample() -> list[str]:
    texts = []
    for path in sorted((REPO / "tests" / "data" / "eval").glob("orangesum-*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))["article"]
        texts += [speakable.speakable(s) for s in sentences.split(article)[:6]]
    return texts


def measure(engine_name: str, texts: list[str]) -> tuple[int, float]:
    engine = get_engine(engine_name, Settings(engine=engine_name))
    chars = seconds = 0.0
    for text in texts:
        chars += len(text)
        seconds += len(engine.synthesize(text)) / 1000
    return int(chars), seconds


def main() -> int:
    texts = sample()
    print(f"machine: {machine.describe()}")
    print(f"sample: {len(texts)} sentences of the OrangeSum test articles")
    for name in ("espeak", "gtts"):
        if name == "gtts":
            problem = reachable(get_engine("gtts", Settings(engine="gtts")).url)
            if problem:
                print(f"gtts: not measured ({problem}); briefing assumes {length.DEFAULT_CPS['gtts']} chars/s until a run measures it")
                continue
        chars, seconds = measure(name, texts)
        print(f"{name}: {chars} chars in {seconds:.1f} s = {chars / seconds:.1f} chars/s "
              f"(briefing assumes {length.DEFAULT_CPS[name]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
