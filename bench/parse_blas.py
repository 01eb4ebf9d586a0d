"""Which BLAS spaCy's parse should multiply with: CPU, wall clock, same tokens?

    .venv/bin/python bench/parse_blas.py [ARTICLES]

Parses the first ARTICLES (200) articles of the development set with the
French pipeline three ways, each in a process of its own, one after the other:
thinc's default (blis), numpy's BLAS with as many threads as it likes, and
numpy's BLAS on one thread (what `briefing.facts.nlp` does). Prints the CPU
time and wall clock of the parses, the kernel blis chose and what one
multiplication costs with each, and whether every
token's tag, morphology, lemma, head, dependency and entity are the same as
with blis. Prints numbers; never fails a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(Path(__file__).resolve().parent)]

import machine  # noqa: E402

DEV = REPO / "tests" / "data" / "eval" / "orangesum-dev500.jsonl"
WAYS = {"blis (thinc's default)": "blis", "numpy, its threads": "numpy", "numpy, one thread": "numpy-1"}


def parse(way: str, count: int) -> dict:
    """In this process: parse ``count`` articles the ``way`` given."""
    import spacy
    import threadpoolctl
    from thinc.api import use_ops

    import evaluation
    from briefing.facts import nlp as briefing_nlp

    texts = [item.article.text for item in evaluation.load_dev(DEV)[:count]]
    ops = {"use_blis": True} if way == "blis" else {"use_blis": False}
    with use_ops("numpy", **ops):
        nlp = spacy.load(briefing_nlp.MODEL)
    limit = threadpoolctl.threadpool_limits(1, user_api="blas") if way == "numpy-1" else None
    nlp(texts[0])  # warm up
    digest = hashlib.sha256()
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        for t in nlp(text):
            digest.update(f"{t.i} {t.tag_} {t.morph} {t.lemma_} {t.head.i} {t.dep_} {t.ent_iob_}{t.ent_type_}\n".encode())
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if limit is not None:
        limit.restore_original_limits()
    return {"cpu": cpu, "wall": wall, "digest": digest.hexdigest()}


def multiplications() -> tuple[float, float]:
    """CPU ms of one (2000 x 96) by (96 x 288) float32 product, the size of the
    parser's, with blis and with numpy's BLAS on one thread."""
    import numpy
    import threadpoolctl
    from blis.py import gemm

    a, b = numpy.random.rand(2000, 96).astype("f"), numpy.random.rand(96, 288).astype("f")
    times = []
    with threadpoolctl.threadpool_limits(1, user_api="blas"):
        for multiply in (lambda: gemm(a, b), lambda: a @ b):
            multiply()
            started = time.process_time()
            for _ in range(300):
                multiply()
            times.append((time.process_time() - started) / 300 * 1000)
    return times[0], times[1]


def blis_kernel() -> str:
    probe = "import numpy; from blis.py import gemm; a = numpy.ones((8, 8), 'f'); gemm(a, a)"
    done = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "BLIS_ARCH_DEBUG": "1"},
                          capture_output=True, text=True)
    return next((line.split("'")[1] for line in (done.stdout + done.stderr).splitlines() if "sub-configuration" in line), "?")


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--way":
        print(json.dumps(parse(sys.argv[2], int(sys.argv[3]))))
        return 0
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"machine: {machine.describe()}")
    blis_ms, numpy_ms = multiplications()
    print(f"blis's kernel here: {blis_kernel()}; a parser-sized product: blis {blis_ms:.2f} ms of CPU, "
          f"numpy's BLAS on one thread {numpy_ms:.2f} ms")
    print(f"{count} dev-set articles\n")
    print("| way | CPU s | wall s | CPU a article | tokens as with blis |")
    print("| --- | --- | --- | --- | --- |")
    first = None
    for label, way in WAYS.items():
        out = subprocess.run([sys.executable, __file__, "--way", way, str(count)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        first = first or row["digest"]
        same = "yes" if row["digest"] == first else "NO"
        print(f"| {label} | {row['cpu']:.1f} | {row['wall']:.1f} | {row['cpu'] / count * 1000:.0f} ms | {same} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
