"""``python killed_run.py ARGS…``: ``briefing ARGS…`` that kills itself with
SIGKILL, as the power going would, just before the Nth file is put in place
in the output folder ($BRIEFING_KILL_AT, counting only ``os.replace`` calls
whose destination is in $BRIEFING_KILL_FOLDER). With N = 0 it runs to the end
and writes how many there were to $BRIEFING_KILL_COUNT.

``python killed_run.py --serve``: the same runs, many of them, each a fork of
this one process, which has imported the command once (a run would spend most
of its CPU importing it again). It reads one request a line on standard input,
``{"args": […], "cwd": …, "env": {…}, "output": PATH}`` (the run's whole
environment; its standard output and error go to PATH), and answers each on
standard output with ``{"returncode": …}``, negative for a signal as
``subprocess`` says it. The server itself starts no thread, so a fork copies
no lock held mid-work.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import sys
import traceback
from pathlib import Path

_replace = os.replace
_seen = 0


def _killing_replace(src, dst, *args, **kwargs):
    global _seen
    if Path(dst).resolve().parent == Path(os.environ["BRIEFING_KILL_FOLDER"]).resolve():
        _seen += 1
        if _seen == int(os.environ["BRIEFING_KILL_AT"]):
            os.kill(os.getpid(), signal.SIGKILL)
    return _replace(src, dst, *args, **kwargs)


def _count() -> None:
    if os.environ["BRIEFING_KILL_AT"] == "0":
        Path(os.environ["BRIEFING_KILL_COUNT"]).write_text(str(_seen))


def _run(args: list[str]) -> int:
    """``briefing ARGS`` here, as its console script would run it: its exit code."""
    from briefing.cli import main

    os.replace = _killing_replace
    sys.argv = ["briefing", *args]
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = 0 if exit.code is None else exit.code
        if not isinstance(code, int):  # as Python says a message it exits with
            print(code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    _count()
    return code


def _forked(request: dict) -> int:
    """Run ``request`` in a child of this process; its return code."""
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the server's requests are not the run's input
            output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(output, 1)
            os.dup2(output, 2)
            code = _run(request["args"])
            atexit._run_exitfuncs()  # as the run's own process would at its end
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def serve() -> None:
    # imported once, for every run: the command and what a daily run imports when it starts
    import briefing.cli  # noqa: F401
    import briefing.daily.run  # noqa: F401
    import briefing.french.language  # noqa: F401
    import gtts  # noqa: F401

    for line in sys.stdin:
        print(json.dumps({"returncode": _forked(json.loads(line))}), flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        sys.exit(_run(sys.argv[1:]))
