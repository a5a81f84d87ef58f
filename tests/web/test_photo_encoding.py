"""What the public gets of a photo: its pixels, upright and scaled down, in its own format, and
nothing else (web/photos.py). The archive keeps the original; these are the published copies."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from tests.web.city import MARK
from tests.web.pictures import exif_of, gps_of, phone_jpeg
from web.photos import FULL, SMALL, NotPublishable, publishable


def test_a_phone_jpeg_loses_its_exif_and_stands_upright() -> None:
    original = phone_jpeg(f"Phone {MARK}", (200, 10, 10), size=(2000, 1500))
    assert gps_of(original) and MARK.encode() in original
    for size, longest in ((FULL, 1600), (SMALL, 480)):
        clean = publishable(original, "image/jpeg", size)
        assert MARK.encode() not in clean and gps_of(clean) == {} and exif_of(clean) == {}
        with Image.open(io.BytesIO(clean)) as image:
            assert image.format == "JPEG"
            assert image.size == (longest * 3 // 4, longest)  # portrait, as the phone was held


def test_png_text_chunks_and_webp_exif_are_dropped() -> None:
    image = Image.new("RGBA", (40, 30), (10, 20, 30, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"home of {MARK}")
    raw = io.BytesIO()
    image.save(raw, "PNG", pnginfo=info)
    assert MARK.encode() in raw.getvalue()
    clean = publishable(raw.getvalue(), "image/png", SMALL)
    assert MARK.encode() not in clean
    with Image.open(io.BytesIO(clean)) as back:
        assert back.format == "PNG" and back.mode == "RGBA" and back.size == (40, 30)
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = f"Phone {MARK}"
    webp = io.BytesIO()
    image.save(webp, "WEBP", exif=exif.tobytes())
    assert MARK.encode() in webp.getvalue()
    clean = publishable(webp.getvalue(), "image/webp", SMALL)
    assert MARK.encode() not in clean
    with Image.open(io.BytesIO(clean)) as back:
        assert back.format == "WEBP"


def test_a_broken_exif_block_does_not_keep_a_photo_off_the_page() -> None:
    webp = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(webp, "WEBP", exif=b"Exif\x00\x00" + MARK.encode())
    clean = publishable(webp.getvalue(), "image/webp", SMALL)
    assert MARK.encode() not in clean


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"not an image at all", "image/jpeg"),
        (phone_jpeg("x", (1, 1, 1)), "image/png"),  # not what the archive said it is
        (phone_jpeg("x", (1, 1, 1)), "image/gif"),  # not a published type
    ],
)
def test_what_cannot_be_decoded_as_said_is_not_published(data: bytes, mime: str) -> None:
    with pytest.raises(NotPublishable):
        publishable(data, mime, SMALL)
