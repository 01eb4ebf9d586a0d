"""A static file server for the output folder, as podcast apps need it.

Podcast apps seek and resume with HTTP Range requests, so a single byte
range (``bytes=a-b``, ``bytes=a-``, ``bytes=-n``) is answered with 206 and
exactly those bytes; a range past the end gets 416. Files are sent with their
MIME types (``audio/mpeg``, ``application/rss+xml``, ``text/vtt``…).

What it serves: regular files that resolve inside the folder (a link may
point to a file of the folder, never out of it), and ``/`` as ``index.html``.
Never a folder listing, never a hidden file (the run's state and lock), however
the path is written or encoded; a malformed path gets 400. A client must send
its request within ``timeout`` seconds, and take each part of the answer
within as long, or it is let go.
"""

from __future__ import annotations

import email.utils
import http.server
import io
import mimetypes
import os
import re
import shutil
import stat
import time
import urllib.parse
from http import HTTPStatus
from pathlib import Path

from briefing.errors import shown

TYPES = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
TIMEOUT_S = 20.0
INDEX = "index.html"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class BadPath(ValueError):
    """A request path that is not a well-formed path to a file."""


def parts(target: str) -> list[str]:
    """The decoded segments of a request's path (query and fragment left out); ``BadPath`` when it is malformed.

    Each segment is decoded on its own, so « %2F » is never a separator; a
    segment that decodes to something unprintable, or is not UTF-8, is malformed.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or _LONE_PERCENT.search(path):
        raise BadPath(target)
    decoded = []
    for raw in filter(None, path.split("/")):
        try:
            segment = urllib.parse.unquote(raw, errors="strict")
        except UnicodeDecodeError:
            raise BadPath(target) from None
        if "/" in segment or shown(segment) != segment:
            raise BadPath(target)
        decoded.append(segment)
    return decoded


def resolve(root: Path, segments: list[str]) -> Path | None:
    """The file ``segments`` name under ``root`` (a resolved folder), links followed; None when it is
    hidden, or leads out of the folder. (Whether it is a regular file is checked once it is open.)"""
    if any(segment.startswith(".") for segment in segments):  # hidden, or « . » and « .. »
        return None
    real = Path(os.path.realpath(root.joinpath(*segments)))
    if not real.is_relative_to(root) or real == root:
        return None
    if any(part.startswith(".") for part in real.relative_to(root).parts):  # a link to a hidden file
        return None
    return real


class _Slice:
    """``length`` bytes of a file from where it stands."""

    def __init__(self, file, length: int) -> None:
        self.file = file
        self.left = length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.file.close()


class _HeadReader(io.RawIOBase):
    """The connection's reader: each read waits at most until the request's time is up."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.handler.request_ends - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self.handler.connection.settimeout(min(left, self.handler.timeout))
        return self.handler.connection.recv_into(buffer)


class Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for the regular files of one folder, with single byte ranges."""

    server_version = "briefing"
    quiet = False
    root = Path(".")  # resolved; set by make_server
    timeout = TIMEOUT_S
    request_ends = 0.0

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the plain reader: each of its reads could wait the whole timeout
        self.rfile = io.BufferedReader(_HeadReader(self))

    def handle_one_request(self) -> None:
        self.request_ends = time.monotonic() + self.timeout
        super().handle_one_request()

    def do_GET(self) -> None:
        file = self.send_head()
        if file:
            try:
                self.copyfile(file, self.wfile)
            finally:
                file.close()

    def do_HEAD(self) -> None:
        file = self.send_head()
        if file:
            file.close()

    def guess_type(self, path: str | os.PathLike) -> str:
        return TYPES.get(Path(path).suffix.lower()) or mimetypes.guess_type(path)[0] or "application/octet-stream"

    def send_head(self):
        self.connection.settimeout(self.timeout)  # the request is in: now each write gets its own time
        try:
            segments = parts(self.path)
        except BadPath:
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed path")
            return None
        path = resolve(self.root, segments or [INDEX])
        file = _open_regular(path) if path else None
        if file is None:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            info = os.fstat(file.fileno())
            size = info.st_size
            modified = email.utils.formatdate(info.st_mtime, usegmt=True)
            wanted = self._range(size, modified)
            if wanted == "unsatisfiable":
                file.close()
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.send_header("Accept-Ranges", "bytes")
                self.end_headers()
                return None
            if wanted is None:
                start, length = 0, size
                self.send_response(HTTPStatus.OK)
            else:
                start, end = wanted
                length = end - start + 1
                self.send_response(HTTPStatus.PARTIAL_CONTENT)
                self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Length", str(length))
            self.send_header("Last-Modified", modified)
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            file.seek(start)
            return _Slice(file, length)
        except BaseException:
            file.close()
            raise

    def _range(self, size: int, modified: str) -> tuple[int, int] | str | None:
        """The byte range asked for: (first, last), "unsatisfiable", or None for the whole file."""
        header = self.headers.get("Range")
        if not header:
            return None
        if_range = self.headers.get("If-Range")
        if if_range and if_range != modified:
            return None  # the file changed since the client's copy: send it whole
        match = _RANGE.match(header.strip().replace(" ", ""))
        if not match or match.groups() == ("", ""):
            return None  # several ranges or another unit: the whole file is a valid answer
        first, last = match.groups()
        if first == "":  # the last N bytes
            if int(last) == 0:
                return "unsatisfiable"
            return max(0, size - int(last)), size - 1
        start = int(first)
        end = size - 1 if last == "" else min(int(last), size - 1)
        if start >= size or (last != "" and int(last) < start):
            return "unsatisfiable"
        return start, end

    def copyfile(self, source, outputfile) -> None:
        try:
            shutil.copyfileobj(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the app stopped listening (it seeks by closing and asking again)

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def _open_regular(path: Path):
    """``path`` opened for reading when it is a regular file (checked once open); else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return open(fd, "rb")


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False,
                timeout: float = TIMEOUT_S) -> http.server.ThreadingHTTPServer:
    """A threaded server for ``folder``; ``port`` 0 picks a free one."""
    handler = type("FolderHandler", (Handler,), {"quiet": quiet, "root": Path(os.path.realpath(folder)), "timeout": timeout})
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
