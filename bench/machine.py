"""The machine a benchmark ran on, in one line for bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> str:
    """« nproc 2, AMD EPYC, Python 3.11.7, Linux x86_64 »."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    return f"nproc {os.cpu_count()}, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.machine()}"
