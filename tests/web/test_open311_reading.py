"""Open311 GeoReport v2, reading: every endpoint and filter, in JSON and in XML, the 90-day
default window, pagination, and the spec's error format."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from typing import Any

import pytest

from tests.web.city import City

pytestmark = pytest.mark.asyncio(loop_scope="module")
BASE = "/open311/v2"


async def get_json(city: City, path: str, status: int = 200) -> Any:
    response = await city.client.get(BASE + path)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


async def get_xml(city: City, path: str, status: int = 200) -> ET.Element:
    response = await city.client.get(BASE + path)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def ids(requests: list[dict[str, Any]]) -> list[str]:
    return [r["service_request_id"] for r in requests]


async def test_discovery(shared_city: City) -> None:
    found = await get_json(shared_city, "/discovery.json")
    (endpoint,) = found["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://city.test/open311/v2"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    root = await get_xml(shared_city, "/discovery.xml")
    assert root.tag == "discovery"
    assert [f.text for f in root.iter("format")] == ["application/json", "text/xml"]


async def test_services_in_both_languages_and_formats(shared_city: City) -> None:
    services = await get_json(shared_city, "/services.json")
    by_code = {s["service_code"]: s for s in services}
    assert set(by_code) == {"road", "trash", "misc"}
    assert by_code["road"]["service_name"] == "Jalan rusak"
    assert by_code["road"]["metadata"] is True and by_code["road"]["type"] == "realtime"
    root = await get_xml(shared_city, "/services.xml")
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == set(by_code)
    assert root.find("service/metadata").text == "true"  # type: ignore[union-attr]


async def test_service_definition(shared_city: City) -> None:
    found = await get_json(shared_city, "/services/road.json")
    assert found["service_code"] == "road"
    codes = [a["code"] for a in found["attributes"]]
    assert codes == ["public", "share_name"]
    assert [v["key"] for v in found["attributes"][0]["values"]] == ["yes", "no"]
    root = await get_xml(shared_city, "/services/road.xml")
    assert root.tag == "service_definition"
    assert [a.findtext("code") for a in root.iter("attribute")] == codes
    assert [v.findtext("key") for v in root.iter("value")] == ["yes", "no", "yes", "no"]
    error = await get_json(shared_city, "/services/nope.json", 404)
    assert error == [{"code": 404, "description": "no service with code nope"}]


async def test_requests_default_to_the_last_90_days_newest_first(shared_city: City) -> None:
    codes = shared_city.codes
    found = await get_json(shared_city, "/requests.json")
    assert ids(found) == [codes["auto"], codes["working"], codes["closed"]]
    assert codes["old"] not in ids(found)  # filed 100 days ago
    closed = found[-1]
    assert closed["status"] == "closed"
    assert closed["service_code"] == "road"
    assert closed["status_notes"] == "Patched with hot asphalt; road safe again."
    assert closed["agency_responsible"] == "Dinas Pekerjaan Umum"
    assert closed["requested_datetime"].endswith("+07:00")
    assert closed["address"] is None
    # The first public photo: the one filed with the complaint (the citizen chose public).
    first = shared_city.hashes["cit-closed"]
    assert closed["media_url"] == f"http://city.test/evidence/{first}"
    working = found[1]
    assert working["status"] == "open"
    assert working["expected_datetime"] is not None
    assert working["media_url"] is None  # its only photo answered a question: not public
    root = await get_xml(shared_city, "/requests.xml")
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == ids(found)
    assert root.find("request/address").text is None  # type: ignore[union-attr]
    assert root.findall("request/media_url")[-1].text == closed["media_url"]


async def test_an_explicit_window_reaches_older_requests(shared_city: City) -> None:
    codes = shared_city.codes
    now = shared_city.world.clock.now()
    start = (now.replace(microsecond=0) - timedelta(days=101)).isoformat()
    found = await get_json(shared_city, f"/requests.json?start_date={start.replace('+', '%2B')}")
    assert ids(found) == [codes["old"]]  # start + 90 days ends before the others


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90 days"),
        ("start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z", "before"),
        ("start_date=yesterday", "start_date"),
        ("status=pending", "status"),
        ("page_size=501", "page_size"),
        ("page=0", "page"),
    ],
)
async def test_bad_filters_get_the_spec_error_format(
    shared_city: City, query: str, problem: str
) -> None:
    errors = await get_json(shared_city, f"/requests.json?{query}", 400)
    assert len(errors) == 1 and errors[0]["code"] == 400
    assert problem in errors[0]["description"]
    root = await get_xml(shared_city, f"/requests.xml?{query}", 400)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "400"
    assert problem in (root.findtext("error/description") or "")


async def test_filters(shared_city: City) -> None:
    codes = shared_city.codes
    assert ids(await get_json(shared_city, "/requests.json?status=closed")) == [codes["closed"]]
    assert ids(await get_json(shared_city, "/requests.json?status=open")) == [
        codes["auto"],
        codes["working"],
    ]
    both = await get_json(shared_city, "/requests.json?status=open,closed")
    assert len(both) == 3
    assert ids(await get_json(shared_city, "/requests.json?service_code=trash")) == [codes["auto"]]
    assert await get_json(shared_city, "/requests.json?service_code=nope") == []
    assert len(await get_json(shared_city, "/requests.json?service_code=trash,road")) == 3
    listed = ",".join([codes["old"], codes["closed"], codes["private"]])
    found = await get_json(shared_city, f"/requests.json?service_request_id={listed}&status=open")
    assert ids(found) == [codes["closed"], codes["old"]]  # ids override the other filters


async def test_pagination(shared_city: City) -> None:
    every = ids(await get_json(shared_city, "/requests.json"))
    pages = [
        ids(await get_json(shared_city, f"/requests.json?page_size=2&page={n}")) for n in (1, 2, 3)
    ]
    assert pages == [every[:2], every[2:], []]


async def test_one_request_and_unknown_ones(shared_city: City) -> None:
    code = shared_city.codes["working"]
    (found,) = await get_json(shared_city, f"/requests/{code}.json")
    assert found["service_request_id"] == code
    root = await get_xml(shared_city, f"/requests/{code.lower()}.xml")
    assert root.findtext("request/service_request_id") == code
    assert await get_json(shared_city, "/requests/ADU-2222ZZ.json", 404) == [
        {"code": 404, "description": "no public service request with that id"}
    ]


async def test_unknown_format_and_path_answer_in_the_error_format(shared_city: City) -> None:
    errors = await get_json(shared_city, "/requests.csv", 400)
    assert errors[0]["code"] == 400
    missing = await get_json(shared_city, "/nothing/here.json", 404)
    assert missing[0]["code"] == 404
    root = await get_xml(shared_city, "/nothing.xml", 404)
    assert root.findtext("error/code") == "404"


async def test_answers_are_cached_and_revalidated(shared_city: City) -> None:
    client = shared_city.client
    first = await client.get(BASE + "/requests.json")
    assert first.headers["etag"].startswith('"')
    assert first.headers["cache-control"] == "no-cache"  # the test city's WEB_CACHE_SECONDS=0
    again = await client.get(
        BASE + "/requests.json", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    page = await client.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert page.status_code == 200 and page.headers["etag"] != first.headers["etag"]
