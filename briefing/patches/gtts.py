"""gTTS's request for one chunk, sent with the server's certificate checked, and where we say.

gTTS 2.5.4 sends with ``verify=False`` (and hushes urllib3's warning about
it): anyone between the user and Google could then speak in the briefing.
``ChunkRequest`` replaces two of gTTS's private methods: ``_prepare_requests``
(the same requests, sent to an endpoint instead of Google when one is given)
and ``stream`` (the request sent as requests sends any other, the certificate
verified, and Google's answer read as gTTS reads it). Both hold for gTTS
``CHECKED_VERSION`` whose two methods have the SHA-256 ``CHECKED_SOURCE``; with
any other gTTS, its own ``stream`` sends the request, and the user is told so
once.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterator

import requests
from gtts import gTTS, gTTSError
from gtts.version import __version__

from briefing.patches import fall_back, source_sha256

# The gTTS whose private methods ChunkRequest stands in for, and their source's SHA-256.
CHECKED_VERSION = "2.5.4"
CHECKED_SOURCE = "7eccda807eca46a2be0052177e1c518c7b05a7126df96401caa0de2cb78c77e3"


def guard() -> str | None:
    """None if gTTS is the one ``ChunkRequest`` was checked against; else what differs."""
    if __version__ != CHECKED_VERSION:
        why = f"gTTS {__version__} is not the version its requests were checked against ({CHECKED_VERSION})"
    elif source_sha256(gTTS._prepare_requests, gTTS.stream) != CHECKED_SOURCE:
        why = f"gTTS {__version__}'s request code is not the code it was checked against"
    else:
        return None
    return why + ": sending them gTTS's own way (the server's certificate may go unchecked)"


@functools.cache
def _unchecked() -> str | None:
    return guard()


def _whole(text: str) -> list[str]:
    """gTTS's tokenizer, made harmless: the chunk goes out as it is."""
    return [text]


class ChunkRequest(gTTS):
    """gTTS for one chunk (cut beforehand, sent whole), to ``endpoint`` instead of Google when one is given."""

    def __init__(
        self, text: str, *, lang: str, tld: str, slow: bool, timeout: tuple[float, float], endpoint: str | None
    ) -> None:
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

        The request is sent as requests sends any other: the certificate
        verified against its CA bundle (or ``REQUESTS_CA_BUNDLE``), proxies
        from the environment. Failures are gTTS's own ``gTTSError``.
        """
        if (unchecked := _unchecked()) is not None:
            fall_back(unchecked)
            yield from super().stream()
            return
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
