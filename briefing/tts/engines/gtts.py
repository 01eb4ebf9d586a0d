"""The Google Translate voice, through gTTS: one request per chunk of French.

gTTS sends the HTTP request and reads Google's answer; we choose what it
sends. Each chunk is already cut by ``briefing.tts.chunks`` (at most 100
characters, French boundaries), so gTTS gets no pre-processors and a
tokenizer that keeps the chunk whole; ``briefing.patches.gtts`` sends it with
the server's certificate checked. Every request has a connect and a read
timeout; a rate limit, a server error, a lost connection or a timeout is
tried again (``briefing.tts.retry``); an answer without audio is an error,
never silence.
"""

from __future__ import annotations

import email.utils
import re
import time
import os
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pydub.exceptions import CouldntDecodeError

from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment, decode_mp3
from briefing.option import Option
from briefing.tts import chunks
from briefing.tts.registry import Voice, offline_default, register
from briefing.tts.retry import Backoff, Transient

if TYPE_CHECKING:  # gTTS and requests load when the voice is made, not when briefing starts
    from gtts import gTTS, gTTSError

    from briefing.config import Settings

NAME = "gtts"
# tld of a Google host: « fr » (France), « ca » (Québec), « com.au »…
TLD = re.compile(r"[a-z]{2,3}(?:\.[a-z]{2,3})?")
SLOW_RATE = 0.75  # at or under this speed, Google's own slow voice is used instead
MAX_CHARS = 100  # gTTS's GOOGLE_TTS_MAX_CHARS: what Google reads in one request


def chunk_request(text: str, *, lang: str, tld: str, slow: bool, timeout: tuple[float, float], endpoint: str | None) -> gTTS:
    """The gTTS request of one chunk (gTTS and its patch load the first time: ``briefing.patches.gtts``)."""
    from briefing.patches.gtts import ChunkRequest

    return ChunkRequest(text, lang=lang, tld=tld, slow=slow, timeout=timeout, endpoint=endpoint)


class GttsEngine:
    """Google Translate's French voice; needs the network."""

    name = NAME

    def __init__(
        self,
        lang: str = "fr",
        tld: str = "fr",
        slow: bool = False,
        timeout: tuple[float, float] = (5.0, 10.0),
        workers: int = 4,
        backoff: Backoff = Backoff(),
        endpoint: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        from gtts.lang import tts_langs

        if lang not in tts_langs():
            raise EngineError(f"gtts: Google's voice has no language {lang!r}")
        if not TLD.fullmatch(tld):
            raise EngineError(f"gtts: {tld!r} is not a Google domain ending (try fr, or ca for a Québec voice)")
        if workers < 1:
            raise EngineError(f"gtts: workers must be at least 1, not {workers}")
        self.lang, self.tld, self.slow = lang, tld, slow
        self.timeout = timeout
        self.workers = workers
        self.backoff = backoff
        self.endpoint = endpoint
        self.clock = clock

    def options(self) -> dict[str, object]:
        return {"lang": self.lang, "tld": self.tld, "slow": self.slow}

    @property
    def url(self) -> str:
        """Where the requests go: Google's host for our tld, or the endpoint."""
        from gtts.utils import _translate_url

        return self.endpoint or _translate_url(tld=self.tld)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    def chunks(self, text: str) -> list[str]:
        return chunks.split(text, limit=MAX_CHARS)

    def fetch(self, chunk: str) -> bytes:
        """The MP3 of one chunk (at most 100 characters), tried again on passing failures."""
        return self.backoff.run(lambda: self._once(chunk))

    def _once(self, chunk: str) -> bytes:
        from gtts import gTTSError

        request = chunk_request(chunk, lang=self.lang, tld=self.tld, slow=self.slow, timeout=self.timeout, endpoint=self.endpoint)
        try:
            mp3 = b"".join(request.stream())
        except gTTSError as exc:
            raise self._failure(exc) from None
        except ValueError:  # not UTF-8, or not base64: gTTS lets these through
            raise EngineError(f"gtts: {self.host} answered with a garbled body") from None
        # gTTS 2.5.4 yields nothing, and raises nothing, for a 200 without audio.
        if not mp3:
            raise EngineError(f"gtts: {self.host} answered without audio")
        if not (mp3.startswith(b"ID3") or (mp3[0] == 0xFF and len(mp3) > 1 and mp3[1] & 0xE0 == 0xE0)):
            raise EngineError(f"gtts: {self.host} answered with something that is not MP3 audio")
        return mp3

    def decode(self, mp3: bytes) -> AudioSegment:
        """The MP3 decoded by ffmpeg (no ffprobe); an error if it holds no audio."""
        try:
            audio = decode_mp3(mp3)
        except CouldntDecodeError:
            raise EngineError(f"gtts: {self.host} answered with MP3 audio that cannot be decoded") from None
        if len(audio) == 0:
            raise EngineError(f"gtts: {self.host} answered with empty audio")
        return audio

    def synthesize(self, chunk: str) -> AudioSegment:
        return self.decode(self.fetch(chunk))

    def _failure(self, exc: gTTSError) -> EngineError:
        """What went wrong, as a transient (tried again) or a final error."""
        import requests

        response = exc.rsp
        if response is not None:
            status = response.status_code
            said = f"gtts: {self.host} answered {status} {response.reason or ''}".rstrip()
            if status == 429 or status >= 500:
                return Transient(said, retry_after(response.headers.get("Retry-After"), self.clock()))
            if status == 200:  # gTTS found its RPC line but no audio in it
                return EngineError(f"gtts: {self.host} answered without audio")
            return EngineError(said)
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, requests.exceptions.SSLError):
            return EngineError(f"gtts: {self.host}'s certificate cannot be verified, so it is not asked ({_reason(cause)})")
        if isinstance(cause, requests.Timeout):
            return Transient(f"gtts: {self.host} did not answer within {max(self.timeout):g} s")
        if isinstance(cause, requests.ConnectionError):
            return Transient(f"gtts: cannot connect to {self.host}")
        return Transient(f"gtts: the request to {self.host} failed ({type(cause).__name__})")


