"""Fetching a `media_url`: only images, bounded, and never from inside the city's network.

A real server on 127.0.0.1 plays the internet (loopback is allowed for it, as
EVIDENCE_FETCH_LOOPBACK=yes does); private, link-local and other non-public addresses are
refused before any connection is made, also when a redirect points at them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.media_fetch import (
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    ForbiddenAddress,
    MediaFetcher,
    address_allowed,
    checked_url,
)
from tests.evidence.media_server import PHOTO, MediaServer, media_server

LOCAL = FetchPolicy(allow_loopback=True, timeout=5.0)


@pytest.fixture
async def server() -> AsyncIterator[MediaServer]:
    async with media_server() as running:
        yield running


async def test_a_photo_is_fetched_with_its_type_from_the_bytes(server: MediaServer) -> None:
    data, mime = await MediaFetcher(LOCAL).fetch(server.at("/photo.jpg"))
    assert data == PHOTO and mime == "image/jpeg"


async def test_redirects_are_followed_on_http_and_https_only(server: MediaServer) -> None:
    fetcher = MediaFetcher(LOCAL)
    data, _ = await fetcher.fetch(server.at("/redirect?to=/photo.jpg"))
    assert data == PHOTO
    for target in ("file:///etc/passwd", "ftp://127.0.0.1/x.jpg", "gopher://127.0.0.1:70/"):
        with pytest.raises(FetchRefused, match="only http"):
            await fetcher.fetch(server.at(f"/redirect?to={target}"))
    with pytest.raises(FetchRefused, match="more than 3 redirects"):
        await fetcher.fetch(server.at("/loop/0"))
    with pytest.raises(FetchRefused, match="https to http"):
        checked_url("http://example.com/a.jpg", httpx.URL("https://example.com/"))


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/a.jpg",
        "http://192.168.1.10/a.jpg",
        "http://172.16.5.5/a.jpg",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://100.64.0.1/a.jpg",  # carrier-grade NAT
        "http://0.0.0.0:8080/a.jpg",
        "http://[fd00::1]/a.jpg",
        "http://[fe80::1]/a.jpg",
        "http://[::ffff:10.0.0.1]/a.jpg",  # IPv4 inside IPv6
        "http://224.0.0.1/a.jpg",
    ],
)
async def test_non_public_addresses_are_refused_even_with_loopback_allowed(url: str) -> None:
    with pytest.raises(ForbiddenAddress):
        await MediaFetcher(LOCAL).fetch(url)


async def test_loopback_is_refused_unless_the_setting_allows_it(server: MediaServer) -> None:
    strict = MediaFetcher(FetchPolicy(timeout=5.0))
    port = server.url.rsplit(":", 1)[1]
    for url in (server.at("/photo.jpg"), f"http://localhost:{port}/photo.jpg"):
        with pytest.raises(ForbiddenAddress):
            await strict.fetch(url)
    assert server.hits.get("/photo.jpg") is None  # refused before connecting
    with pytest.raises(ForbiddenAddress):  # a public host redirecting inside
        await MediaFetcher(LOCAL).fetch(
            server.at("/redirect?to=http://169.254.169.254/latest/meta-data/")
        )


def test_which_addresses_are_public() -> None:
    def allowed(text: str, loopback: bool = False) -> bool:
        return address_allowed(ipaddress.ip_address(text), allow_loopback=loopback)

    assert allowed("93.184.216.34") and allowed("2606:2800:220:1::1")
    assert not allowed("127.0.0.1") and allowed("127.0.0.1", loopback=True)
    assert not allowed("::1") and allowed("::1", loopback=True)
    assert not allowed("::ffff:127.0.0.1") and allowed("::ffff:127.0.0.1", loopback=True)
    for private in ("10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.1.1", "fc00::1"):
        assert not allowed(private, loopback=True)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/big.jpg", "larger than"),  # says so in Content-Length
        ("/big-chunked.jpg", "larger than"),  # counted as it comes
        ("/page.html", "not an image"),
        ("/anim.gif", "not an image"),  # an image, but not a type the site publishes
        ("/missing.jpg", "HTTP 404"),
    ],
)
async def test_what_is_not_an_acceptable_photo_is_refused(
    server: MediaServer, path: str, reason: str
) -> None:
    with pytest.raises(FetchRefused, match=reason):
        await MediaFetcher(LOCAL).fetch(server.at(path))


async def test_what_may_work_later_is_retried(server: MediaServer) -> None:
    with pytest.raises(FetchFailed, match="HTTP 503") as busy:
        await MediaFetcher(LOCAL).fetch(server.at("/busy.jpg"))
    assert busy.value.retry_after == 7.0
    quick = MediaFetcher(FetchPolicy(allow_loopback=True, timeout=0.5))
    with pytest.raises(FetchFailed, match=r"0\.5 s|timed out"):
        await quick.fetch(server.at("/stall.jpg"))
    with pytest.raises(FetchFailed, match="cannot resolve"):
        await quick.fetch("http://no-such-host.invalid/a.jpg")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "http:///x", "x"])
async def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchRefused):
        await MediaFetcher(LOCAL).fetch(url)
