"""The evidence archive in a folder (the default, `data/evidence/`): one host, one disk.

Files live at `<root>/<first two hex digits>/<sha256>`, so no directory grows past a few
thousand entries. A file is written under a temporary name, flushed to disk (fsync), then
renamed into place and its directory flushed: a file under its final name is always whole,
even after a power cut, and two processes writing the same bytes both end with one good copy.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path

from domain.evidence import check_sha256, sha256_of

_TEMP = ".tmp-"


class FolderEvidenceStore:
    name = "folder"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    async def put(self, data: bytes) -> str:
        sha256 = sha256_of(data)
        await asyncio.to_thread(self._write, sha256, data)
        return sha256

    async def get(self, sha256: str) -> bytes | None:
        return await asyncio.to_thread(self._read, self.path(sha256))

    async def has(self, sha256: str) -> bool:
        return await asyncio.to_thread(self.path(sha256).is_file)

    async def delete(self, sha256: str) -> None:
        await asyncio.to_thread(self.path(sha256).unlink, missing_ok=True)

    async def hashes(self) -> AsyncIterator[str]:
        for sha256 in await asyncio.to_thread(self._list):
            yield sha256

    async def close(self) -> None:
        return None

    def sweep(self, older_than: float = 3600.0) -> int:
        """Remove temporary files a killed writer left behind (older than `older_than` s, so a
        write in progress in another process is never touched). Returns how many."""
        if not self.root.is_dir():
            return 0
        limit, removed = time.time() - older_than, 0
        for temp in self.root.glob(f"*/{_TEMP}*"):
            try:
                if temp.stat().st_mtime < limit:
                    temp.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def _write(self, sha256: str, data: bytes) -> None:
        final = self.path(sha256)
        if final.is_file() and final.stat().st_size == len(data):
            return  # content-addressed: the same name holds the same bytes
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.parent / f"{_TEMP}{sha256}-{secrets.token_hex(4)}"
        try:
            with open(temp, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, final)
        finally:
            temp.unlink(missing_ok=True)
        _fsync_dir(final.parent)

    @staticmethod
    def _read(path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def _list(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return [
            entry.name
            for folder in self.root.iterdir()
            if folder.is_dir() and len(folder.name) == 2
            for entry in folder.iterdir()
            if not entry.name.startswith(_TEMP) and len(entry.name) == 64
        ]


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX: a directory entry lives in the directory)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
