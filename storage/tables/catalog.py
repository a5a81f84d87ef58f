"""Reference data admins manage: categories, canned responses and run-time settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from storage.tables import base as _base  # noqa: F401  (naming convention first)


class CategoryRow(SQLModel, table=True):
    __tablename__ = "category"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    default_agency_id: int | None = Field(default=None, foreign_key="agency.id")
    auto_verify: bool = False
    sla_overrides: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    name_en: str | None = None
    active: bool = True
    sort_order: int = 0


class TemplateRow(SQLModel, table=True):
    __tablename__ = "template"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    text: str
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSON, nullable=True)
