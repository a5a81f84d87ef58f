"""The whole path, both ways: an update in, a reply out, over real HTTP."""

from tests.e2e.harness import Harness


async def test_start_and_ping_get_answers(bot: Harness) -> None:
    user = await bot.citizen("Budi", "id")
    await bot.client.start(user["id"])
    greeting = await bot.client.wait_for_messages(user["id"], 1)
    assert "Halo Budi" in greeting[0]["text"]
    await bot.client.send_command(user["id"], "ping")
    replies = await bot.client.wait_for_messages(user["id"], 2)
    assert replies[1]["text"].startswith("pong")
