"""The city's evidence archive: every photo and document of every ticket, kept by the city.

Telegram's file ids belong to one bot and WhatsApp's media links expire within minutes, so the
bytes a citizen or an officer attached are copied once into a store the city owns. The store
is content-addressed: a file's name is the SHA-256 of its bytes, so the same picture sent twice
is kept once, and a file that no longer hashes to its name is known to be corrupt.

`EvidenceStore` is the port. The folder, database and any later store implement it, and pass
one contract test (tests/contract/test_evidence_store.py). Readers (the sender re-uploading
after a bot change, the public website) only need `get(sha256)`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_sha256(value: str) -> str:
    """A store key is 64 lowercase hex digits, nothing else: it becomes a path or a URL part,
    so anything looser (`..`, slashes) is refused before it gets there."""
    if not _SHA256.match(value):
        raise ValueError(f"not a SHA-256 hex digest: {value[:80]!r}")
    return value


@dataclass(frozen=True)
class StoredEvidence:
    """What the archive knows about one file; recorded on every attachment that has it."""

    sha256: str
    size: int
    mime_type: str


class EvidenceStore(Protocol):
    """Immutable, content-addressed bytes. Every method is idempotent."""

    @property
    def name(self) -> str:
        """`folder`, `database`, ...: for logs, `aduan evidence verify` and backup manifests."""
        ...

    async def put(self, data: bytes) -> str:
        """Keep `data` (once, however often it is put) and return its SHA-256. Returns only
        after the bytes are durable: the caller then records the hash in the database."""
        ...

    async def get(self, sha256: str) -> bytes | None:
        """The bytes, or None when the store does not have them. Not re-hashed here: readers
        that must be sure (verify, restore) hash what they got."""
        ...

    async def has(self, sha256: str) -> bool: ...

    async def delete(self, sha256: str) -> None:
        """Forget the bytes (retention, erasure); nothing happens if they are not there."""
        ...

    def hashes(self) -> AsyncIterator[str]:
        """Every SHA-256 the store holds, in no particular order (verify, backup)."""
        ...

    async def close(self) -> None: ...
