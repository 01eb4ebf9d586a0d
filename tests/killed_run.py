"""``python killed_run.py ARGS…``: ``briefing ARGS…`` that kills itself with
SIGKILL, as the power going would, just before the Nth file is put in place
in the output folder ($BRIEFING_KILL_AT, counting only ``os.replace`` calls
whose destination is in $BRIEFING_KILL_FOLDER). With N = 0 it runs to the end
and writes how many there were to $BRIEFING_KILL_COUNT.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
from pathlib import Path

folder = Path(os.environ["BRIEFING_KILL_FOLDER"]).resolve()
at = int(os.environ["BRIEFING_KILL_AT"])
seen = 0
_replace = os.replace


def replace(src, dst, *args, **kwargs):
    global seen
    if Path(dst).resolve().parent == folder:
        seen += 1
        if seen == at:
            os.kill(os.getpid(), signal.SIGKILL)
    return _replace(src, dst, *args, **kwargs)


os.replace = replace
if at == 0:
    atexit.register(lambda: Path(os.environ["BRIEFING_KILL_COUNT"]).write_text(str(seen)))

from briefing.cli import main  # noqa: E402

sys.argv = ["briefing", *sys.argv[1:]]
main()