def _reason(error: Exception) -> str:
    """The innermost reason of a requests error: « certificate verify failed: unable to get local issuer certificate »."""
    found = re.search(r"certificate verify failed: [^)'\"]*", str(error))
    return found.group().strip() if found else type(error).__name__


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _endpoint() -> str | None:
    """$BRIEFING_GTTS_ENDPOINT: a URL that stands in for Google's (a mirror, or a test's fake)."""
    return os.environ.get("BRIEFING_GTTS_ENDPOINT") or None


def _tld(value: str) -> str:
    if not TLD.fullmatch(value):
        raise ValueError(f"is not a Google domain ending (fr, or ca for a Québec voice): {value!r}")
    return value


def _make(settings: Settings) -> GttsEngine:
    """Google's slow voice at ``SLOW_RATE`` and under; any other speed is left to atempo."""
    timeout = VOICE.setting(settings, "gtts_timeout")
    return GttsEngine(
        lang=settings.language, tld=VOICE.setting(settings, "gtts_tld"),
        slow=VOICE.setting(settings, "gtts_slow") or settings.rate <= SLOW_RATE, timeout=(timeout, timeout),
        workers=settings.workers, backoff=Backoff(tries=VOICE.setting(settings, "gtts_tries")),
        endpoint=VOICE.setting(settings, "gtts_endpoint"),
    )


def _leaves(rate: float) -> float:
    return 1.0 if rate <= SLOW_RATE else rate


def _shown(settings: Settings) -> str:
    engine = _make(settings)
    return (
        f"--tld {engine.tld} (accent: fr France, ca Québec), --slow (or --rate {SLOW_RATE:g} and under), "
        f"--workers {engine.workers}, --timeout {max(engine.timeout):g}, --fallback {offline_default().name}"
    )


_VOICE_STAGE = {"commands": ("make", "read"), "parts": ("voice",)}

VOICE = register(Voice(
    name=NAME,
    about="Google Translate's voice; online, natural",
    make=_make,
    options=(
        Option("gtts_tld", str, "fr", "gtts accent, as Google's domain ending: fr (France), ca (Québec).",
               key="voice.gtts.tld", flag="--tld", metavar="TLD", check=_tld, aliases=("voice.tld",), **_VOICE_STAGE),
        Option("gtts_slow", bool, False, f"gtts: read slowly (so does a --rate of {SLOW_RATE:g} or less).",
               key="voice.gtts.slow", flag="--slow", aliases=("voice.slow",), **_VOICE_STAGE),
        Option("gtts_timeout", float, 10.0, "gtts: seconds to wait to connect, and to read, per request.",
               key="voice.gtts.timeout", flag="--timeout", metavar="S", low=0.1, high=120.0, aliases=("voice.timeout",), **_VOICE_STAGE),
        Option("gtts_tries", int, 5, "gtts: calls per chunk before giving up on passing failures.",
               key="voice.gtts.tries", low=1, high=20, example=False, **_VOICE_STAGE),
        Option("gtts_endpoint", str, _endpoint, "gtts: a URL that stands in for Google's (a mirror); $BRIEFING_GTTS_ENDPOINT also sets it.",
               key="voice.gtts.endpoint", optional=True, shown="Google's", example=False, **_VOICE_STAGE),
    ),
    # Google's voice cannot be reached from where this was written: the
    # user's own measurements replace this after the first run with it.
    chars_per_second=14.5,
    leaves=_leaves,
    online=True,
    label="Google's voice",
    auto=1,
    shown_options=_shown,
))
