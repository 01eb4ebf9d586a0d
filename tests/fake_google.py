"""A stand-in for Google Translate's voice endpoint, served on 127.0.0.1.

It speaks the protocol gTTS 2.5.4 uses: a POST of ``f.req=<JSON>`` whose RPC
``jQ1olc`` carries ``[text, lang, speed, "null"]``; an answer of ``)]}'`` and
JSON lines, the MP3 base64-encoded inside the ``jQ1olc`` line. What it
answers is chosen per request by a function of the call, so a test says what
Google does: speak, wait, rate-limit, stall, or talk nonsense.
"""

from __future__ import annotations

import base64
import json
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sound import tone_mp3

PATH = "/_/TranslateWebserverUi/data/batchexecute"


@dataclass(frozen=True)
class Call:
    text: str
    lang: str
    slow: bool
    attempt: int  # how many times this text was asked before


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    stall: bool = False  # never answer (until the server stops)


def batchexecute(mp3: bytes) -> bytes:
    """A body as Google sends it, with ``mp3`` as the audio."""
    inner = json.dumps([base64.b64encode(mp3).decode("ascii")])
    line = json.dumps([["wrb.fr", "jQ1olc", inner, None, None, None, "generic"], ["di", 57], ["af.httprm", 56, "-1", 21]], separators=(",", ":"))
    tail = json.dumps([["e", 4, None, None, len(line) + 40]], separators=(",", ":"))
    return f")]}}'\n\n{len(line)}\n{line}\n{len(tail)}\n{tail}\n".encode()


def speech(call: Call) -> Reply:
    """Default answer: a 440 Hz tone lasting about 4 ms per character (to 100 ms, so few are encoded)."""
    return Reply(body=batchexecute(tone_mp3(max(100, round(4 * len(call.text), -2)))))


class FakeGoogle:
    """Use as a context manager; ``url`` is the endpoint to point gTTS at."""

    def __init__(self, answer: Callable[[Call], Reply] = speech, delay: float = 0.0, tls=None) -> None:
        """``tls``: a ``trustme.CA`` to serve HTTPS with a certificate it issues for 127.0.0.1."""
        self.answer = answer
        self.delay = delay  # added to every POST
        self.calls: list[Call] = []
        self.answered: list[str] = []  # texts, in the order their answers were sent
        self.heads = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.scheme = "https" if tls else "http"
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.issue_cert("127.0.0.1").configure_cert(context)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self._server.server_port}{PATH}"

    @property
    def requests(self) -> int:
        """Every request seen: speech and probes."""
        return len(self.calls) + self.heads

    def texts(self) -> list[str]:
        return [c.text for c in self.calls]

    def __enter__(self) -> FakeGoogle:
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()

    def _record(self, text: str, lang: str, slow: bool) -> Call:
        with self._lock:
            call = Call(text, lang, slow, attempt=sum(1 for c in self.calls if c.text == text))
            self.calls.append(call)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        return call

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def do_HEAD(self) -> None:
                with fake._lock:
                    fake.heads += 1
                self.send_response(200)
                self.end_headers()

            def do_POST(self) -> None:
                form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                rpc = json.loads(form["f.req"][0])
                text, lang, speed, _ = json.loads(rpc[0][0][1])
                call = fake._record(text, lang, bool(speed))
                try:
                    reply = fake.answer(call)
                    time.sleep(fake.delay + reply.delay)  # timing-ok: the fake server's latency, no test waits on it
                finally:
                    fake._done()  # before answering: the client may send its next request at once
                if reply.stall:
                    fake._closing.wait(10)
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                with fake._lock:
                    fake.answered.append(text)

        return Handler
