"""Make the default podcast cover, ``cover.png`` (1400 × 1400, the smallest
square podcast directories accept), so its licence is ours.

Drawn with numpy: a night-blue to teal gradient, a white dot and three sound
waves. Deterministic; run ``make cover`` (or this file, optionally with an
output folder) to make it again.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import numpy as np

SIZE = 1400
HERE = Path(__file__).resolve().parent


def _smooth_edge(distance: np.ndarray) -> np.ndarray:
    """Coverage 1 inside (distance < 0), 0 outside, anti-aliased over one pixel."""
    return np.clip(0.5 - distance, 0.0, 1.0)


def draw() -> np.ndarray:
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64) + 0.5
    t = (x + y) / (2 * SIZE)
    top, bottom = np.array([11, 31, 58]), np.array([18, 96, 107])
    image = top * (1 - t)[..., None] + bottom * t[..., None]

    cx, cy = SIZE * 0.36, SIZE * 0.5
    r = np.hypot(x - cx, y - cy)
    angle = np.abs(np.arctan2(y - cy, x - cx))
    ink = _smooth_edge(r - SIZE * 0.07)  # the dot
    for i, radius in enumerate((0.17, 0.27, 0.37)):
        ring = _smooth_edge(np.abs(r - SIZE * radius) - SIZE * 0.022)
        # only the right-hand arc, with rounded-off ends
        arc = np.clip((0.85 - angle) * SIZE * radius / 2, 0.0, 1.0)
        ink = np.maximum(ink, ring * arc * (1.0 - 0.12 * i))
    image = image * (1 - ink[..., None]) + 255 * ink[..., None]
    return np.round(image).astype(np.uint8)


def png(pixels: np.ndarray) -> bytes:
    """A truecolour PNG of an (h, w, 3) uint8 array."""
    height, width, _ = pixels.shape
    raw = b"".join(b"\x00" + pixels[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main(argv: list[str]) -> int:
    out = (Path(argv[0]) if argv else HERE) / "cover.png"
    out.write_bytes(png(draw()))
    print(f"wrote {out} ({out.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
