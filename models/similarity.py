"""Face templates (embedding + the id of the model that made it) and their comparison.

Templates of different models live in different vector spaces: comparing them is meaningless, so
:func:`compare` raises ``MODEL_MISMATCH`` instead of returning a number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.errors import FaceError, ModelMismatch


@dataclass(frozen=True, eq=False)
class Template:
    """An L2-normalised float32 embedding tagged with its model id."""

    model_id: str
    vector: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "vector", as_unit_vector(self.vector))

    @property
    def size(self) -> int:
        return int(self.vector.shape[0])

    def to_bytes(self) -> bytes:
        """float32 little-endian bytes, as stored in the database."""
        return self.vector.astype("<f4").tobytes()

    @classmethod
    def from_bytes(cls, model_id: str, blob: bytes) -> Template:
        """Rebuild a stored template."""
        return cls(model_id, np.frombuffer(blob, dtype="<f4"))


def as_unit_vector(vector: np.ndarray) -> np.ndarray:
    """A finite, non-zero 1-D vector as unit-length float32 (``TEMPLATE_INVALID`` otherwise)."""
    array = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(array)) if array.size else 0.0
    if not array.size or not np.isfinite(norm) or norm < 1e-6:
        raise FaceError("TEMPLATE_INVALID", details={"size": int(array.size)})
    return array / norm


def check_same_model(expected_model: str, expected_size: int, template: Template) -> None:
    """Raise ``MODEL_MISMATCH`` unless the template comes from the expected model and size."""
    if template.model_id != expected_model:
        raise ModelMismatch(expected_model, template.model_id)
    if template.size != expected_size:
        raise ModelMismatch(
            f"{expected_model} ({expected_size}-d)", f"{template.model_id} ({template.size}-d)"
        )


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two unit vectors."""
    return float(np.clip(np.dot(a, b), -1.0, 1.0))


def compare(a: Template, b: Template) -> float:
    """Cosine similarity of two templates of the same model (``MODEL_MISMATCH`` otherwise)."""
    check_same_model(a.model_id, a.size, b)
    return cosine(a.vector, b.vector)
