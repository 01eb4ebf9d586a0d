"""A static file server for the output folder, as podcast apps need it.

Podcast apps seek and resume with HTTP Range requests, so a single byte
range (``bytes=a-b``, ``bytes=a-``, ``bytes=-n``) is answered with 206 and
exactly those bytes; a range past the end gets 416. Files are sent with their
MIME types (``audio/mpeg``, ``application/rss+xml``, ``text/vtt``…). Hidden
files (the run's state and lock) are never served.
"""

from __future__ import annotations

import email.utils
import html
import http.server
import io
import os
import re
import urllib.parse
from functools import partial
from http import HTTPStatus
from pathlib import Path

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
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


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


class Handler(http.server.SimpleHTTPRequestHandler):
    """GET and HEAD for the files of one folder, with single byte ranges."""

    server_version = "briefing"
    quiet = False

    def guess_type(self, path: str | os.PathLike) -> str:
        return TYPES.get(Path(path).suffix.lower()) or super().guess_type(path)

    def send_head(self):
        relative = self.path.split("?", 1)[0].split("#", 1)[0]
        if any(part.startswith(".") for part in relative.split("/") if part):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            return super().send_head()  # index.html or a listing (hidden files left out)
        try:
            file = open(path, "rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            stat = os.fstat(file.fileno())
            size = stat.st_size
            modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
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

    def list_directory(self, path):
        """A plain list of the folder's files, hidden ones left out."""
        names = sorted(n for n in os.listdir(path) if not n.startswith("."))
        items = "".join(f'<li><a href="{urllib.parse.quote(n)}">{html.escape(n)}</a></li>' for n in names)
        body = f'<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>briefing</title><ul>{items}</ul></html>'.encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile) -> None:
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the app stopped listening (it seeks by closing and asking again)

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A threaded server for ``folder``; ``port`` 0 picks a free one."""
    handler = type("FolderHandler", (Handler,), {"quiet": quiet})
    server = http.server.ThreadingHTTPServer((host, port), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server
