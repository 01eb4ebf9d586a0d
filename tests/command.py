"""The ``briefing`` command run in-process with Typer's ``CliRunner``, answering
as a subprocess would: exit code, standard output, standard error.

The language model and the voices load once for the whole test run instead of
once per command; the few tests that need a real process (a console script, a
signal, a killed run, a resource limit, two runs at once) still start one.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli import app


@dataclass(frozen=True)
class Ran:
    """What a shell sees of a finished command."""

    returncode: int
    stdout: str
    stderr: str
    stderr_bytes: bytes


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # Click 8.1: standard error apart
    except TypeError:
        return CliRunner()  # Click 8.2 and later: always apart


def briefing(*args: object, cwd: Path | str | None = None, env: dict[str, str] | None = None) -> Ran:
    """Run ``briefing ARGS`` in ``cwd`` with ``env`` added to the environment.

    An exception the command does not turn into a message is not caught: it
    fails the test with its traceback, where a user would have seen one.
    """
    with contextlib.chdir(cwd or os.getcwd()):
        result = _runner().invoke(app, [str(arg) for arg in args], env=env, catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr, result.stderr_bytes or b"")
