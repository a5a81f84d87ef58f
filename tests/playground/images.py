"""Real PNG files for uploads, made with the standard library (no Pillow for a test image).

They show a simple street scene (sky, road, a dark pothole) so the screenshots in the README
look like a complaint rather than like colour swatches.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SKIES = [(150, 200, 240), (175, 205, 225), (160, 210, 195), (200, 190, 230)]


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _pixel(x: int, y: int, w: int, h: int, sky: tuple[int, int, int], hole: float) -> bytes:
    if y < h * 0.5:
        return bytes(sky)
    dx, dy = (x - w * hole) / (w * 0.16), (y - h * 0.75) / (h * 0.08)
    if dx * dx + dy * dy <= 1:
        return b"\x2a\x2a\x2a"
    if abs(y - h * 0.9) < 3 and (x // 24) % 2 == 0:
        return b"\xf0\xf0\xf0"
    return b"\x78\x7d\x83"


def street_png(width: int, height: int, variant: int = 0) -> bytes:
    """A PNG of a road with a pothole; `variant` changes the sky and where the hole is."""
    sky = SKIES[variant % len(SKIES)]
    hole = 0.3 + 0.15 * (variant % 3)
    rows = b"".join(
        b"\x00" + b"".join(_pixel(x, y, width, height, sky, hole) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def photo_files(directory: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = directory / f"photo-{i + 1}.png"
        path.write_bytes(street_png(240, 160, i))
        paths.append(path)
    return paths
