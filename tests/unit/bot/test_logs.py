import logging
from collections.abc import Iterator

import pytest

from bot.logs import RedactingFilter, configure_logging, redact

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    """configure_logging replaces the root handlers; give later tests theirs back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_token_is_scrubbed_from_urls_and_bare_text() -> None:
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
    assert TOKEN not in redact(url)
    assert "bot<token>/getUpdates" in redact(url)
    assert redact(f"token={TOKEN}") == "token=<token>"


def test_log_records_never_carry_the_token(capsys) -> None:
    configure_logging("DEBUG", TOKEN)
    log = logging.getLogger("aduan.test")
    log.info("calling %s", f"http://127.0.0.1:1/bot{TOKEN}/sendMessage")
    try:
        raise RuntimeError(f"failed at /bot{TOKEN}/getMe")
    except RuntimeError:
        log.exception("boom")
    err = capsys.readouterr().err
    assert "sendMessage" in err and "boom" in err
    assert TOKEN not in err


def test_filter_keeps_plain_records_untouched() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    assert RedactingFilter(TOKEN).filter(record)
    assert record.getMessage() == "hello world"
