"""HTTP for sources: one GET with a timeout, a User-Agent and a size cap.

This, the gTTS engine and its reachability probe (``briefing.tts``) are the
only places that reach the network. The pipeline takes a ``Fetch`` (any
callable URL → ``Page``), so tests pass their own or point the real one at a
loopback server.
"""

from __future__ import annotations

import functools
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from briefing import __version__
from briefing.errors import InputError

USER_AGENT = f"briefing/{__version__} (French audio news briefing)"
TIMEOUT_S = 20.0  # for connecting, for each read, and for the whole download
MAX_BYTES = 5 * 1024 * 1024  # an article page or a feed is far smaller
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    """What a URL returned."""

    url: str  # after redirects
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    body: bytes


Fetch = Callable[[str], Page]


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@functools.cache
def _opener():
    """urllib's opener, following redirects to http(s) only (urllib would also follow ftp://).

    urllib (with http.client and ssl) is imported on the first download, not by
    every command that only reads files.
    """
    import urllib.error
    import urllib.request

    class HttpRedirectsOnly(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not is_url(newurl):
                raise urllib.error.HTTPError(newurl, code, f"redirected to {newurl}, not an http(s) URL", headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpRedirectsOnly)


class HttpFetch:
    """GET over HTTP(S) with urllib: redirects followed, nothing cached."""

    def __init__(self, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent

    def __call__(self, url: str) -> Page:
        import urllib.error
        import urllib.request

        if not is_url(url):
            raise InputError(url, "is not an http(s) URL")
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "fr,en;q=0.5",
        })
        try:
            with _opener().open(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise InputError(url, f"is too large ({int(length) / 1e6:.1f} MB; the limit is {self.max_bytes / 1e6:.0f} MB)")
                body = self._read(response, url)
                headers: Message = response.headers
                return Page(
                    url=response.geturl(),
                    content_type=headers.get_content_type(),
                    charset=headers.get_content_charset(),
                    body=body,
                )
        except urllib.error.HTTPError as exc:
            raise InputError(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise InputError(url, f"no answer within {self.timeout:g} s") from None
            raise InputError(url, f"cannot be reached ({getattr(reason, 'strerror', None) or reason})") from None
        except (TimeoutError, socket.timeout):
            raise InputError(url, f"no answer within {self.timeout:g} s") from None
        except (OSError, ValueError) as exc:  # connection reset, bad chunking, malformed URL…
            raise InputError(url, f"download failed ({exc})") from None

    def _read(self, response, url: str) -> bytes:
        deadline = time.monotonic() + self.timeout
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(url, f"is too large (more than {self.max_bytes / 1e6:.0f} MB)")
            if time.monotonic() > deadline:
                raise InputError(url, f"took longer than {self.timeout:g} s to download")
            chunks.append(chunk)
        return b"".join(chunks)
