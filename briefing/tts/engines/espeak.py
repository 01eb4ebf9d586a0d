"""The offline voice: espeak-ng, in-process, from the espeakng-loader wheel.

The wheel carries ``libespeak-ng.so`` and its ``espeak-ng-data`` (French
included), so nothing is installed by hand and nothing is downloaded. The
library is called through ctypes in synchronous mode: a callback collects the
16-bit samples at the rate ``espeak_Initialize`` returns. espeak-ng keeps
global state, so one lock serialises every call in the process.
"""

from __future__ import annotations

import array
import ctypes
import threading
from typing import TYPE_CHECKING

import espeakng_loader

from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment
from briefing.option import Option
from briefing.tts.registry import Voice, own_speed, register

if TYPE_CHECKING:
    from briefing.config import Settings

NAME = "espeak"
DEFAULT_VOICE = "fr"

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
ESPEAK_CHARS_UTF8 = 1
POS_CHARACTER = 1
ESPEAK_RATE = 1

_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_lock = threading.Lock()  # held by every call into the library
_loading = threading.Lock()  # held while it is loaded: threads that ask at once get one library, started once
_loaded: list[_Library] = []


class _Library:
    """The loaded library, initialised once per process."""

    def __init__(self) -> None:
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise EngineError(f"the offline voice (espeak-ng) cannot be loaded: {exc}") from None
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), ESPEAK_INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise EngineError("the offline voice (espeak-ng) failed to start")
        self.lib = lib
        self.sample_rate = rate
        self._samples = array.array("h")
        self._callback = _SynthCallback(self._collect)  # kept alive as long as the library
        lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: ctypes.POINTER(ctypes.c_short), count: int, _events: int) -> int:
        if wav and count > 0:
            self._samples.frombytes(ctypes.string_at(wav, count * 2))
        return 0  # go on

    def speak(self, text: str, voice: str, words_per_minute: int) -> bytes:
        with _lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise EngineError(f"the offline voice has no voice named {voice!r}")
            self.lib.espeak_SetParameter(ESPEAK_RATE, words_per_minute, 0)
            self._samples = array.array("h")
            data = text.encode("utf-8")
            status = self.lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None)
            if status != 0:
                raise EngineError(f"the offline voice failed (espeak-ng status {status})")
            return self._samples.tobytes()


def _library() -> _Library:
    with _loading:
        if not _loaded:
            _loaded.append(_Library())
        return _loaded[0]


class EspeakEngine:
    """espeak-ng's French voice; fully offline."""

    name = NAME
    workers = 1  # espeak-ng is serialised by its lock anyway

    def __init__(self, voice: str = DEFAULT_VOICE, words_per_minute: int = 160) -> None:
        self.voice = voice
        self.words_per_minute = words_per_minute

    def options(self) -> dict[str, object]:
        return {"voice": self.voice, "words_per_minute": self.words_per_minute}

    def chunks(self, text: str) -> list[str]:
        """espeak-ng reads a whole segment in one call."""
        return [text] if text.strip() else []

    def check(self) -> None:
        """Raise ``EngineError`` if the library cannot be loaded."""
        _library()

    def fetch(self, chunk: str) -> bytes:
        """16-bit mono samples at the library's rate."""
        return _library().speak(chunk, self.voice, self.words_per_minute)

    def decode(self, data: bytes) -> AudioSegment:
        return AudioSegment(data=data, sample_width=2, frame_rate=_library().sample_rate, channels=1)

    def synthesize(self, text: str) -> AudioSegment:
        return self.decode(self.fetch(text))


def _make(settings: Settings) -> EspeakEngine:
    """At any speed: the words a minute times the run's rate."""
    words = VOICE.setting(settings, "words_per_minute")
    return EspeakEngine(voice=settings.voice or DEFAULT_VOICE, words_per_minute=round(words * settings.rate))


def _missing() -> str | None:
    try:
        _library()
    except EngineError as exc:
        return str(exc)
    return None


VOICE = register(Voice(
    name=NAME,
    about="espeak-ng; offline, robotic",
    make=_make,
    options=(
        Option(
            "words_per_minute", int, 160, "espeak: words a minute at normal speed (--rate multiplies it).",
            key="voice.espeak.words_per_minute", low=80, high=450, commands=("make", "read"), parts=("voice",),
        ),
    ),
    # measured at 160 words a minute on the OrangeSum test articles (bench/voices.py)
    chars_per_second=20.3,
    leaves=own_speed,  # any rate, in words per minute
    auto=2,
    missing=_missing,
    shown_options=lambda settings: f"--voice {settings.voice or DEFAULT_VOICE}, --rate {settings.rate:g} (speed)",
))
