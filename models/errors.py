"""Face errors with stable codes and Thai/English messages.

Every failure the face core can report is a :class:`FaceError` whose ``code`` is one of the keys of
:data:`CATALOGUE`.  The server maps codes to HTTP statuses; the codes never change meaning.
"""

from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError

#: code -> (message_th, message_en).  Reason codes of quality gates and identification decisions
#: are listed here too so the server can render them the same way.
_MESSAGES: dict[str, tuple[str, str]] = {
    "IMAGE_INVALID": (
        "ไฟล์ภาพเสียหายหรือไม่ใช่ภาพ JPEG/PNG",
        "The file is corrupt, truncated or not a JPEG/PNG image",
    ),
    "IMAGE_TOO_LARGE": (
        "ภาพมีขนาดใหญ่เกินกำหนด",
        "The image is too large (bytes or pixels)",
    ),
    "NO_FACE": ("ไม่พบใบหน้าในภาพ", "No face was found in the image"),
    "MULTIPLE_FACES": (
        "พบใบหน้ามากกว่าหนึ่งคนในภาพ กรุณาถ่ายเฉพาะผู้รับบริการ",
        "More than one face is in the image; photograph the patient alone",
    ),
    "FACE_TOO_SMALL": (
        "ใบหน้าเล็กเกินไป กรุณาถ่ายให้ใกล้ขึ้น",
        "The face is too small; move the camera closer",
    ),
    "BLURRY": ("ภาพใบหน้าไม่ชัด กรุณาถ่ายใหม่", "The face is blurred; take the photo again"),
    "TOO_DARK": ("ภาพมืดเกินไป", "The face is too dark"),
    "TOO_BRIGHT": ("ภาพสว่างเกินไป", "The face is overexposed"),
    "POSE_TOO_LARGE": (
        "กรุณาหันหน้าตรงเข้าหากล้อง",
        "The head is turned or tilted too much; face the camera",
    ),
    "MODEL_UNAVAILABLE": (
        "ระบบจดจำใบหน้ายังไม่พร้อมใช้งาน (ไฟล์โมเดลหายหรือเสียหาย)",
        "Face recognition is unavailable: a model file is missing or corrupt",
    ),
    "MODEL_MISMATCH": (
        "แม่แบบใบหน้าสร้างจากโมเดลคนละรุ่น เปรียบเทียบกันไม่ได้ ต้องลงทะเบียนใบหน้าใหม่",
        "The face templates come from different models and cannot be compared; "
        "changing the model means re-enrolling faces",
    ),
    "TEMPLATE_INVALID": (
        "ข้อมูลแม่แบบใบหน้าไม่ถูกต้อง",
        "The face template is not a finite, non-zero vector",
    ),
    "NO_MATCH": (
        "ไม่พบบุคคลที่ตรงกับใบหน้านี้",
        "No enrolled person matches this face",
    ),
    "AMBIGUOUS": (
        "ใบหน้าคล้ายกับมากกว่าหนึ่งบุคคล ไม่สามารถระบุตัวตนได้",
        "The face is too similar to more than one person to identify",
    ),
    "DUPLICATE_FACE": (
        "ใบหน้านี้ลงทะเบียนไว้แล้วกับเลขประจำตัวประชาชนอื่น",
        "This face is already enrolled under another citizen ID",
    ),
    "FACE_TEMPLATE_EXPIRED": (
        (
            "ภาพใบหน้าที่ลงทะเบียนไว้หมดอายุแล้ว เพราะใบหน้าเปลี่ยนไปตามวัย "
            "กรุณาใช้ช่องทางอื่น หรือลงทะเบียนใบหน้าใหม่จากภาพบนชิปบัตรประชาชน"
        ),
        (
            "The enrolled face template has expired because faces change with age; "
            "use another channel, or re-enrol the face from the photo on the ID card's chip"
        ),
    ),
}


class FaceError(DomainError):
    """A face-core failure with a stable ``code`` from :data:`CATALOGUE`.

    ``FaceError("NO_FACE")`` takes its messages from the catalogue; ``message_en`` may be
    overridden with a more specific text (e.g. naming a model file) and ``details`` carries
    machine-readable extras (never a face or a template).
    """

    def __init__(
        self,
        code: str,
        message_en: str | None = None,
        *,
        message_th: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        if code not in CATALOGUE:
            raise ValueError(f"unknown face error code {code!r}")
        default_th, default_en = CATALOGUE.messages(code, **(details or {}))
        super().__init__(code, message_th or default_th, message_en or default_en, details)


CATALOGUE = Catalogue("models", _MESSAGES, error_class=FaceError)
"""The face core's codes (errors, and the reasons of quality gates and identification)."""


class FaceModelUnavailable(FaceError):
    """A model file or manifest is missing, corrupt or unusable (code ``MODEL_UNAVAILABLE``)."""

    def __init__(self, message_en: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__("MODEL_UNAVAILABLE", message_en, details=details)


class ModelMismatch(FaceError):
    """Templates of different models (or sizes) were compared (code ``MODEL_MISMATCH``)."""

    def __init__(self, expected: str, got: str) -> None:
        super().__init__(
            "MODEL_MISMATCH",
            f"template of model {got!r} cannot be compared with model {expected!r}; "
            "changing the face model means re-enrolling every face with the new model",
            details={"expected_model": expected, "got_model": got},
        )
