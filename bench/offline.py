"""How long `briefing make` takes on the example, against the floor.

The floor is the least any tool could do for the same briefing: bare
espeak-ng synthesis (ctypes, no briefing code) of exactly the same script
text, then one ffmpeg MP3 encode of that audio. Both run as fresh Python
processes, so interpreter start-up counts on both sides. Prints the median of
several runs and the ratio. Usage: python bench/offline.py [ARTICLE] [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import machine

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FLOOR = r"""
import array, ctypes, json, subprocess, sys
import espeakng_loader, imageio_ffmpeg
texts, out = json.load(open(sys.argv[1])), sys.argv[2]
lib = ctypes.CDLL(espeakng_loader.get_library_path())
lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
rate = lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0x8000)
samples = array.array("h")
CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
def collect(wav, n, events):
    if wav and n > 0:
        samples.frombytes(ctypes.string_at(wav, n * 2))
    return 0
callback = CB(collect)
lib.espeak_SetSynthCallback(callback)
lib.espeak_SetVoiceByName(b"fr")
lib.espeak_SetParameter(1, 160, 0)
lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
for text in texts:
    data = text.encode()
    lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, 1, None, None)
subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1",
                "-i", "-", "-ar", "44100", "-b:a", "64k", out], input=samples.tobytes(), check=True)
"""


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def stage_times(article: Path, out: Path) -> dict[str, float]:
    """One in-process run, timed stage by stage (after imports)."""
    from briefing import tts
    from briefing.facts import extract as facts
    from briefing.mix import assemble as mix
    from briefing.script import render as script
    from briefing.sources import articles as sources
    from briefing.publish import transcript
    from briefing.config import Settings

    from briefing.facts import nlp

    settings = Settings(output=out)
    times: dict[str, float] = {}
    t = time.perf_counter()
    nlp.pipeline()
    times["language model load"] = time.perf_counter() - t
    t = time.perf_counter()
    a = sources.read(article)
    times["read"] = time.perf_counter() - t
    t = time.perf_counter()
    f = facts.extract(a, today=settings.today, summary_sentences=settings.summary_sentences)
    times["facts"] = time.perf_counter() - t
    t = time.perf_counter()
    s = script.render([f], settings)
    times["script"] = time.perf_counter() - t
    t = time.perf_counter()
    takes = tts.speak(s, tts.get_engine("espeak", settings))
    times["voice"] = time.perf_counter() - t
    t = time.perf_counter()
    episode = mix.assemble(takes, settings)
    transcript.write(episode, settings)
    times["mix+export"] = time.perf_counter() - t
    times["audio seconds"] = episode.duration_ms / 1000
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(REPO / "examples" / "minsk-oreshnik.txt"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    # Timed as installed: pip compiles a wheel's modules to bytecode, and so
    # does Python on the first run unless PYTHONDONTWRITEBYTECODE is set (as
    # on the machine these figures come from). Stale files only are redone.
    compileall.compile_dir(REPO / "briefing", quiet=1)

    from briefing import pipeline
    from briefing.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        the_script = pipeline.write_script([args.article], Settings(output=tmpdir))
        texts = tmpdir / "texts.json"
        texts.write_text(json.dumps([s.spoken for s in the_script.segments]), encoding="utf-8")
        floor_py = tmpdir / "floor.py"
        floor_py.write_text(FLOOR, encoding="utf-8")
        # The offline voice, and no cache: every run synthesizes, as the floor does.
        ours_cmd = [sys.executable, "-m", "briefing", "make", args.article, "-o", str(tmpdir / "out"), "--quiet",
                    "--engine", "espeak", "--no-cache"]
        floor_cmd = [sys.executable, str(floor_py), str(texts), str(tmpdir / "floor.mp3")]
        # The same briefing made again (another voice, speed or template): the
        # article's facts and the compiled templates are in the cache, the audio is not.
        cache = tmpdir / "cache"
        known_cmd = [*ours_cmd[:-1]]
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}

        def known_run() -> float:
            for entry in cache.iterdir():
                if entry.is_dir() and entry.name not in ("facts", "templates"):
                    shutil.rmtree(entry)
            return timed(known_cmd, env)

        timed(ours_cmd), timed(floor_cmd), timed(known_cmd, env)  # warm the file cache, extract the facts once
        # Interleaved, so that the machine's drift weighs on all three alike.
        floor, ours, known = [], [], []
        for _ in range(args.runs):
            floor.append(timed(floor_cmd))
            ours.append(timed(ours_cmd))
            known.append(known_run())
        stages = stage_times(Path(args.article), tmpdir / "stages")

    print(f"machine: {machine.describe()}")
    print(f"article: {Path(args.article).name} ({stages['audio seconds']:.1f} s of audio), median of {args.runs} runs")
    print(f"floor (bare espeak-ng + one ffmpeg encode): {statistics.median(floor):.3f} s")
    print(f"briefing make, cold (language model loaded): {statistics.median(ours):.3f} s, "
          f"ratio {statistics.median(ours) / statistics.median(floor):.2f}x")
    print(f"briefing make, article's facts already extracted: {statistics.median(known):.3f} s, "
          f"ratio {statistics.median(known) / statistics.median(floor):.2f}x (target <= 2x)")
    paired = sorted(k / f for k, f in zip(known, floor))
    print(f"  the same, run by run against the floor run just before it: {paired[0]:.2f}x to {paired[-1]:.2f}x")
    print("in-process stages: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items() if k != "audio seconds"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
