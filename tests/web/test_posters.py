"""QR posters: the QR code read back from the PNG is the bot's deep link, from the library,
from `aduan poster`, and from `/poster` in the admin group (rendered by the scheduler and sent
through the outbox like a report's charts)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from bot.cli import main
from domain.roles import Role
from tests.e2e.harness import Harness, database, harness
from tests.scheduler.test_e2e import add_staff, link_group
from web.poster import Poster, PosterError, deep_link

PNG = b"\x89PNG\r\n\x1a\n"


def qr_text(png: bytes) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_poster_qr_code_reads_back_as_the_deep_link() -> None:
    for category, lang in (("jalan", "id"), (None, "en")):
        link = deep_link("aduan_kota_bot", category)
        poster = Poster(link=link, city="Kota Surakarta", lang=lang, category="Jalan")
        png = poster.png()
        assert png.startswith(PNG)
        assert Image.open(io.BytesIO(png)).size == (1240, 1753)  # A4 at 150 dpi
        assert qr_text(png) == [link]
        assert poster.pdf().startswith(b"%PDF-")
    assert deep_link("aduan_kota_bot", "jalan") == "https://t.me/aduan_kota_bot?start=c_jalan"
    for bad in ("Jalan!", "x" * 21):
        with pytest.raises(PosterError):
            deep_link("aduan_kota_bot", bad)


@pytest.fixture
async def city_url(tmp_path: Path) -> AsyncIterator[str]:
    async with database("sqlite", tmp_path) as (url, _schema):
        yield url


def test_the_poster_command_writes_pdf_and_png(
    city_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("DATABASE_URL", city_url)
    args = ["--env-file", str(tmp_path / "none.env"), "poster", "--bot", "aduan_kota_bot"]
    png, pdf = tmp_path / "out" / "jalan.png", tmp_path / "jalan.pdf"
    assert main([*args, "--category", "jalan", "--lang", "en", "--out", str(png)]) == 0
    assert qr_text(png.read_bytes()) == ["https://t.me/aduan_kota_bot?start=c_jalan"]
    assert main([*args, "--category", "jalan", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert main([*args, "--out", str(tmp_path / "all.png")]) == 0
    assert qr_text((tmp_path / "all.png").read_bytes()) == ["https://t.me/aduan_kota_bot"]
    assert main([*args, "--category", "nope", "--out", str(pdf)]) == 2
    assert "no active category with code 'nope'" in capsys.readouterr().err
    assert main([*args, "--out", str(tmp_path / "poster.gif")]) == 2


@pytest.fixture(params=[("ptb", "sqlite"), ("aiogram", "postgres")], ids=lambda p: "-".join(p))
async def bot(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    library, backend = request.param
    async with harness(library, backend, tmp_path) as h:
        await h.start_bot()
        yield h


async def test_admins_get_the_poster_in_their_group(bot: Harness) -> None:
    h, runtime = bot, bot.runtime
    assert runtime is not None
    admin = await h.citizen("Sari")
    unit = await link_group(h, "ulas", "ULAS admin", [admin["id"]])
    await add_staff(h, admin, Role.ADMIN, "ulas")
    assert runtime.me is not None
    me = runtime.me.username
    link = f"https://t.me/{me}?start=c_jalan"

    await h.client.send_command(admin["id"], "poster", "jalan", chat_id=unit)
    # (The bot may greet the group it was added to first: look for the answer itself.)
    messages = await message_with(h, unit, link)
    await runtime.scheduler.run_job("report_requests")
    messages = await h.client.wait_for_messages(unit, len(messages) + 2, timeout=30)
    photo, document = messages[-2], messages[-1]
    png = await h.client.download(photo["photo"][-1]["file_id"])
    assert qr_text(png) == [link]
    assert document["document"]["file_name"] == "poster-jalan.pdf"
    assert (await h.client.download(document["document"]["file_id"])).startswith(b"%PDF-")

    await h.client.send_command(admin["id"], "poster", "nope", chat_id=unit)
    usage = await h.client.wait_for_messages(unit, len(messages) + 1)
    assert "jalan" in usage[-1]["text"]
    stranger = await h.citizen("Orang")
    await h.client.send_command(stranger["id"], "poster")
    refusal = await h.client.wait_for_messages(stranger["id"], 1)
    assert "admin" in refusal[-1]["text"]


async def message_with(h: Harness, chat: int, needle: str, within: float = 30.0) -> list[Any]:
    """The chat's bot messages once one of them contains `needle`."""
    count = 1
    while True:
        messages = await h.client.wait_for_messages(chat, count, timeout=within)
        if any(needle in m.get("text", "") for m in messages):
            return messages
        count = len(messages) + 1
