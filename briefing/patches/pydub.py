"""pydub pointed at the ffmpeg that ships with briefing, through the attribute all its conversions read.

pydub looks for ``avconv`` or ``ffmpeg`` on PATH when it is imported (warning
when neither is there: ours is not on PATH by design, so that warning is kept
from the user) and keeps the name in ``AudioSegment.converter``, which every
decode and encode runs. ``use_ffmpeg`` sets it to our binary, for pydub
``CHECKED_VERSION`` whose ``AudioSegment`` has that attribute; with any other
pydub it is left as pydub found it (ffmpeg on PATH), and the user is told so once.
"""

from __future__ import annotations

import warnings

from briefing.patches import fall_back, installed_version

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=RuntimeWarning, module="pydub")
    import pydub
    from pydub import AudioSegment

__all__ = ["AudioSegment", "guard", "use_ffmpeg"]

# The pydub whose AudioSegment.converter the wiring was checked against.
CHECKED_VERSION = "0.25.1"


def guard() -> str | None:
    """None if pydub is the one the wiring was checked against; else what differs."""
    version = installed_version(pydub, "pydub") or "(of unknown version)"
    if version != CHECKED_VERSION:
        return f"pydub {version} is not the version its ffmpeg wiring was checked against ({CHECKED_VERSION}): pydub looks for ffmpeg on PATH"
    if not isinstance(AudioSegment.__dict__.get("converter"), str):
        return f"pydub {version} has no AudioSegment.converter to point at briefing's ffmpeg: pydub looks for ffmpeg its own way"
    return None


def use_ffmpeg(exe: str) -> None:
    """Point pydub's conversions at the ffmpeg binary ``exe``, if the guard holds (else say so, once)."""
    if (unchecked := guard()) is not None:
        fall_back(unchecked)
        return
    AudioSegment.converter = exe
