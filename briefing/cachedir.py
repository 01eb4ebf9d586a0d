"""The cache folder, kept under a size limit: what no run has used for longest goes first.

Everything in it can be made again: voiced audio (``briefing.tts.cache``),
articles' facts (``briefing.factcache``), compiled templates. Reading an
entry marks it used (its modification time), so the audio of this week's
intro and outro stays while last month's stories go. The two small records of
measurements beside them (``voice-rates.json``, ``encoder-gain.json``) are kept.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

RECORDS = frozenset({"voice-rates.json", "encoder-gain.json"})
_UNFINISHED_S = 3600  # a temporary file this young may still be written by another run


@dataclass(frozen=True)
class Usage:
    files: int
    bytes: int

    @classmethod
    def of(cls, entries: list[tuple[str, int, float]]) -> Usage:
        return cls(len(entries), sum(size for _, size, _ in entries))

    def __str__(self) -> str:
        return f"{self.files} files, {self.bytes / 1e6:.1f} MB"


def mark_used(path: Path) -> None:
    """Note that ``path`` was just read, so it is the last to go."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache keeps working, its order unchanged


def usage(root: Path) -> Usage:
    return Usage.of(_entries(root))


def prune(root: Path, max_bytes: int) -> Usage:
    """Remove the least recently used entries until the folder holds at most ``max_bytes``; what went."""
    entries = _entries(root)
    total = Usage.of(entries).bytes
    files = freed = 0
    now = time.time()
    for path, size, used in sorted(entries, key=lambda entry: entry[2]):
        if total - freed <= max_bytes:
            break
        if os.path.basename(path).startswith(".") and now - used < _UNFINISHED_S:
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        files += 1
        freed += size
    return Usage(files, freed)


def clear(root: Path) -> Usage:
    """Empty the cache folder (the records of measurements too); what went."""
    entries = _entries(root, records=True)
    if root.is_dir():
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    return Usage.of(entries)


def _entries(root: Path, records: bool = False) -> list[tuple[str, int, float]]:
    """Every file below ``root`` with its size and last use, the records left out unless asked for."""
    found: list[tuple[str, int, float]] = []
    folders = [(str(root), True)]
    while folders:
        folder, top = folders.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            continue  # no cache yet, or removed by another run meanwhile
        with listing:
            for entry in listing:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, False))
                    elif not (top and entry.name in RECORDS and not records):
                        stat = entry.stat(follow_symlinks=False)
                        found.append((entry.path, stat.st_size, stat.st_mtime))
                except OSError:
                    continue
    return found
