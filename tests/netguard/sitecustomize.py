"""Put on PYTHONPATH of test subprocesses: no socket may leave this machine."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import guard  # noqa: E402

guard.install()
