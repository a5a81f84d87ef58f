"""The JSON shapes of Open311 answers, for the OpenAPI document (and so for schemathesis).

The routes write their bodies themselves (web/open311/wire.py, also XML); these models only
describe them, field for field as GeoReport v2 names them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Error(BaseModel):
    code: int
    description: str


class Endpoint(BaseModel):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class Discovery(BaseModel):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class Service(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class AttributeValue(BaseModel):
    key: str
    name: str


class Attribute(BaseModel):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str
    order: int
    description: str
    values: list[AttributeValue]


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[Attribute]


class ServiceRequest(BaseModel):
    service_request_id: str
    status: str = Field(description="open or closed")
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


class Token(BaseModel):
    token: str
    service_request_id: str | None


class Created(BaseModel):
    """Either the tracking code (known at once) or a token to poll (pending verification)."""

    service_request_id: str | None = None
    token: str | None = None
    service_notice: str | None = None
    account_id: str | None = None


def responses(model: Any, *, extra: tuple[int, ...] = ()) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` of an Open311 operation: its JSON model, XML, and errors."""
    xml = {"text/xml": {"schema": {"type": "string"}}}
    error = {
        "model": list[Error],
        "content": xml,
    }
    documented: dict[int | str, dict[str, Any]] = {
        200: {"model": model, "content": xml, "description": "JSON or XML, as the path says"},
        304: {"description": "not modified (If-None-Match)"},
        400: {**error, "description": "a parameter is not valid (Open311 errors)"},
        404: {**error, "description": "not found (Open311 errors)"},
    }
    for status in extra:
        documented[status] = {**error, "description": "refused (Open311 errors)"}
    return documented
