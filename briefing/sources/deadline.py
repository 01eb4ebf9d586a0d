"""urllib handlers whose connections stop at a deadline for the whole download.

A socket timeout bounds one read; a server that sends a byte now and then
never trips it. Here every socket operation of a download (connecting, the
TLS handshake, sending the request, each read of the headers and the body)
may block only for the per-read timeout cut to the time left, and fails with
``DeadlinePassed`` once none is left.

Imported on the first download only (it imports urllib, http.client and ssl).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.request
from functools import partial


class DeadlinePassed(TimeoutError):
    """The download's time is up."""


class Deadline:
    """A download's clock: ``seconds`` in all, ``per_read`` at most for any one socket operation."""

    def __init__(self, seconds: float, per_read: float) -> None:
        self.seconds = seconds
        self.per_read = per_read
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def wait(self) -> float:
        """How long the next socket operation may block."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise DeadlinePassed(f"took longer than {self.seconds:g} s")
        return min(self.per_read, left)


class _Armed:
    """A socket that sets its timeout from its deadline before each operation."""

    deadline: Deadline | None = None

    def _arm(self) -> None:
        if self.deadline is not None:
            self.settimeout(self.deadline.wait())

    def recv(self, *args, **kwargs):
        self._arm()
        return super().recv(*args, **kwargs)

    def recv_into(self, *args, **kwargs):
        self._arm()
        return super().recv_into(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self._arm()
        return super().sendall(*args, **kwargs)


class _PlainSocket(_Armed, socket.socket):
    pass


class _TlsSocket(_Armed, ssl.SSLSocket):
    pass


class _HttpConnection(http.client.HTTPConnection):
    def __init__(self, *args, deadline: Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        self.timeout = self.deadline.wait()
        super().connect()
        plain = self.sock
        self.sock = _PlainSocket(plain.family, plain.type, plain.proto, fileno=plain.detach())
        self.sock.deadline = self.deadline


class _HttpsConnection(http.client.HTTPSConnection):
    def __init__(self, *args, deadline: Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        # the handshake is one operation, bounded as a whole by the socket's timeout
        self.timeout = self.deadline.wait()
        super().connect()  # wraps the socket with the context below: a _TlsSocket
        self.sock.deadline = self.deadline


def _tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    context.sslsocket_class = _TlsSocket
    return context


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        return self.do_open(partial(_HttpConnection, deadline=self.deadline), req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        self.context = _tls_context()
        super().__init__(context=self.context)
        self.deadline = deadline

    def https_open(self, req):
        return self.do_open(partial(_HttpsConnection, deadline=self.deadline), req, context=self.context)


def handlers(deadline: Deadline) -> list[urllib.request.BaseHandler]:
    """The HTTP and HTTPS handlers of one download, for ``urllib.request.build_opener``."""
    return [_HttpHandler(deadline), _HttpsHandler(deadline)]
