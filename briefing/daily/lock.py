"""One run at a time per output folder: an advisory lock on a file in it.

The lock is an ``flock`` on ``.briefing.lock``: the system releases it when
the process ends, even by a crash, so a stale lock never blocks a later run.
The file stays; it holds the process id of the run holding it, for messages.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from briefing.errors import BriefingError

LOCK_NAME = ".briefing.lock"


class Busy(BriefingError):
    """Another run holds the folder for longer than we may wait."""


@contextlib.contextmanager
def hold(folder: Path, wait_s: float, progress: Callable[[str], None] = lambda _: None,
         poll_s: float = 0.2) -> Iterator[None]:
    """Hold the folder's lock, waiting up to ``wait_s`` seconds for another run to finish."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path)
                if time.monotonic() >= deadline:
                    raise Busy(f"{folder}: another briefing run{holder} is still working on it; "
                               f"waited {wait_s:g} s, try again later") from None
                if not told:
                    progress(f"waiting for another briefing run{holder} to finish")
                    told = True
                time.sleep(poll_s)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


class Lease:
    """A lock held. ``confirm`` raises when it no longer is: a folder lock is
    held until the process lets it go, so it always is."""

    def confirm(self) -> None:
        pass


class FolderLocks:
    """The locks of runs on one machine: a feed's folder lock (above), and a
    claim on a cache key, an ``flock`` on one of 256 files in the cache
    folder's ``.claims`` (the system lets it go when its process ends)."""

    def __init__(self, wait_s: float = 15 * 60) -> None:
        self.wait_s = wait_s

    @contextlib.contextmanager
    def feed(self, folder: Path, progress: Callable[[str], None] = lambda _: None) -> Iterator[Lease]:
        with hold(folder, self.wait_s, progress):
            yield Lease()

    def claims(self, cache_dir: Path) -> Callable[[str], contextlib.AbstractContextManager[object]]:
        """Claims on the keys of the cache in ``cache_dir``."""
        return lambda key: _claim(Path(cache_dir) / ".claims" / key[:2])


@contextlib.contextmanager
def _claim(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the file lets the lock go
