"""The playground's routes on the emulator's app: the page and `/_demo/`, mounted before the
emulator's catch-all, which still answers anything else with Telegram's JSON 404."""

from __future__ import annotations

import httpx
import pytest

from playground.demo_world import ADMIN_GROUP, GROUPS, PERSONAS
from tests.playground.server import DemoThread

pytestmark = [pytest.mark.xdist_group("playground")]


def test_the_page_and_its_assets_are_served(demo_server: DemoThread) -> None:
    page = httpx.get(f"{demo_server.url}/")
    assert page.status_code == 200 and "aduan playground" in page.text
    script = httpx.get(f"{demo_server.url}/web/js/main.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "cdn" not in page.text.lower() and "https://" not in page.text


def test_unknown_paths_still_get_telegrams_404(demo_server: DemoThread) -> None:
    response = httpx.get(f"{demo_server.url}/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


def test_world_describes_the_cast_and_the_service_area(demo_server: DemoThread) -> None:
    demo_server.reset()  # a story starts at the real time
    world = httpx.get(f"{demo_server.url}/_demo/world").json()
    assert [p["id"] for p in world["personas"]] == [p.user_id for p in PERSONAS]
    groups = {c["id"]: c for c in world["chats"] if c["kind"] != "private"}
    assert set(groups) == {g.chat_id for g in GROUPS}
    assert [c["kind"] for c in groups.values()].count("forum") == 1
    assert world["service_area"]["bbox"] == [110.76, -7.60, 110.88, -7.52]
    assert world["clock"]["offset_days"] == 0


def test_time_travel_refuses_odd_jumps(demo_server: DemoThread) -> None:
    for days in ("0", "-1", "31", "soon"):
        response = httpx.post(f"{demo_server.url}/_demo/travel", params={"days": days})
        assert response.status_code == 400, days


def test_commands_resolve_like_telegram_scopes(demo_server: DemoThread) -> None:
    """A chat's own menu wins over its kind's; the page's "/" button shows what applies."""
    token = demo_server.demo.emulator.token
    menu = [{"command": "pending", "description": "the verification queue"}]
    scope = {"type": "chat", "chat_id": ADMIN_GROUP.chat_id}
    answer = httpx.post(
        f"{demo_server.url}/bot{token}/setMyCommands", json={"commands": menu, "scope": scope}
    )
    assert answer.json()["ok"]
    shown = httpx.get(
        f"{demo_server.url}/_demo/commands",
        params={"kind": "group", "chat_id": ADMIN_GROUP.chat_id},
    ).json()
    assert shown == menu
