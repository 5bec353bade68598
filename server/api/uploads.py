"""Reading uploaded photos safely: size limit while reading, content type checked.

Face routes are plain ``def`` (FastAPI runs them in worker threads), so the spooled upload is
read synchronously and nothing here blocks the event loop.
"""
from __future__ import annotations

from fastapi import UploadFile

from models.errors import CATALOGUE as FACE_MESSAGES
from server.errors import CATALOGUE

_CHUNK = 256 * 1024
ACCEPTED_TYPES = {"image/jpeg", "image/jpg", "image/png", "application/octet-stream", ""}


def read_photo(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes; 413 past ``limit`` (without reading the rest), 415 for non-images."""
    ctype = (upload.content_type or "").split(";")[0].strip().lower()
    if ctype not in ACCEPTED_TYPES:
        raise CATALOGUE.error("UNSUPPORTED_MEDIA_TYPE", content_type=ctype)
    chunks: list[bytes] = []
    size = 0
    while chunk := upload.file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FACE_MESSAGES.error("IMAGE_TOO_LARGE", message_en=f"The photo is larger than {limit} bytes",
                                      limit_bytes=limit)
        chunks.append(chunk)
    if not size:
        raise FACE_MESSAGES.error("IMAGE_INVALID", message_en="The photo is empty", reason="empty")
    return b"".join(chunks)
