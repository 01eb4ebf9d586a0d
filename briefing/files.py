"""Writing files so that a crash never leaves a half-written one in place, reading back the small records kept that way,
and reading the files a user names: regular files only."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from briefing.errors import BriefingError, InputError


class WriteError(BriefingError, OSError):
    """A file that could not be written (disk full, read-only folder…); what was there is kept."""

    def __init__(self, target: Path, exc: OSError) -> None:
        why = exc.strerror or str(exc)
        super().__init__(f"{target}: cannot be written ({why}); what was there before is kept")
        self.errno = exc.errno


def owner_tag() -> str:
    """Names this process among the runs that may share a folder: host and process id."""
    return f"{socket.gethostname().replace('.', '-')}-{os.getpid()}"


# Temporary files and folders are named after the process that makes them, so
# a later run can tell a dead run's leftovers from a live run's work.
_TEMPORARY = re.compile(r"^\..+\.(?P<owner>[^.]+-\d+)\.[^.]+\.part$")


def temporary_owner(name: str) -> str | None:
    """The owner tag of a temporary file's name (see :func:`atomic_path`), or None."""
    found = _TEMPORARY.match(name)
    return found["owner"] if found else None


def owner_alive(owner: str) -> bool:
    """Whether the run an owner tag names may still be at work: a process of
    another host is assumed alive; one of this host is checked."""
    host, _, pid = owner.rpartition("-")
    if host != socket.gethostname().replace(".", "-"):
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, OverflowError):
        return True
    return True


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place on success.

    On any exception the temporary file is removed and ``target`` keeps its
    previous content (or stays absent); an ``OSError`` becomes a
    :class:`WriteError` naming ``target``. The temporary file is named
    ``.<name>.<owner>.<random>.part``: a run killed before it could remove it
    leaves it to the next run (:func:`remove_leftovers`).
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{owner_tag()}.", suffix=".part")
        os.close(fd)
    except OSError as exc:
        raise WriteError(target, exc) from None
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, BriefingError):
            raise WriteError(target, exc) from None
        raise


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files of runs that died in ``folder``; return them."""
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.glob(".*.part"):
            owner = temporary_owner(path.name)
            if owner is None or not owner_alive(owner):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def check_writable_folder(folder: Path) -> None:
    """Make sure ``folder`` is, or can be made, a folder this process can
    write in, before any work; a ``BriefingError`` naming it otherwise.
    Nothing is created."""
    folder = Path(folder)
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise BriefingError(f"{folder}: {'is' if existing == folder else f'{existing} is'} a file; the output goes in a folder")
    if existing != folder:
        if not os.access(existing, os.W_OK | os.X_OK):
            raise BriefingError(f"{folder}: cannot be made in {existing} (permission denied or read-only)")
        return
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".briefing-probe.{owner_tag()}.", suffix=".part")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise BriefingError(f"{folder}: cannot write in this folder ({exc.strerror or exc})") from None


def write_text(target: Path, text: str) -> None:
    """Write UTF-8 text to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def read_record(path: Path) -> dict:
    """The JSON object in ``path``; empty when it is missing, unreadable or not an object (it is then made again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def not_regular(path: Path) -> str | None:
    """Why ``path`` is no file to read: « no such file », « is a FIFO, not a regular file »…; None for a regular file (or a link to one)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "no such file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"is {kind}, not a regular file"


def read_regular(path: Path, name: str | None = None, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``; ``InputError`` naming ``name`` (the path by default) otherwise.

    A FIFO, a device or a socket is refused before it is opened: reading one
    waits for a writer, never ends, or has effects. So is a file over ``max_bytes``.
    """
    name = str(path) if name is None else name
    problem = not_regular(path)
    if problem:
        raise InputError(name, problem)
    try:
        # not blocking, and checked again once open: it may have been swapped since
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as file:
            opened = os.fstat(file.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise InputError(name, "changed while being opened, and is no longer a regular file")
            if max_bytes is not None and opened.st_size > max_bytes:
                raise InputError(name, f"is too large ({opened.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
            data = file.read() if max_bytes is None else file.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(name, f"is too large (more than {max_bytes / 1e6:.0f} MB)")
    return data
