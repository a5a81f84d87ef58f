"""Evidence stores (domain.evidence.EvidenceStore): a folder, or the database itself."""

from storage.evidence.database import DatabaseEvidenceStore
from storage.evidence.folder import FolderEvidenceStore

__all__ = ["DatabaseEvidenceStore", "FolderEvidenceStore"]
