"""Nothing personal ever leaves through the public site or the Open311 API.

The city (tests/web/city.py) puts a unique marker in every name, username, phone number,
internal note, rejection note and rating comment; every page and every API answer, in HTML,
JSON and XML and in both languages, is fetched and searched for them. Private, unverified and
rejected complaints must not appear at all, and a private complaint's "not found" must be
byte for byte the one an unknown code gets.

Photos too: every photo URL any page or answer links to is fetched; each must be one of the
public photos, carry no marker and no EXIF (GPS above all); and the photos of private,
unverified and rejected complaints, of internal notes and of a citizen's answers are never
served at all.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.web.city import City
from tests.web.pictures import exif_of, gps_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

HIDDEN = ("private", "unverified", "rejected")
PHOTO_LINK = re.compile(r"(?:https?://[^/\"'<>\s]+)?/evidence/[0-9a-f]{64}(?:/small)?")


def every_url(city: City) -> list[str]:
    codes = city.codes
    urls = ["/", "/agencies", "/agencies?period=month&sort=rating", "/api", "/openapi.json"]
    urls += [f"/agencies/{code}" for code in ("DPU", "DLH")]
    urls += ["/complaints", "/complaints?status=closed", "/complaints?category=road&period=30d"]
    urls += ["/complaints?agency=DPU&status=in_progress", "/complaints?page=2"]
    urls += [f"/c/{code}" for code in codes.values()]
    for fmt in ("json", "xml"):
        base = "/open311/v2"
        urls += [f"{base}/discovery.{fmt}", f"{base}/services.{fmt}"]
        urls += [f"{base}/services/{c}.{fmt}" for c in ("road", "trash", "misc")]
        urls += [f"{base}/requests.{fmt}", f"{base}/requests.{fmt}?status=open,closed"]
        urls += [
            f"{base}/requests.{fmt}?start_date=2026-07-01T00:00:00Z&end_date=2026-09-28T00:00:00Z"
        ]
        urls += [f"{base}/requests.{fmt}?service_request_id=" + ",".join(codes.values())]
        urls += [f"{base}/requests/{code}.{fmt}" for code in codes.values()]
    return urls


async def test_no_personal_data_in_any_page_or_answer(shared_city: City) -> None:
    fetched = 0
    photo_links: set[str] = set()
    for url in every_url(shared_city):
        for lang in ("id", "en"):
            response = await shared_city.client.get(url, headers={"Accept-Language": lang})
            assert response.status_code in (200, 404), (url, response.status_code)
            text = response.text
            photo_links.update(PHOTO_LINK.findall(text))
            for marker in shared_city.markers:
                assert marker not in text, f"{marker!r} leaked through {url} ({lang})"
            for hidden in HIDDEN:
                code = shared_city.codes[hidden]
                if (
                    url != f"/c/{code}"
                    and not url.endswith(f"/{code}.json")
                    and not url.endswith(f"/{code}.xml")
                    and "service_request_id=" not in url
                ):
                    assert code not in text, f"{hidden} complaint listed at {url}"
            fetched += 1
    assert fetched > 80
    await _every_linked_photo_is_public_and_clean(shared_city, photo_links)


async def _every_linked_photo_is_public_and_clean(city: City, links: set[str]) -> None:
    served: set[str] = set()
    for link in sorted(links):
        path = urlsplit(link).path
        sha256 = path.split("/")[2]
        assert sha256 in city.public_hashes, f"{link} is not a public photo"
        answer = await city.client.get(path)
        assert answer.status_code == 200, link
        data = answer.content
        for marker in city.markers:
            assert marker.encode() not in data, f"{marker!r} in the photo {link}"
        assert gps_of(data) == {} and exif_of(data) == {}, f"metadata left in {link}"
        served.add(sha256)
    assert served == city.public_hashes  # the pages and answers reach every public photo


async def test_photos_nobody_may_see_are_never_served(shared_city: City) -> None:
    for sha256 in shared_city.hidden_hashes:
        for path in (f"/evidence/{sha256}", f"/evidence/{sha256}/small"):
            answer = await shared_city.client.get(path)
            assert answer.status_code == 404 and b"\xff\xd8" not in answer.content[:4]


async def test_public_complaints_do_appear(shared_city: City) -> None:
    """The privacy test above must not pass merely because nothing is shown at all."""
    listing = (await shared_city.client.get("/complaints")).text
    for shown in ("closed", "working", "auto"):
        assert shared_city.codes[shown] in listing
    page = (await shared_city.client.get(f"/c/{shared_city.codes['closed']}?lang=en")).text
    assert "Patched with hot asphalt" in page
    assert "call me at [" in page  # the description, its phone number masked
    assert "Dinas Pekerjaan Umum" in page


@pytest.mark.parametrize("hidden", HIDDEN)
async def test_a_hidden_complaint_is_not_found_exactly_like_an_unknown_code(
    shared_city: City, hidden: str
) -> None:
    client = shared_city.client
    code = shared_city.codes[hidden]
    unknown = "ADU-2222ZZ"
    assert code != unknown
    for url in (
        "/c/{}",
        "/c/{}?lang=en",
        "/open311/v2/requests/{}.json",
        "/open311/v2/requests/{}.xml",
    ):
        a = await client.get(url.format(code))
        b = await client.get(url.format(unknown))
        assert a.status_code == b.status_code == 404
        assert a.content == b.content
        assert {k: v for k, v in a.headers.items()} == {k: v for k, v in b.headers.items()}
    listed = await client.get(f"/open311/v2/requests.json?service_request_id={code}")
    assert listed.json() == []


async def test_locations_are_rounded_to_about_100_m(shared_city: City) -> None:
    answer = await shared_city.client.get(
        f"/open311/v2/requests/{shared_city.codes['closed']}.json"
    )
    (request,) = answer.json()
    assert (request["lat"], request["long"]) == (-7.568, 110.812)
    page = (await shared_city.client.get("/complaints")).text
    assert "-7.56789" not in page and "110.81234" not in page
    assert 'data-lat="-7.568"' in page
