"""The pages themselves: languages, caching headers, filters, sorting and pagination."""

from __future__ import annotations

import re

import pytest

from tests.web.city import City

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_indonesian_by_default_english_on_request(shared_city: City) -> None:
    client = shared_city.client
    page = await client.get("/")
    assert '<html lang="id">' in page.text and "Ringkasan kinerja" in page.text
    english = await client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Performance overview" in english.text
    assert 'href="/agencies?lang=en"' in english.text  # the choice sticks to links
    browser = await client.get("/agencies", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Agency league table" in browser.text
    assert page.headers["vary"] == "Accept-Language"


async def test_pages_are_cached_with_etags(shared_city: City) -> None:
    client = shared_city.client
    for path in ("/", "/agencies", "/complaints", f"/c/{shared_city.codes['closed']}", "/api"):
        first = await client.get(path)
        assert first.status_code == 200, path
        assert first.headers["etag"] and first.headers["cache-control"] == "no-cache"
        again = await client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
    style = await client.get("/static/css/site.css")
    assert style.headers["cache-control"] == "public, max-age=86400" and style.headers["etag"]
    leaflet = await client.get("/static/leaflet/leaflet.js")
    assert leaflet.status_code == 200 and b"Leaflet" in leaflet.content[:400]


async def test_security_headers(shared_city: City) -> None:
    page = await shared_city.client.get("/complaints")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "https://tile.openstreetmap.org" in policy
    assert page.headers["x-content-type-options"] == "nosniff"


async def test_complaint_filters_and_pagination(shared_city: City) -> None:
    client, codes = shared_city.client, shared_city.codes
    html = (await client.get("/complaints?status=closed")).text
    assert codes["closed"] in html and codes["working"] not in html
    html = (await client.get("/complaints?category=trash")).text
    assert codes["auto"] in html and codes["closed"] not in html
    html = (await client.get("/complaints?agency=DLH")).text
    assert codes["auto"] in html and codes["working"] not in html
    html = (await client.get("/complaints?period=30d")).text
    assert codes["old"] not in html and codes["closed"] in html
    html = (await client.get("/complaints?category=nope")).text
    assert "Tidak ada aduan yang cocok" in html
    assert (await client.get("/complaints?page=0")).status_code == 400
    assert (await client.get("/complaints?status=lost")).status_code == 400
    shared_city.site.config.__dict__["page_size"] = 2  # frozen dataclass: a test-only poke
    try:
        shared_city.site.forget()
        first = (await client.get("/complaints")).text
        second = (await client.get("/complaints?page=2")).text
    finally:
        shared_city.site.config.__dict__["page_size"] = 20
        shared_city.site.forget()
    on_first = set(re.findall(r'data-code="(ADU-\w+)"', first))
    on_second = set(re.findall(r'data-code="(ADU-\w+)"', second))
    assert len(on_first) == 2 and len(on_second) == 2 and not on_first & on_second
    assert 'rel="next"' in first and "Halaman 1 dari 2" in first


async def test_league_table_sorts_both_ways(shared_city: City) -> None:
    client = shared_city.client
    html = (await client.get("/agencies?sort=name&order=asc")).text
    names = re.findall(r'<th scope="row"><a href="/agencies/\w+">([^<]+)</a>', html)
    assert names == sorted(names) and len(names) == 2
    desc = (await client.get("/agencies?sort=name&order=desc")).text
    assert re.findall(r'<th scope="row"><a href="/agencies/\w+">([^<]+)</a>', desc) == names[::-1]
    assert 'aria-sort="descending"' in desc
    roads = (await client.get("/agencies/DPU")).text
    assert "Dinas Pekerjaan Umum" in roads and roads.count('<svg class="chart"') == 3
    assert (await client.get("/agencies/ULAS")).status_code == 404  # the unit is no agency row
