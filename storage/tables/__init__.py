"""Every table, imported together so `SQLModel.metadata` is complete for Alembic and tests."""

from storage.tables.audit import AuditLogRow
from storage.tables.base import NAMING_CONVENTION, table_of
from storage.tables.catalog import CategoryRow, SettingRow, TemplateRow
from storage.tables.evidence import (
    EvidenceBlobRow,
    EvidenceDownloadRow,
    EvidenceFileRow,
    EvidencePurgeRow,
)
from storage.tables.flood import FloodCountRow
from storage.tables.machinery import DraftRow, InboxUpdateRow, MessageLinkRow, OutboxMessageRow
from storage.tables.open311 import ApiKeyRow, Open311RequestRow
from storage.tables.people import AgencyRow, ChatLanguageRow, CitizenRow, InviteRow, StaffRow
from storage.tables.scheduling import JobMarkRow, ReportRequestRow, SlaReminderRow, UploadRow
from storage.tables.tickets import AssignmentRow, AttachmentRow, TicketEventRow, TicketRow

__all__ = [
    "NAMING_CONVENTION",
    "AgencyRow",
    "ApiKeyRow",
    "AssignmentRow",
    "AttachmentRow",
    "AuditLogRow",
    "CategoryRow",
    "ChatLanguageRow",
    "CitizenRow",
    "DraftRow",
    "EvidenceBlobRow",
    "EvidenceDownloadRow",
    "EvidenceFileRow",
    "EvidencePurgeRow",
    "FloodCountRow",
    "InboxUpdateRow",
    "InviteRow",
    "JobMarkRow",
    "MessageLinkRow",
    "Open311RequestRow",
    "OutboxMessageRow",
    "ReportRequestRow",
    "SettingRow",
    "SlaReminderRow",
    "StaffRow",
    "TemplateRow",
    "TicketEventRow",
    "TicketRow",
    "UploadRow",
    "table_of",
]
