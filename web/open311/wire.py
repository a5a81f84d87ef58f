"""Open311 GeoReport v2 on the wire: JSON and XML bodies, and the spec's error format.

The spec's XML wraps lists in a plural element and each item in a singular one
(`<service_requests><request>…`, `<services><service>…`, `<errors><error>…`); JSON is the
same list without the wrappers. Values are written as the spec writes them: booleans as
`true`/`false`, missing values as empty elements (XML) or null (JSON), times in ISO 8601 with
their offset.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal
from xml.sax.saxutils import escape

from web.cache import Page

Format = Literal["json", "xml"]
JSON = "application/json; charset=utf-8"
XML = "text/xml; charset=utf-8"
# Wrapper element of a list, and of each item in it.
LIST_NAMES = {
    "service_requests": "request",
    "services": "service",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return escape(str(value))


def _xml(name: str, value: Any, out: list[str]) -> None:
    if isinstance(value, Mapping):
        out.append(f"<{name}>")
        for key, item in value.items():
            _xml(key, item, out)
        out.append(f"</{name}>")
    elif isinstance(value, list | tuple):
        child = LIST_NAMES.get(name, "item")
        out.append(f"<{name}>")
        for item in value:
            _xml(child, item, out)
        out.append(f"</{name}>")
    else:
        out.append(f"<{name}>{_text(value)}</{name}>")


def xml_document(root: str, value: Any) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    _xml(root, value, out)
    return "".join(out).encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def body(fmt: Format, root: str, value: Any, status: int = 200) -> Page:
    """A list (or the discovery object) in the asked format; `root` names the XML root."""
    if fmt == "xml":
        return Page.of(xml_document(root, value), XML, status)
    data = json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))
    return Page.of(data.encode(), JSON, status)


def errors(fmt: Format, status: int, descriptions: Sequence[str]) -> Page:
    """The spec's error list: one `{code, description}` per problem found."""
    return body(fmt, "errors", [{"code": status, "description": d} for d in descriptions], status)


def format_of(path: str) -> Format:
    """The format a path asks for (`….xml`); JSON for anything else, errors included."""
    return "xml" if path.endswith(".xml") else "json"
