"""Fetching a photo named by URL (Open311's `media_url`) into the evidence archive, safely.

The URL comes from outside (a city's web form, a bridge, whoever holds an API key), and the
fetch runs inside the city's network, so it must not become a way in (SSRF):
- only http and https, also after a redirect (at most `max_redirects`, never https → http);
- every connection, the first and each redirect's, goes only to addresses that are public
  on the internet: the host name is resolved here, each address checked (loopback, private,
  link-local as used by cloud metadata services, carrier-grade NAT, multicast, reserved are
  refused; an IPv4 address inside IPv6 is checked as IPv4), and the connection is made to
  the checked address itself, so a second DNS answer cannot swap it (DNS rebinding). TLS
  still checks the certificate against the host name. `allow_loopback` (the setting
  EVIDENCE_FETCH_LOOPBACK) lets tests and a one-host setup fetch from 127.0.0.1 and ::1;
- the answer is bounded: at most `max_bytes` (Content-Length is checked first, and the body is
  counted as it comes), within `timeout` seconds for the whole fetch, redirects included;
- the bytes must be an image of an allowed type, judged from the bytes themselves.

No proxy from the environment is used: a proxy would resolve and connect on its own, past
these checks. `FetchRefused` means it will never work (the queue gives up and says why),
`FetchFailed` that it may work later (the queue retries with backoff).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import filetype
import httpcore
import httpx

ALLOWED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
MAX_BYTES = 10 * 2**20
TIMEOUT = 30.0
MAX_REDIRECTS = 3
USER_AGENT = b"aduan-evidence/1 (+Open311 media_url)"
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchRefused(Exception):
    """The URL will never give an acceptable photo: give up, keep the reason."""


class FetchFailed(Exception):
    """The fetch may work later (a timeout, a 503, a network error): retry."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class ForbiddenAddress(FetchRefused):
    """The host is (or resolves to) an address the fetcher may not connect to."""


@dataclass(frozen=True)
class FetchPolicy:
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    allow_loopback: bool = False
    allowed_types: frozenset[str] = ALLOWED_TYPES


def address_allowed(address: IpAddress, *, allow_loopback: bool = False) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return allow_loopback
    return address.is_global and not address.is_multicast


class GuardedNetwork(httpcore.AsyncNetworkBackend):
    """httpcore's own network, connecting only to checked addresses (see the module's doc)."""

    def __init__(self, *, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback
        self._network = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109  (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.resolve(host, port)
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._network.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def resolve(self, host: str, port: int) -> list[IpAddress]:
        """Every address of `host`, each one allowed; one forbidden address refuses them all
        (a name that also points inside the city's network is not one to trust)."""
        try:
            literal: IpAddress | None = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        if literal is not None:
            found = [literal]
        else:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
            except OSError as exc:
                raise FetchFailed(f"cannot resolve {host}: {exc}") from None
            found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not found:
            raise FetchFailed(f"{host} has no address")
        for address in found:
            if not address_allowed(address, allow_loopback=self.allow_loopback):
                raise ForbiddenAddress(f"{host} is a non-public address ({address})")
        return list(dict.fromkeys(found))

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109  (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenAddress("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


def checked_url(raw: str, previous: httpx.URL | None = None) -> httpx.URL:
    """`raw` (relative to `previous`, a redirect's Location) as an http(s) URL with a host."""
    try:
        url = previous.join(raw) if previous is not None else httpx.URL(raw)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchRefused(f"not a valid URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise FetchRefused(f"only http(s) URLs are fetched, not {url.scheme or 'this'}")
    if previous is not None and previous.scheme == "https" and url.scheme == "http":
        raise FetchRefused("redirected from https to http")
    return url


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: the queue's own backoff does


class MediaFetcher:
    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._tls = ssl.create_default_context()

    async def fetch(self, raw_url: str) -> tuple[bytes, str]:
        """The image's bytes and its MIME type (sniffed); raises FetchRefused or FetchFailed."""
        p = self.policy
        url = checked_url(raw_url)
        network = GuardedNetwork(allow_loopback=p.allow_loopback)
        try:
            async with (
                asyncio.timeout(p.timeout),
                httpcore.AsyncConnectionPool(
                    ssl_context=self._tls, network_backend=network, max_connections=1
                ) as pool,
            ):
                for _ in range(p.max_redirects + 1):
                    found = await self._get(pool, url)
                    if isinstance(found, bytes):
                        return found, self._image_type(found)
                    url = checked_url(found, url)
                raise FetchRefused(f"more than {p.max_redirects} redirects")
        except TimeoutError:
            raise FetchFailed(f"no complete answer within {p.timeout:g} s") from None
        except httpcore.TimeoutException as exc:
            raise FetchFailed(f"timed out: {type(exc).__name__}") from None
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise FetchFailed(f"{type(exc).__name__}: {exc}") from None
        except httpcore.UnsupportedProtocol as exc:
            raise FetchRefused(f"unsupported: {exc}") from None

    async def _get(self, pool: httpcore.AsyncConnectionPool, url: httpx.URL) -> bytes | str:
        """The body of a 200, or the Location of a redirect."""
        p = self.policy
        target = httpcore.URL(
            scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
        )
        headers = [
            (b"Host", url.netloc),
            (b"User-Agent", USER_AGENT),
            (b"Accept", b", ".join(t.encode() for t in sorted(p.allowed_types))),
        ]
        seconds = {"connect": p.timeout, "read": p.timeout, "write": p.timeout, "pool": p.timeout}
        async with pool.stream(
            "GET", target, headers=headers, extensions={"timeout": seconds}
        ) as response:
            head = httpx.Headers(response.headers)
            status = response.status
            if status in _REDIRECTS:
                location = head.get("location")
                if not location:
                    raise FetchRefused(f"HTTP {status} without a Location")
                return location
            if status in _RETRY_STATUSES:
                raise FetchFailed(f"HTTP {status}", _retry_after(head.get("retry-after")))
            if status != 200:
                raise FetchRefused(f"HTTP {status}")
            declared = head.get("content-length", "")
            if declared.isdigit() and int(declared) > p.max_bytes:
                raise FetchRefused(f"larger than {p.max_bytes} bytes ({declared})")
            body = bytearray()
            async for chunk in response.aiter_stream():
                body += chunk
                if len(body) > p.max_bytes:
                    raise FetchRefused(f"larger than {p.max_bytes} bytes")
            return bytes(body)

    def _image_type(self, data: bytes) -> str:
        kind = filetype.guess_mime(data)
        if kind not in self.policy.allowed_types:
            allowed = ", ".join(sorted(self.policy.allowed_types))
            raise FetchRefused(f"not an image of an allowed type ({kind or 'unknown'}; {allowed})")
        return kind
