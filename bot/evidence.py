"""The evidence store named by the settings (`EVIDENCE_STORE`, `EVIDENCE_DIR`)."""

from __future__ import annotations

from bot.settings import Settings
from domain.evidence import EvidenceStore
from storage.database import Database
from storage.evidence import DatabaseEvidenceStore, FolderEvidenceStore


def open_evidence_store(settings: Settings, db: Database) -> EvidenceStore:
    """`db` is the process's database (the database store shares its engine)."""
    if settings.evidence_store == "database":
        return DatabaseEvidenceStore(db)
    store = FolderEvidenceStore(settings.evidence_dir)
    store.sweep()  # what a killed writer left, long ago
    return store
