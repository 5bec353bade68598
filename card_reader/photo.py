"""The photo on the card: a JPEG in a fixed 20 × 255-byte area, padded after its end."""
from __future__ import annotations

JPEG_START = b"\xff\xd8"
JPEG_END = b"\xff\xd9"
_PADDING = b"\x00\x20\xff"


class InvalidPhoto(ValueError):
    """The photo area does not hold a JPEG."""


def extract_jpeg(area: bytes) -> bytes:
    """The JPEG in the photo area, without the padding after it.

    It must start with ``FF D8``.  It ends at its last ``FF D9`` (end of image); when there is
    none (a photo longer than the 5,100 bytes read), trailing padding bytes are dropped and the
    truncated JPEG is returned as it is — decoders still show most of it.
    """
    if not area.startswith(JPEG_START):
        raise InvalidPhoto("the photo does not start with the JPEG marker FF D8")
    end = area.rfind(JPEG_END)
    if end >= len(JPEG_START):
        return area[:end + len(JPEG_END)]
    return area.rstrip(_PADDING)
