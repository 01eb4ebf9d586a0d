"""HTTP for sources: one GET with a timeout, a User-Agent and a size cap.

This, the gTTS engine and its reachability probe (``briefing.tts``) are the
only places that reach the network. The pipeline takes a ``Fetch`` (any
callable URL → ``Page``), so tests pass their own or point the real one at a
loopback server.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from briefing import __version__
from briefing.errors import InputError

USER_AGENT = f"briefing/{__version__} (French audio news briefing)"
TIMEOUT_S = 20.0  # for connecting, and for each read
DEADLINE_S = 30.0  # for the whole download: connecting, the headers, the body
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


def _opener(deadline):
    """urllib's opener for one download: its connections stop at ``deadline``, and
    redirects are followed to http(s) only (urllib would also follow ftp://).

    urllib (with http.client and ssl) is imported on the first download, not by
    every command that only reads files.
    """
    import urllib.error
    import urllib.request

    from briefing.sources import deadline as deadlines

    class HttpRedirectsOnly(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not is_url(newurl):
                raise urllib.error.HTTPError(newurl, code, f"redirected to {newurl}, not an http(s) URL", headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpRedirectsOnly, *deadlines.handlers(deadline))


class HttpFetch:
    """GET over HTTP(S) with urllib: redirects followed, nothing cached.

    ``timeout`` bounds connecting and each read; ``deadline`` the whole
    download, however slowly the server sends it.
    """

    def __init__(self, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT,
                 deadline: float = DEADLINE_S) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.deadline = deadline

    def __call__(self, url: str) -> Page:
        import urllib.error
        import urllib.request

        from briefing.sources.deadline import Deadline

        if not is_url(url):
            raise InputError(url, "is not an http(s) URL")
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "fr,en;q=0.5",
        })
        clock = Deadline(self.deadline, self.timeout)
        try:
            with _opener(clock).open(request, timeout=clock.wait()) as response:
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
            if str(exc.reason).startswith(urllib.request.HTTPRedirectHandler.inf_msg):
                raise InputError(url, f"is redirected in a loop (or more than "
                                      f"{urllib.request.HTTPRedirectHandler.max_redirections} times)") from None
            raise InputError(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise InputError(url, self._too_slow(clock)) from None
            raise InputError(url, f"cannot be reached ({getattr(reason, 'strerror', None) or reason})") from None
        except (TimeoutError, socket.timeout):
            raise InputError(url, self._too_slow(clock)) from None
        except (OSError, ValueError) as exc:  # connection reset, bad chunking, malformed URL…
            if clock.passed():
                raise InputError(url, self._too_slow(clock)) from None
            raise InputError(url, f"download failed ({exc})") from None

    def _too_slow(self, clock) -> str:
        if clock.passed():
            return f"took longer than {self.deadline:g} s to download (the limit)"
        return f"no answer within {self.timeout:g} s"

    def _read(self, response, url: str) -> bytes:
        """The body, in chunks (each socket read bounded by the download's deadline)."""
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(url, f"is too large (more than {self.max_bytes / 1e6:.0f} MB)")
            chunks.append(chunk)
        return b"".join(chunks)
