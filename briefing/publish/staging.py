"""An episode's files made out of sight, then put in place together.

The files are written into a hidden folder inside the output folder
(``.briefing-staging.<owner>.<random>``), then :meth:`Staging.commit` renames
them into place. It first writes the list of them (``.ready``): a run killed
while renaming leaves that list, and the next run finishes the renames, since
every file on it is complete; a run killed before leaves a folder without
the list, which the next run removes. Either way no one ever sees a
half-written file, an episode's files appear together, and nothing a dead
run made stays behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from briefing.errors import BriefingError
from briefing.files import WriteError, owner_alive, owner_tag, remove_leftovers

PREFIX = ".briefing-staging."
READY = ".ready"


class Staging:
    """Files to be put in ``folder`` together. Use it as a context manager:
    on an error, whatever was staged is removed and ``folder`` is as it was."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(dir=self.folder, prefix=f"{PREFIX}{owner_tag()}."))
        except OSError as exc:
            raise WriteError(self.folder, exc) from None
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write what will be ``folder/name``."""
        if name not in self.names:
            self.names.append(name)
        return self.dir / name

    def locate(self, name: str) -> Path:
        """``name`` as it will be once committed: the staged file, else the folder's."""
        staged = self.dir / name
        return staged if name in self.names and staged.exists() else self.folder / name

    def commit(self) -> list[Path]:
        """Put every staged file in place; return their final paths, in the order they were staged."""
        present = [name for name in self.names if (self.dir / name).exists()]
        try:
            ready = self.dir / READY
            with open(ready, "w", encoding="utf-8") as listing:
                listing.write("\n".join(present) + "\n")
                listing.flush()
                os.fsync(listing.fileno())
            for name in present:
                os.replace(self.dir / name, self.folder / name)
        except OSError as exc:
            raise WriteError(self.folder / (present[0] if present else ""), exc) from None
        shutil.rmtree(self.dir, ignore_errors=True)
        return [self.folder / name for name in present]

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if exc is None:
            return
        self.discard()
        if isinstance(exc, OSError) and not isinstance(exc, BriefingError):
            raise WriteError(self.folder, exc) from None


def recover(folder: Path) -> list[Path]:
    """Finish or undo what runs that died left in ``folder``: a staging folder
    with its list has its renames finished, one without is removed, and
    temporary files are removed. Returns the files put in place."""
    placed: list[Path] = []
    remove_leftovers(folder)
    with contextlib.suppress(OSError):
        for staged in folder.glob(f"{PREFIX}*"):
            owner = staged.name[len(PREFIX):].rpartition(".")[0]
            if not staged.is_dir() or owner_alive(owner):
                continue
            ready = staged / READY
            if ready.is_file():
                for name in ready.read_text(encoding="utf-8").split("\n"):
                    if name and (staged / name).exists():
                        os.replace(staged / name, folder / name)
                        placed.append(folder / name)
            shutil.rmtree(staged, ignore_errors=True)
    return placed
