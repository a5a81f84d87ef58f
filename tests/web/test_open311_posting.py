"""Open311 POST requests: filed with an API key through the bot's own intake use case, into
the same verification queue; a token until verified, then the tracking code."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from domain.model import OPEN311
from domain.usecases.triage import verify_ticket
from storage.queries.open311 import add_key, posted_request, revoke_key
from tests.web.city import City

URL = "/open311/v2/requests"
GOOD = {
    "service_code": "road",
    "lat": "-7.5661",
    "long": "110.8162",
    "description": "Lubang besar di Jalan Slamet Riyadi depan pasar, sudah dua minggu.",
    "first_name": "Ani",
    "last_name": "Lestari",
    "email": "ani@example.org",
    "phone": "0812 1111 2222",
    "attribute[public]": "yes",
}


async def new_key(city: City, name: str = "webform") -> str:
    async with city.site.db.uow() as uow:
        key = await add_key(uow, name)
        await uow.commit()
    return key


async def tickets(city: City) -> int:
    async with city.site.db.uow() as uow:
        return len(await uow.tickets.list_by_status(["submitted", "dispatched"], limit=1000))


async def post(city: City, data: dict[str, str], fmt: str = "json", status: int = 201) -> Any:
    response = await city.client.post(f"{URL}.{fmt}", data=data)
    assert response.status_code == status, response.text
    return response.json() if fmt == "json" else ET.fromstring(response.content)


async def test_a_post_enters_the_verification_queue_and_its_token_leads_to_the_code(
    fresh_city: City,
) -> None:
    key = await new_key(fresh_city)
    (created,) = await post(fresh_city, {**GOOD, "api_key": key, "account_id": "u-42"})
    assert created["service_request_id"] is None and created["token"]
    assert created["account_id"] == "u-42"
    assert "1" in created["service_notice"]  # verified within 1 working day
    token_url = f"/open311/v2/tokens/{created['token']}.json"
    assert (await fresh_city.client.get(token_url)).json() == [
        {"token": created["token"], "service_request_id": None}
    ]
    async with fresh_city.site.db.uow() as uow:
        posted = await posted_request(uow, created["token"])
        assert posted is not None and posted.status == "submitted" and not posted.verified
        ticket = await uow.tickets.get_by_code(posted.code)
        assert ticket is not None
        citizen = await uow.citizens.get(ticket.citizen_id)
        outbox = await uow.outbox.for_ticket(ticket.id or 0)
    assert ticket.public and not ticket.share_name and ticket.contact_phone == "0812 1111 2222"
    assert (ticket.latitude, ticket.longitude) == (-7.5661, 110.8162)
    assert citizen is not None and citizen.channel == OPEN311 and citizen.chat_id is None
    assert citizen.name == "Ani Lestari" and "ani@" not in (citizen.external_id or "")
    # The unit's card, to its admin (the test unit has no active group): the same queue.
    assert [m.chat_id for m in outbox] == [fresh_city.world.admin.telegram_id]
    await fresh_city.world.act(verify_ticket, fresh_city.world.as_admin, ticket.id)
    fresh_city.site.forget()
    (answer,) = (await fresh_city.client.get(token_url)).json()
    assert answer["service_request_id"] == ticket.code
    (public,) = (await fresh_city.client.get(f"/open311/v2/requests/{ticket.code}.json")).json()
    assert public["status"] == "open" and public["agency_responsible"] == "Dinas Pekerjaan Umum"


async def test_the_same_reporter_is_one_citizen_and_auto_verified_gets_its_code_at_once(
    fresh_city: City,
) -> None:
    key = await new_key(fresh_city)
    trash = {**GOOD, "service_code": "trash", "api_key": key}
    root = await post(fresh_city, trash, fmt="xml")
    assert root.tag == "service_requests"
    code = root.findtext("request/service_request_id")
    assert code and code.startswith("ADU-") and not root.findtext("request/token")
    await post(fresh_city, {**trash, "email": "ANI@example.org "})
    async with fresh_city.site.db.uow() as uow:
        first = await uow.tickets.get_by_code(code)
        assert first is not None
        mine = await uow.tickets.list_for_citizen(first.citizen_id)
    assert len(mine) == 2


async def test_private_by_default(fresh_city: City) -> None:
    key = await new_key(fresh_city)
    data = {k: v for k, v in GOOD.items() if k != "attribute[public]"}
    (created,) = await post(fresh_city, {**data, "service_code": "trash", "api_key": key})
    code = created["service_request_id"]
    response = await fresh_city.client.get(f"/open311/v2/requests/{code}.json")
    assert response.status_code == 404


async def test_bad_and_revoked_keys_are_refused_with_403(fresh_city: City) -> None:
    key = await new_key(fresh_city)
    before = await tickets(fresh_city)
    for wrong in ("", "aduan_nope", key + "x"):
        errors = await post(fresh_city, {**GOOD, "api_key": wrong}, status=403)
        assert errors == [{"code": 403, "description": "api_key is missing, unknown or revoked"}]
    async with fresh_city.site.db.uow() as uow:
        await revoke_key(uow, "webform")
        await uow.commit()
    root = await post(fresh_city, {**GOOD, "api_key": key}, fmt="xml", status=403)
    assert root.findtext("error/code") == "403"
    assert await tickets(fresh_city) == before


async def test_bad_fields_are_each_named_in_the_spec_error_format(fresh_city: City) -> None:
    key = await new_key(fresh_city)
    before = await tickets(fresh_city)
    cases = {
        "service_code is required": {"service_code": ""},
        "unknown service_code": {"service_code": "nope"},
        "lat is not a number": {"lat": "north"},
        "long must be between": {"long": "190"},
        "outside the city's service area": {"lat": "-6.2", "long": "106.8"},
        "a location is required": {"lat": "", "long": ""},
        "attribute[public] must be yes or no": {"attribute[public]": "maybe"},
        "media_url must be an http(s) URL": {"media_url": "file:///etc/passwd"},
        "description: needs at least": {"description": "too short"},
    }
    for problem, change in cases.items():
        errors = await post(fresh_city, {**GOOD, "api_key": key, **change}, status=400)
        assert errors[0]["code"] == 400 and problem in errors[0]["description"], errors
    root = await post(fresh_city, {**GOOD, "api_key": key, "lat": "x"}, fmt="xml", status=400)
    assert root.tag == "errors" and "lat" in (root.findtext("error/description") or "")
    too_long = await post(fresh_city, {**GOOD, "api_key": key, "phone": "1" * 40}, status=400)
    assert "phone" in too_long[0]["description"]
    assert await tickets(fresh_city) == before


async def test_an_address_alone_is_a_location(fresh_city: City) -> None:
    key = await new_key(fresh_city)
    data = {**GOOD, "api_key": key, "lat": "", "long": "", "address_string": "Jl. Slamet Riyadi 1"}
    (created,) = await post(fresh_city, data)
    assert created["token"]
