"""Decoding uploads: EXIF orientation, limits and broken files."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from models import DecodeLimits, FaceEngine, FaceError, decode_image
from tests.models.conftest import photo


def _exif_rotated_jpeg(data: bytes) -> bytes:
    """The photo stored rotated by 90° with an EXIF tag (6) telling viewers to rotate it back."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    stored = image.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise on disk
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    out = io.BytesIO()
    stored.save(out, format="JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def test_exif_orientation_is_applied() -> None:
    original = photo("people/obama/obama4.jpg")
    rotated = _exif_rotated_jpeg(original)
    raw = Image.open(io.BytesIO(rotated)).size  # pixels as stored, before orientation
    assert raw == Image.open(io.BytesIO(original)).size[::-1]
    assert decode_image(rotated).shape == decode_image(original).shape


def test_exif_rotated_photo_still_verifies(buffalo: FaceEngine) -> None:
    original = photo("people/obama/obama4.jpg")
    rotated = buffalo.analyze(_exif_rotated_jpeg(original))
    assert buffalo.is_match(
        buffalo.compare(rotated, buffalo.analyze(photo("people/obama/obama1.jpg")))
    )


def test_truncated_jpeg_is_invalid() -> None:
    data = photo("people/obama/obama1.jpg")
    with pytest.raises(FaceError) as err:
        decode_image(data[: len(data) // 2])
    assert err.value.code == "IMAGE_INVALID"


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"\xff\xd8\xff\xe0" + b"\0" * 64])
def test_garbage_is_invalid(data: bytes) -> None:
    with pytest.raises(FaceError) as err:
        decode_image(data)
    assert err.value.code == "IMAGE_INVALID"


def test_other_formats_are_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (64, 64)).save(out, format="GIF")
    with pytest.raises(FaceError) as err:
        decode_image(out.getvalue())
    assert err.value.code == "IMAGE_INVALID"


def test_too_many_bytes() -> None:
    data = photo("people/obama/obama1.jpg")
    with pytest.raises(FaceError) as err:
        decode_image(data, DecodeLimits(max_bytes=len(data) - 1))
    assert err.value.code == "IMAGE_TOO_LARGE"
    assert err.value.details["bytes"] == len(data)


def test_too_many_pixels_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("L", (8000, 8000)).save(out, format="PNG")  # 64 MP, compresses to a few kB
    assert len(out.getvalue()) < 1_000_000
    with pytest.raises(FaceError) as err:
        decode_image(out.getvalue())
    assert err.value.code == "IMAGE_TOO_LARGE"


def test_png_with_alpha_and_grey_images_decode_to_bgr() -> None:
    rgba = decode_image(photo("people/lin_manuel_miranda/lin1.png"))
    assert rgba.ndim == 3 and rgba.shape[2] == 3 and rgba.dtype == np.uint8
    out = io.BytesIO()
    Image.new("L", (40, 30), 77).save(out, format="PNG")
    grey = decode_image(out.getvalue())
    assert grey.shape == (30, 40, 3) and int(grey[0, 0, 0]) == 77


def test_large_jpeg_is_decoded_at_a_reduced_scale() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 20, 30)).save(out, format="JPEG")
    image = decode_image(out.getvalue(), DecodeLimits(work_side=1000))
    assert 1000 <= max(image.shape[:2]) < 4000


def test_huge_sixteen_bit_png_is_refused_from_its_header() -> None:
    """The 6300×6300 16-bit PNG that once took 1.26 GB to decode: refused before any pixel."""
    out = io.BytesIO()
    Image.new("I;16", (6300, 6300)).save(out, format="PNG")
    with pytest.raises(FaceError) as err:
        decode_image(out.getvalue())
    assert err.value.code == "IMAGE_TOO_LARGE"
    assert err.value.details == {"pixels": 6300 * 6300, "max_pixels": DecodeLimits().max_png_pixels}


def test_a_jpeg_may_have_more_pixels_than_a_png() -> None:
    """JPEGs decode at a reduced DCT scale, so their cap is the higher one."""
    out = io.BytesIO()
    Image.new("RGB", (4000, 3500), (90, 90, 90)).save(out, format="JPEG")  # 14 MP > the PNG cap
    assert 4000 * 3500 > DecodeLimits().max_png_pixels
    assert max(decode_image(out.getvalue()).shape[:2]) < 4000


def test_large_png_is_reduced_right_after_decoding() -> None:
    out = io.BytesIO()
    Image.new("I;16", (3000, 2400), 40000).save(out, format="PNG")
    image = decode_image(out.getvalue(), DecodeLimits(work_side=1000))
    assert image.shape == (800, 1000, 3)  # reduced by 3: the longest side stays >= work_side
    assert int(image[0, 0, 0]) == 40000 >> 8
