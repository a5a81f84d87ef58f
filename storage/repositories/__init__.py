"""SQL implementations of domain.ports' repositories, plus the bot runtime's queues."""

from storage.repositories.audit import SqlAuditLog
from storage.repositories.base import RecordRepository, SqlContext
from storage.repositories.catalog import (
    SqlCategoryRepository,
    SqlSettingRepository,
    SqlTemplateRepository,
)
from storage.repositories.drafts import SqlDraftRepository
from storage.repositories.evidence import EvidenceFiles, EvidenceQueue
from storage.repositories.inbox import SqlInboxRepository, update_chat_id
from storage.repositories.languages import SqlChatLanguageRepository
from storage.repositories.links import SqlMessageLinkRepository
from storage.repositories.outbox import SqlOutboxRepository
from storage.repositories.outbox_queue import OutboxQueue
from storage.repositories.people import (
    SqlAgencyRepository,
    SqlCitizenRepository,
    SqlInviteRepository,
    SqlStaffRepository,
)
from storage.repositories.tickets import (
    SqlAssignmentRepository,
    SqlAttachmentRepository,
    SqlEventRepository,
    SqlTicketRepository,
)

__all__ = [
    "EvidenceFiles",
    "EvidenceQueue",
    "OutboxQueue",
    "RecordRepository",
    "SqlAgencyRepository",
    "SqlAssignmentRepository",
    "SqlAttachmentRepository",
    "SqlAuditLog",
    "SqlCategoryRepository",
    "SqlChatLanguageRepository",
    "SqlCitizenRepository",
    "SqlContext",
    "SqlDraftRepository",
    "SqlEventRepository",
    "SqlInboxRepository",
    "SqlInviteRepository",
    "SqlMessageLinkRepository",
    "SqlOutboxRepository",
    "SqlSettingRepository",
    "SqlStaffRepository",
    "SqlTemplateRepository",
    "SqlTicketRepository",
    "update_chat_id",
]
