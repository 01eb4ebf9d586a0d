"""The podcast's cover image: the user's, or one briefing draws.

Podcast apps want a square JPEG or PNG of 1400 to 3000 pixels. Without a
cover in the configuration, briefing draws a plain one (a sound wave on dark
blue) as a PNG, with zlib alone, so its licence is the project's own.
"""

from __future__ import annotations

import shutil
import struct
import urllib.parse
import zlib
from pathlib import Path

from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.files import atomic_path

SIZE = 1400
BACKGROUND = bytes((0x12, 0x2b, 0x4a))
WAVE = bytes((0xf2, 0xb1, 0x34))
BAR_HEIGHTS = (180, 340, 520, 300, 640, 820, 560, 940, 560, 820, 640, 300, 520, 340, 180)
BAR_WIDTH, GAP = 50, 30


def default_png() -> bytes:
    """The drawn cover, as PNG bytes."""
    left = (SIZE - len(BAR_HEIGHTS) * BAR_WIDTH - (len(BAR_HEIGHTS) - 1) * GAP) // 2
    rows: dict[tuple[int, ...], bytes] = {}
    raw = bytearray()
    for y in range(SIZE):
        lit = tuple(i for i, h in enumerate(BAR_HEIGHTS) if abs(y - SIZE // 2) < h // 2)
        if lit not in rows:
            row = bytearray(BACKGROUND * SIZE)
            for i in lit:
                x = left + i * (BAR_WIDTH + GAP)
                row[3 * x:3 * (x + BAR_WIDTH)] = WAVE * BAR_WIDTH
            rows[lit] = b"\x00" + bytes(row)  # filter type 0 for each scanline
        raw += rows[lit]
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def publish(settings: Settings, folder: Path) -> str:
    """Put the cover in the output folder (unless it is a URL) and return its URL."""
    if settings.cover.lower().startswith(("http://", "https://")):
        return settings.cover
    if settings.cover:
        source = Path(settings.cover)
        if not source.is_file():
            raise BriefingError(f"{source}: the cover image does not exist")
        target = folder / f"cover{source.suffix.lower().replace('.jpeg', '.jpg')}"
        if not target.exists() or target.read_bytes() != source.read_bytes():
            with atomic_path(target) as tmp:
                shutil.copyfile(source, tmp)
    else:
        target = folder / "cover.png"
        if not target.exists():
            with atomic_path(target) as tmp:
                tmp.write_bytes(default_png())
    return urllib.parse.urljoin(settings.base_url, urllib.parse.quote(target.name))
