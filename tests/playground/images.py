"""Real PNG files for uploads, made with the standard library (no Pillow for two test images)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour RGB PNG."""
    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )


def photo_files(directory: Path, count: int) -> list[Path]:
    colours = [(200, 80, 60), (60, 140, 200), (90, 170, 90), (220, 190, 60)]
    paths = []
    for i in range(count):
        path = directory / f"photo-{i + 1}.png"
        path.write_bytes(png(64, 48, colours[i % len(colours)]))
        paths.append(path)
    return paths
