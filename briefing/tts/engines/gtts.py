"""The Google Translate voice, through gTTS: one request per chunk of French.

gTTS sends the HTTP request and reads Google's answer; we choose what it
sends. Each chunk is already cut by ``briefing.tts.chunks`` (at most 100
characters, French boundaries), so gTTS gets no pre-processors and a
tokenizer that keeps the chunk whole. Every request has a connect and a read
timeout; a rate limit, a server error, a lost connection or a timeout is
tried again (``briefing.tts.retry``); an answer without audio is an error,
never silence.
"""

from __future__ import annotations

import base64
import email.utils
import re
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import requests
from gtts import gTTS, gTTSError
from gtts.lang import tts_langs
from gtts.utils import _translate_url
from pydub.exceptions import CouldntDecodeError

from briefing.errors import EngineError
from briefing.ffmpeg import AudioSegment, decode_mp3
from briefing.tts import chunks
from briefing.tts.retry import Backoff, Transient

# tld of a Google host: « fr » (France), « ca » (Québec), « com.au »…
TLD = re.compile(r"[a-z]{2,3}(?:\.[a-z]{2,3})?")


def _whole(text: str) -> list[str]:
    """gTTS's tokenizer, made harmless: our chunk goes out as it is."""
    return [text]


class _ChunkRequest(gTTS):
    """gTTS for one chunk, sent to ``endpoint`` instead of Google when one is given."""

    def __init__(self, text: str, *, lang: str, tld: str, slow: bool, timeout: tuple[float, float], endpoint: str | None) -> None:
        super().__init__(
            text, tld=tld, lang=lang, slow=slow, lang_check=False,
            pre_processor_funcs=[], tokenizer_func=_whole, timeout=timeout,
        )
        self.endpoint = endpoint

    def _prepare_requests(self) -> list[requests.PreparedRequest]:
        prepared = super()._prepare_requests()
        if self.endpoint:
            for request in prepared:
                request.prepare_url(self.endpoint, None)
        return prepared

    def stream(self) -> Iterator[bytes]:
        """gTTS's request and reading of the answer, with the server's certificate checked.

        gTTS 2.5.4 sends with ``verify=False`` (and hushes urllib3's warning
        about it): anyone between the user and Google could then speak in the
        briefing. Here the request is sent as requests sends any other: the
        certificate verified against its CA bundle (or ``REQUESTS_CA_BUNDLE``),
        proxies from the environment. Failures are gTTS's own ``gTTSError``.
        """
        for prepared in self._prepare_requests():
            try:
                with requests.Session() as session:
                    settings = session.merge_environment_settings(prepared.url, {}, None, None, None)
                    response = session.send(prepared, timeout=self.timeout, **settings)
                response.raise_for_status()
            except requests.HTTPError:
                raise gTTSError(tts=self, response=response) from None
            except requests.RequestException as exc:
                raise gTTSError(tts=self) from exc
            for line in response.iter_lines(chunk_size=1024):
                line = line.decode("utf-8")
                if _RPC in line:
                    audio = _AUDIO.search(line)
                    if not audio:
                        raise gTTSError(tts=self, response=response)
                    yield base64.b64decode(audio.group(1).encode("ascii"))


_RPC = "jQ1olc"  # the RPC whose answer carries the audio, as gTTS reads it
_AUDIO = re.compile(r'jQ1olc","\[\\"(.*)\\"]')


class GttsEngine:
    """Google Translate's French voice; needs the network."""

    name = "gtts"

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
        return self.endpoint or _translate_url(tld=self.tld)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    def chunks(self, text: str) -> list[str]:
        return chunks.split(text, limit=gTTS.GOOGLE_TTS_MAX_CHARS)

    def fetch(self, chunk: str) -> bytes:
        """The MP3 of one chunk (at most 100 characters), tried again on passing failures."""
        return self.backoff.run(lambda: self._once(chunk))

    def _once(self, chunk: str) -> bytes:
        request = _ChunkRequest(chunk, lang=self.lang, tld=self.tld, slow=self.slow, timeout=self.timeout, endpoint=self.endpoint)
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
