import pytest

from handlers.callbacks import CallbackRegistry, Field, ForgedCallback


@pytest.fixture
def registry() -> CallbackRegistry:
    return CallbackRegistry()


def test_pack_and_unpack_round_trip(registry: CallbackRegistry) -> None:
    claim = registry.spec("tk", 1, Field.WORD, Field.INT)
    data = claim.pack("claim", 42)
    assert data == "tk1:claim:42"
    assert registry.unpack(data) == (claim, ("claim", 42))


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "tk2:claim:42",  # unknown version
        "tk1:claim",  # missing field
        "tk1:claim:42:9",  # extra field
        "tk1:CLAIM:42",  # not a word
        "tk1:claim:4x2",  # not an int
        "tk1:claim:" + "9" * 70,  # oversized
        "zz1:claim:42",
    ],
)
def test_forged_data_is_refused(registry: CallbackRegistry, data: str | None) -> None:
    registry.spec("tk", 1, Field.WORD, Field.INT)
    with pytest.raises(ForgedCallback):
        registry.unpack(data)


def test_codes_are_checked_and_specs_cannot_clash(registry: CallbackRegistry) -> None:
    status = registry.spec("st", 1, Field.CODE)
    assert registry.unpack(status.pack("ADU-7K3Q9X"))[1] == ("ADU-7K3Q9X",)
    with pytest.raises(ForgedCallback):
        registry.unpack("st1:ADU-0O1IL0")
    with pytest.raises(ValueError):
        registry.spec("st", 1, Field.INT)
    with pytest.raises(ValueError):
        status.pack("not-a-code")


def test_a_handler_gets_its_own_buttons_fields_and_nothing_else(
    registry: CallbackRegistry,
) -> None:
    """`fields` is the one strict parse the staff and citizen handlers share."""
    claim = registry.spec("tk", 1, Field.WORD, Field.INT)
    status = registry.spec("st", 1, Field.CODE)
    assert registry.fields(claim.pack("claim", 42), claim) == ("claim", 42)
    assert registry.fields(status.pack("ADU-7K3Q9X"), claim) is None  # ours, but not this one
    assert registry.fields("tk1:claim:4x2", claim) is None  # forged
    assert registry.fields(None, claim) is None
