"""schemathesis fuzzes the OpenAPI document of the whole site (pages and Open311), over real
HTTP, with its default checks: no server error, no status code, content type, header or body
the document does not promise, invalid data refused and valid data accepted. Bounded: 20
examples per operation and phase, one worker, a fixed seed (`ADUAN_FUZZ_SEED` to vary it);
it takes about 15 s."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.live import LiveSite

CONFIG = Path(__file__).with_name("schemathesis.toml")
CLI = Path(sys.executable).with_name("schemathesis")


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    site = LiveSite(tmp_path_factory.mktemp("live"))
    site.start()
    try:
        yield site
    finally:
        site.stop()


def test_the_site_keeps_its_openapi_promises(live_site: LiveSite, tmp_path: Path) -> None:
    seed = os.environ.get("ADUAN_FUZZ_SEED", "311")
    run = subprocess.run(
        [
            str(CLI),
            "--config-file",
            str(CONFIG),
            "run",
            f"{live_site.url}/openapi.json",
            "--max-examples",
            "20",
            "--workers",
            "1",
            "--seed",
            seed,
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,  # its cache of found crashes stays out of the checkout
    )
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "Tested: 15" in run.stdout, report  # every operation of the document
