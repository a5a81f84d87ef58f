"""The citizen's /my timeline shows the officers' photos of public events only."""

from datetime import UTC, datetime

from domain.model import Attachment
from domain.roles import Role
from handlers.citizen.timeline import staff_photos

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def photo(file_id: str, event_id: int | None, role: Role = Role.OFFICER) -> Attachment:
    return Attachment(
        ticket_id=1, file_id=file_id, created_at=AT, event_id=event_id, uploaded_by_role=role
    )


def test_a_photo_of_a_staff_only_event_is_not_shown() -> None:
    attachments = [photo("reply", 1), photo("internal", 2), photo("fix", 3)]
    assert staff_photos(attachments, public_events={1, 3}) == ["reply", "fix"]


def test_the_citizens_own_photos_and_documents_are_left_out() -> None:
    own = photo("mine", 1, Role.CITIZEN)
    document = Attachment(
        ticket_id=1,
        file_id="pdf",
        created_at=AT,
        kind="document",
        event_id=1,
        uploaded_by_role=Role.OFFICER,
    )
    assert staff_photos([own, document, photo("reply", 1)], public_events={1}) == ["reply"]


def test_at_most_one_album_newest_last() -> None:
    attachments = [photo(f"p{n}", 1) for n in range(12)]
    assert staff_photos(attachments, public_events={1}) == [f"p{n}" for n in range(2, 12)]
