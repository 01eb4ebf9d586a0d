"""Where briefing reaches into a library's internals: one module a library, each behind a guard.

A patch holds only for the code it was checked against: the library's exact
version, or a SHA-256 of what it replaces. When its guard fails, the
library's own path is taken and the user is told once per process, on one
line on stderr (the ``briefing.patches`` logger). tests/test_patches.py
asserts every guard against the installed libraries, so an upgrade that
breaks one fails the tests rather than the user's run.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

log = logging.getLogger("briefing.patches")

_said: set[str] = set()
_saying = threading.Lock()


def fall_back(message: str) -> None:
    """Tell the user, once per process, that a patch gives way to the library's own path."""
    with _saying:
        if message in _said:
            return
        _said.add(message)
    log.warning("briefing: %s", message)


def source_sha256(*objects: object) -> str | None:
    """The SHA-256 of the source code of ``objects``, one after the other; None if it cannot be read."""
    import inspect

    try:
        source = "".join(inspect.getsource(o) for o in objects)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    return hashlib.sha256(source.encode()).hexdigest()


def installed_version(module: object, distribution: str) -> str | None:
    """The version of ``distribution``, whose package ``module`` is.

    Read from the name of the ``dist-info`` folder beside the package (one
    directory listing), not through ``importlib.metadata``, whose import alone
    costs more than the rest of a command's start; that is asked only when no
    such folder is there.
    """
    folder = Path(getattr(module, "__file__", None) or ".").parent.parent
    prefix = distribution.replace("-", "_").lower() + "-"
    try:
        found = [p.name for p in folder.iterdir() if p.name.lower().startswith(prefix) and p.suffix == ".dist-info"]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len(prefix) : -len(".dist-info")]
    import importlib.metadata

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
