"""Reading a QR code from a photo a citizen uploads (zxing-cpp), with bounded decoding: the
image's header is checked first, JPEGs are decoded at a reduced scale, and only QR codes are
looked for."""
from __future__ import annotations

import io

import zxingcpp
from PIL import Image, UnidentifiedImageError

from server.services.line_errors import CATALOGUE

MAX_PIXELS = 40_000_000
WORK_SIZE = 1600


def decode(data: bytes) -> str:
    """The text of the first QR code in the photo; ``QR_IMAGE_UNREADABLE`` when none is found."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise CATALOGUE.error("QR_IMAGE_UNREADABLE")
        if image.format == "JPEG":
            image.draft("L", (WORK_SIZE, WORK_SIZE))
        image = image.convert("L")
        image.thumbnail((WORK_SIZE * 2, WORK_SIZE * 2))
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise CATALOGUE.error("QR_IMAGE_UNREADABLE") from None
    for result in found:
        if result.valid and result.text:
            return result.text
    raise CATALOGUE.error("QR_IMAGE_UNREADABLE")
