"""The step table is the one source: the diagram, "Step n of N", the photo limit, and the
path a citizen's text takes from the update to the outbox."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import ClassVar

from domain.outbound import Outbound
from domain.usecases import steps as domain_steps
from handlers.intake.diagram import mermaid
from handlers.intake.kinds import Step
from handlers.intake.steps import NUMBERED, SPECS
from tests.fake_repos import OutboxRepo
from tests.unit.citizen.intake_bot import DESCRIPTION, CitizenBot, plain, shown

ROOT = Path(__file__).resolve().parents[3]
DIAGRAM = ROOT / "handlers" / "citizen" / "intake.mmd"


def test_the_diagram_is_generated_from_the_table() -> None:
    assert DIAGRAM.read_text(encoding="utf-8") == mermaid(), (
        "intake.mmd is out of step: python -m handlers.intake.diagram > " + str(DIAGRAM)
    )


def test_the_photo_limit_is_the_domains() -> None:
    assert SPECS[Step.PHOTOS].limits["max"] == domain_steps.MAX_PHOTOS == 10  # one album


async def test_step_numbers_come_from_the_table(bot: CitizenBot) -> None:
    asked = await bot.text("/new")
    assert len(NUMBERED) == 6 and Step.REVIEW not in NUMBERED
    header = plain("intake-step", n=1, total=len(NUMBERED), title=plain("step-title-category"))
    assert shown(asked.last).startswith(header)


class TracingOutbox(OutboxRepo):
    """The fake outbox, noting the call path of every message queued."""

    paths: ClassVar[list[list[str]]] = []

    async def add(self, message: Outbound) -> None:
        frames = traceback.extract_stack()[:-1]
        TracingOutbox.paths.append(
            [
                f"{Path(f.filename).relative_to(ROOT)}:{f.name}"
                for f in frames
                if f.filename.startswith(str(ROOT / "handlers"))
            ]
        )
        await super().add(message)


async def test_a_citizens_text_reaches_the_outbox_in_few_hops_without_ping_pong(
    bot: CitizenBot,
) -> None:
    """From Conversations.handle to the outbox (the worker's `_handle` calls it, and the
    repository's `add` is the last hop): at most 12 hops, no module entered twice."""
    await bot.text("/new")
    await bot.press("Jalan rusak")
    make = bot.store.uow

    def tracing():  # type: ignore[no-untyped-def]
        uow = make()
        uow.outbox = TracingOutbox(uow)
        return uow

    bot.store.uow = tracing  # type: ignore[method-assign]
    TracingOutbox.paths.clear()
    photos = await bot.text(DESCRIPTION)
    assert plain("step-title-photos") in shown(photos.last)
    (path,) = TracingOutbox.paths
    hops = ["bot/worker.py:_handle", *path, "storage/repositories/outbox.py:add"]
    assert len(hops) <= 12, hops
    modules = [hop.split(":")[0] for hop in hops]
    runs = [m for i, m in enumerate(modules) if i == 0 or modules[i - 1] != m]
    assert len(runs) == len(set(runs)), f"a module is entered twice: {hops}"
    assert path[0] == "handlers/conversations.py:handle"
    print("\n".join(hops))
