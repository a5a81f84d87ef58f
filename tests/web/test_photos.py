"""Public photos: a complaint's page shows the photos the public may see (the citizen's, filed
with a complaint they made public; the agency's, with its reply or resolution), and
`/evidence/<sha256>` serves exactly those, re-encoded without metadata; any other hash is the
site's one 404. Open311's `media_url` names the first of them, at WEB_PUBLIC_URL."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import update

from storage.queries.public_photos import ATTACHMENTS
from tests.web.city import MARK, PUBLIC_PICTURES, City, city
from tests.web.pictures import exif_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

UNKNOWN = "0" * 64


def shown_hashes(html: str) -> list[str]:
    return re.findall(r'src="/evidence/([0-9a-f]{64})/small"', html)


async def test_the_page_shows_the_public_photos_where_they_belong(shared_city: City) -> None:
    h = shared_city.hashes
    page = (await shared_city.client.get(f"/c/{shared_city.codes['closed']}?lang=en")).text
    assert shown_hashes(page) == [h[n] for n in PUBLIC_PICTURES]
    photos_section = page.split('id="photos"', 1)[1].split("</section>", 1)[0]
    assert shown_hashes(photos_section) == [h["cit-closed"]]  # filed with the complaint
    resolve = page.split('class="event resolve"', 1)[1].split("</li>\n", 1)[0]
    assert "Patched with hot asphalt" in resolve
    assert shown_hashes(resolve) == [h["fix-closed-1"], h["fix-closed-2"]]
    reply = page.split('class="event reply"', 1)[1].split("</li>\n", 1)[0]
    assert shown_hashes(reply) == [h["reply-closed"]]
    assert f'href="/evidence/{h["fix-closed-1"]}"' in page  # the full size, one tap away
    assert 'alt="Photo 1 from the agency"' in page
    working = (await shared_city.client.get(f"/c/{shared_city.codes['working']}")).text
    assert shown_hashes(working) == []  # its citizen's answer to a question stays private


async def test_public_photos_are_served_upright_small_and_without_metadata(
    shared_city: City,
) -> None:
    client = shared_city.client
    for name in PUBLIC_PICTURES:
        sha256 = shared_city.hashes[name]
        for path, longest in ((f"/evidence/{sha256}", 1600), (f"/evidence/{sha256}/small", 480)):
            answer = await client.get(path)
            assert answer.status_code == 200, path
            expected = "image/png" if name.startswith("reply") else "image/jpeg"
            assert answer.headers["content-type"] == expected
            assert answer.headers["cache-control"] == "public, max-age=86400"
            assert answer.headers["x-content-type-options"] == "nosniff"
            data = answer.content
            assert MARK.encode() not in data and b"PhoneMaker" not in data
            assert exif_of(data) == {}
            with Image.open(io.BytesIO(data)) as image:
                assert max(image.size) <= longest
                if expected == "image/jpeg":
                    assert image.size == (120, 160)  # turned upright: stored 160×120, sideways
                assert "exif" not in image.info and "icc_profile" not in image.info
            again = await client.get(path, headers={"If-None-Match": answer.headers["etag"]})
            assert again.status_code == 304 and again.content == b""


async def test_a_copy_is_made_once_then_served_from_memory(shared_city: City) -> None:
    sha256 = shared_city.hashes["fix-closed-2"]
    copies = shared_city.site.photos.copies
    await shared_city.client.get(f"/evidence/{sha256}")
    before = copies.builds
    for _ in range(3):
        assert (await shared_city.client.get(f"/evidence/{sha256}")).status_code == 200
    assert copies.builds == before


async def not_found_alike(city: City, path: str) -> None:
    """`path` answers exactly what a path nobody ever served answers."""
    a = await city.client.get(path)
    b = await city.client.get("/no/such/page")
    assert a.status_code == b.status_code == 404
    assert a.content == b.content
    assert dict(a.headers) == dict(b.headers)


async def test_other_photos_are_not_found_exactly_like_an_unknown_path(shared_city: City) -> None:
    hidden = shared_city.hidden_hashes
    assert len(hidden) == 6  # note, answer, private ×2, unverified, rejected
    for sha256 in [
        *hidden,
        UNKNOWN,
        "../../etc/passwd",
        "ABC",
        shared_city.hashes["cit-closed"].upper(),
    ]:
        for suffix in ("", "/small"):
            await not_found_alike(shared_city, f"/evidence/{sha256}{suffix}")


@pytest.mark.asyncio(loop_scope="function")
async def test_a_photo_whose_bytes_or_hash_are_gone_is_no_longer_public(fresh_city: City) -> None:
    """Retention and a citizen's erasure delete the bytes (or the attachment's hash): the page
    stops showing the photo, its URL is not found, and media_url moves to the next one."""
    h, client, code = fresh_city.hashes, fresh_city.client, fresh_city.codes["closed"]
    served = await client.get(f"/evidence/{h['cit-closed']}")  # copied into memory
    assert served.status_code == 200
    assert fresh_city.store is not None
    await fresh_city.store.delete(h["cit-closed"])
    async with fresh_city.world.factory() as uow:
        await uow.session.execute(  # type: ignore[attr-defined]
            update(ATTACHMENTS).where(ATTACHMENTS.c.sha256 == h["fix-closed-1"]).values(sha256=None)
        )
        await uow.commit()
    for gone in ("cit-closed", "fix-closed-1"):
        await not_found_alike(fresh_city, f"/evidence/{h[gone]}")
    page = (await client.get(f"/c/{code}")).text
    assert shown_hashes(page) == [h["reply-closed"], h["fix-closed-2"]]
    (request,) = (await client.get(f"/open311/v2/requests/{code}.json")).json()
    assert request["media_url"] == f"http://city.test/evidence/{h['reply-closed']}"


@pytest.mark.asyncio(loop_scope="function")
async def test_media_url_is_absolute_at_the_public_address(tmp_path: object) -> None:
    async with city("sqlite", tmp_path, public_url="https://aduan.kota.go.id") as c:  # type: ignore[arg-type]
        code, first = c.codes["closed"], c.hashes["cit-closed"]
        forged = await c.client.get(
            f"/open311/v2/requests/{code}.json", headers={"Host": "evil.test"}
        )
        assert forged.json()[0]["media_url"] == f"https://aduan.kota.go.id/evidence/{first}"
        photo = await c.client.get(
            forged.json()[0]["media_url"].removeprefix("https://aduan.kota.go.id")
        )
        assert photo.status_code == 200


async def test_without_a_public_address_a_forged_host_reaches_nobody_else(
    shared_city: City,
) -> None:
    code = shared_city.codes["closed"]
    path = f"/open311/v2/requests.json?service_request_id={code}"
    forged = await shared_city.client.get(path, headers={"Host": "evil.test"})
    assert forged.json()[0]["media_url"].startswith("http://evil.test/")
    honest = await shared_city.client.get(path)
    assert honest.json()[0]["media_url"].startswith("http://city.test/evidence/")
    api = await shared_city.client.get("/api", headers={"Host": "evil.test"})
    assert "evil.test" in api.text
    assert "evil.test" not in (await shared_city.client.get("/api")).text
