"""A real Redis server and real Celery workers for the cluster's tests.

Redis is Debian's ``redis-server`` (``.ci/run`` installs it), started on a
free loopback port with nothing saved to disk and stopped after. Workers are
``briefing worker`` subprocesses, each in its own process group (killing it
kills its pool too, as a machine lost would). Tests wait for what a process
says (a line of its log), never for a time.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from conftest import free_port, subprocess_env

STARTUP_S = 60
_SAID = threading.Condition()  # notified whenever any process says a line


def missing() -> str | None:
    """Why the cluster's tests cannot run here, or None."""
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError as exc:
        return f"Celery or redis-py is not installed ({exc.name}): pip install -e '.[test]'"
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (apt-get install redis-server)"
    return None


class Process:
    """A subprocess whose output lines are kept, and can be waited for."""

    def __init__(self, args: list[str], env: dict | None = None, cwd: Path | None = None) -> None:
        self.lines: list[str] = []
        self._seen = _SAID
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                     cwd=cwd, start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            with self._seen:
                self.lines.append(line.rstrip("\n"))
                self._seen.notify_all()
        with self._seen:
            self._seen.notify_all()

    def wait_for(self, pattern: str, timeout: float = STARTUP_S) -> str:
        """The first line matching ``pattern``, once the process has said it."""
        found = re.compile(pattern)
        with self._seen:
            ok = self._seen.wait_for(lambda: any(found.search(l) for l in self.lines) or self.proc.poll() is not None,
                                     timeout)
            match = next((l for l in self.lines if found.search(l)), None)
        if match is None:
            tail = "\n".join(self.lines[-30:])
            raise AssertionError(f"{pattern!r} never said ({'timed out' if not ok else 'process ended'}):\n{tail}")
        return match

    def said(self, pattern: str, since: int = 0) -> str | None:
        """The first line matching ``pattern`` (from line ``since`` on), or None."""
        found = re.compile(pattern)
        with self._seen:
            return next((l for l in self.lines[since:] if found.search(l)), None)

    def matching(self, pattern: str) -> list[re.Match]:
        found = re.compile(pattern)
        with self._seen:
            return [m for m in map(found.search, self.lines) if m]

    def kill(self) -> None:
        """SIGKILL to the whole process group: the process and its children die at once."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._reader.join(timeout=30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        self.kill()


def marks(processes: list[Process]) -> list[int]:
    """How many lines each process has said so far."""
    with _SAID:
        return [len(p.lines) for p in processes]


def first_to_say(processes: list[Process], pattern: str, since: list[int] | None = None,
                 timeout: float = 600) -> tuple[Process, str]:
    """The first of ``processes`` to say a line matching ``pattern`` (after the lines ``since`` counted), and the line."""
    with _SAID:
        since = since or [0] * len(processes)
        if not _SAID.wait_for(lambda: any(p.said(pattern, n) for p, n in zip(processes, since)), timeout):
            raise AssertionError(f"none of the processes said {pattern!r}")
        return next((p, p.said(pattern, n)) for p, n in zip(processes, since) if p.said(pattern, n))


class RedisServer(Process):
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        super().__init__(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                          "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no"])
        self.wait_for("Ready to accept connections")
        self.url = f"redis://127.0.0.1:{self.port}/0"


class Worker(Process):
    def __init__(self, url: str, name: str, env: dict, cwd: Path, redeliver_after: float = 600) -> None:
        self.name = name
        super().__init__([sys.executable, "-m", "briefing", "worker", "--cluster", url, "--redeliver-after",
                          str(redeliver_after), "--concurrency", "1", "--hostname", f"{name}@%h", "--without-mingle",
                          "--without-gossip"], env=env, cwd=cwd)

    def ready(self) -> Worker:
        """The worker, once it says it is ready for tasks."""
        self.wait_for(r"\bready\.")
        return self


def worker_env(cache: Path) -> dict[str, str]:
    return {**subprocess_env(), "BRIEFING_CACHE_DIR": str(cache)}
