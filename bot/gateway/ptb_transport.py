"""python-telegram-bot's HTTP transport on aiohttp instead of its default, httpx.

Why: measured by `bench intake` (bench/README.md), one Bot API call through ptb cost about 2.2 ms
of CPU on httpx + httpcore (anyio locks, connection-pool bookkeeping that polls every idle
socket on each request, headers and body written in two syscalls) and about 0.5 ms on aiohttp.
Sending is most of what the bot does, so on the default library that was the largest single
cost per update. ptb is built for this: a transport is a `BaseRequest`, and aiohttp is
already a dependency (aiogram, the webhook server).

Failures map as ptb's own transport maps them: a timeout is `TimedOut`, anything else on the
wire is `NetworkError`, and the gateway turns those into ours (ptb_mapping.map_error).
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

ODVFloat = Any  # ptb's "float | None | DefaultValue" timeout arguments


class AiohttpRequest(BaseRequest):
    """One aiohttp session (its own connection pool) per instance, opened by `initialize`."""

    def __init__(
        self,
        *,
        connection_pool_size: int = 1,
        connect_timeout: float = 5.0,
        read_timeout: float = 5.0,
        write_timeout: float = 5.0,
        pool_timeout: float = 1.0,
        media_write_timeout: float = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._connect = connect_timeout
        self._read = read_timeout
        self._write = write_timeout
        self._pool = pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVFloat = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVFloat = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVFloat = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVFloat = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = bool(request_data and request_data.contains_files)
        read = _given(read_timeout, self._read)
        connect = _given(connect_timeout, self._connect)
        write = _given(write_timeout, self._media_write if files else self._write)
        pool = _given(pool_timeout, self._pool)
        timeout = aiohttp.ClientTimeout(
            # aiohttp has no write timeout: the total bounds a request that stops moving.
            total=_sum(pool, connect, write, read),
            connect=_sum(pool, connect),  # waiting for a pooled connection, or opening one
            sock_connect=connect,
            sock_read=read,
        )
        try:
            body, headers = _body(request_data)
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                code, payload = response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
        return self.answered(code, payload)

    def answered(self, code: int, payload: bytes) -> tuple[int, bytes]:
        """What ptb gets from an answer; a subclass may raise instead (ptb_mapping)."""
        return code, payload


def _given(value: ODVFloat, default: float) -> float | None:
    """A per-call timeout, or this transport's default when the caller left it unset."""
    return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value


def _sum(*parts: float | None) -> float | None:
    """None (no limit) if any part is unlimited."""
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


def _body(request_data: RequestData | None) -> tuple[Any, dict[str, str] | None]:
    """A JSON body, encoded once, or multipart when files go up (the Bot API takes both).

    Not a form: aiohttp would build one field by field from ptb's per-field JSON strings,
    which cost more CPU than the rest of the request (measured with py-spy in `bench intake`).
    """
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        return request_data.json_payload, _JSON
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form, None


_JSON = {"Content-Type": "application/json"}
