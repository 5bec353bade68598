"""Which HTTP status each domain package's exceptions answer with."""
from __future__ import annotations

from models.errors import FaceError
from oss_registry.errors import RegistryError
from oss_registry.thai_id import InvalidPid
from server.errors import register_domain_error

# InvalidPid has no bilingual message of its own: wrap it.
InvalidPid.code = "INVALID_PID"  # type: ignore[attr-defined]
InvalidPid.message_th = "เลขประจำตัวประชาชนไม่ถูกต้อง"  # type: ignore[attr-defined]
InvalidPid.message_en = "Invalid citizen ID"  # type: ignore[attr-defined]
register_domain_error(InvalidPid, 422)


def _face_status(exc) -> int:
    return {
        "IMAGE_TOO_LARGE": 413,
        "MODEL_UNAVAILABLE": 503,
        "MODEL_MISMATCH": 409,
        "DUPLICATE_FACE": 409,
    }.get(exc.code, 422)


register_domain_error(FaceError, _face_status)
register_domain_error(RegistryError, lambda exc: exc.status)
