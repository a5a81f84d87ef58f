"""An outbox payload is what `dataclasses.asdict` would give, field for field, and reads back
as the message it was made from (to_json is written by hand for speed; this keeps it whole
when a field is added)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from domain.outbound import Button, Keyboard, Outbound, OutboundKind


def _full() -> Outbound:
    """Every field set to something other than its default."""
    keyboard = Keyboard(
        rows=(
            (Button("A", data="a:1"), Button("Map", url="https://x.test")),
            (Button("Loc", request_location=True), Button("Tel", request_contact=True)),
        ),
        inline=False,
        remove=True,
        one_time=True,
        placeholder="type",
    )
    message = Outbound(
        chat_id=-100,
        kind=OutboundKind.ALBUM,
        text="<b>hi</b>",
        photos=["p1", "p2"],
        latitude=-7.5,
        longitude=110.8,
        keyboard=keyboard,
        thread_id=3,
        reply_to_message_id=4,
        edit_message_id=5,
        parse_mode=None,
        ticket_id=6,
        link_purpose="card",
        agency_id=7,
        edit_link_purpose="card",
        reply_link_purpose="relay",
        thread_link_purpose="topic",
        upload_id=8,
        personal=True,
    )
    defaults = Outbound(chat_id=0)
    unchanged = [
        f.name for f in fields(Outbound) if getattr(message, f.name) == getattr(defaults, f.name)
    ]
    assert unchanged == [], f"set these in the test too: {unchanged}"
    return message


def test_the_payload_is_asdict_in_json_terms() -> None:
    message = _full()
    assert json.loads(json.dumps(message.to_json())) == json.loads(json.dumps(asdict(message)))


def test_the_payload_reads_back_as_the_same_message() -> None:
    message = _full()
    assert Outbound.from_json(json.loads(json.dumps(message.to_json()))) == message


def test_the_payload_is_the_callers_own() -> None:
    message = _full()
    payload = message.to_json()
    payload["photos"].append("p3")
    assert message.photos == ["p1", "p2"]
