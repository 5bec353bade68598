"""Passive presentation-attack detection (liveness) with the MiniFASNet models of
Silent-Face-Anti-Spoofing (minivision-ai, Apache-2.0).

Each model sees the face box enlarged by its own scale (×2.7 for MiniFASNetV2, ×4.0 for
MiniFASNetV1SE, see :mod:`models.liveness_crop`), resized to 80×80 raw BGR, and outputs three
logits; the softmax probability at ``real_index`` (1) is the model's "real face" probability.  The
fused score is the weighted mean of those probabilities with the manifest's weights, and a face
passes when ``score >= threshold``.  See ``docs/liveness.md`` for the threshold's evidence.

One :class:`LivenessModel` is meant to be shared by the whole process (onnxruntime sessions are
thread-safe)::

    liveness = LivenessModel.load(model_dir)     # MODEL_UNAVAILABLE naming the file if broken
    liveness.warmup()
    result = liveness.score(image_bgr, face.box)  # LivenessResult(score, per_model, threshold, passed)
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from models.engine import default_threads, make_session
from models.errors import FaceModelUnavailable
from models.liveness_crop import crop_face, to_blob
from models.manifest import MANIFEST_FILE, file_sha256

#: The built-in manifest used when the model directory has no ``manifest.json``.
BUILTIN_MANIFEST = Path(__file__).resolve().parent / "manifests" / "antispoof_minifasnet.json"


@dataclass(frozen=True)
class LivenessModelSpec:
    """One anti-spoofing network of the ensemble."""

    name: str
    file: str
    sha256: str | None
    scale: float
    input_size: tuple[int, int]  # (width, height)
    real_index: int
    weight: float


@dataclass(frozen=True)
class LivenessManifest:
    """What a liveness model directory holds and how its scores are fused and thresholded."""

    id: str
    directory: Path
    models: tuple[LivenessModelSpec, ...]
    threshold: float
    source: str

    @classmethod
    def read(cls, model_dir: str | os.PathLike[str]) -> LivenessManifest:
        """``<model_dir>/manifest.json`` if present, else the built-in MiniFASNet manifest."""
        directory = Path(model_dir).expanduser().resolve()
        if not directory.is_dir():
            raise FaceModelUnavailable(
                f"liveness model directory {directory} does not exist",
                details={"model_dir": str(directory)},
            )
        path = directory / MANIFEST_FILE
        if not path.is_file():
            path = BUILTIN_MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls.parse(data, directory, str(path))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise FaceModelUnavailable(
                f"cannot read liveness manifest {path}: {exc!r}",
                details={"model_dir": str(directory), "manifest": str(path)},
            ) from exc

    @classmethod
    def parse(cls, data: dict[str, Any], directory: Path, source: str) -> LivenessManifest:
        """Build from the JSON form; weights are normalised to sum to 1."""
        specs = [
            LivenessModelSpec(
                name=str(m["name"]),
                file=str(m["file"]),
                sha256=m.get("sha256"),
                scale=float(m["scale"]),
                input_size=(int(m["input_size"][0]), int(m["input_size"][1])),
                real_index=int(m.get("real_index", 1)),
                weight=float(m.get("weight", 1.0)),
            )
            for m in data["models"]
        ]
        total = sum(s.weight for s in specs)
        if not specs or total <= 0:
            raise ValueError("a liveness manifest needs at least one model with a positive weight")
        specs = [LivenessModelSpec(**{**s.__dict__, "weight": s.weight / total}) for s in specs]
        threshold = float(data["threshold"]["value"])
        return cls(str(data["id"]), directory, tuple(specs), threshold, source)

    def verify(self) -> None:
        """Every file exists and matches its sha256 (``MODEL_UNAVAILABLE`` naming file and dir)."""
        for spec in self.models:
            path = self.directory / spec.file
            details = {"model_dir": str(self.directory), "file": spec.file, "pack": self.id}
            if not path.is_file():
                raise FaceModelUnavailable(
                    f"liveness model file {spec.file} is missing from {self.directory}",
                    details=details,
                )
            if spec.sha256 and file_sha256(path) != spec.sha256.lower():
                raise FaceModelUnavailable(
                    f"liveness model file {spec.file} in {self.directory} is corrupt or not the "
                    f"expected version (sha256 mismatch with {self.source})",
                    details=details,
                )


@dataclass(frozen=True)
class LivenessResult:
    """Liveness of one face: fused real probability, each model's, and the decision."""

    score: float
    per_model: dict[str, float]
    threshold: float
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (rounded probabilities)."""
        return {
            "score": round(self.score, 4),
            "per_model": {k: round(v, 4) for k, v in self.per_model.items()},
            "threshold": self.threshold,
            "passed": self.passed,
        }


def softmax(logits: np.ndarray) -> np.ndarray:
    """Numerically stable softmax of a 1-d logit vector."""
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def fuse(per_model: dict[str, float], specs: Sequence[LivenessModelSpec]) -> float:
    """The documented fusion: weighted mean of the models' real probabilities."""
    return float(sum(spec.weight * per_model[spec.name] for spec in specs))


class LivenessModel:
    """The loaded ensemble.  Build it with :meth:`load`; share one instance per process."""

    def __init__(self, manifest: LivenessManifest, sessions: Sequence[ort.InferenceSession]):
        self.manifest = manifest
        self._runs = [
            (spec, session, session.get_inputs()[0].name)
            for spec, session in zip(manifest.models, sessions, strict=True)
        ]

    @classmethod
    def load(
        cls, model_dir: str | os.PathLike[str], *, threads: int | None = None
    ) -> LivenessModel:
        """Load and verify the models in ``model_dir`` (e.g. ``shared/models/antispoof``).

        Raises :class:`~models.errors.FaceModelUnavailable` (``MODEL_UNAVAILABLE``) naming the file
        and the directory when a file is missing, corrupt or cannot be parsed by onnxruntime.
        """
        manifest = LivenessManifest.read(model_dir)
        manifest.verify()
        threads = threads or default_threads()
        sessions = [make_session(manifest.directory / s.file, threads) for s in manifest.models]
        return cls(manifest, sessions)

    @property
    def threshold(self) -> float:
        """Fused score at or above which a face is accepted as live."""
        return self.manifest.threshold

    def score(
        self, image_bgr: np.ndarray, box: tuple[float, float, float, float] | np.ndarray
    ) -> LivenessResult:
        """Liveness of the face at ``box`` = ``(x1, y1, x2, y2)`` in a BGR image.

        Raises ``ValueError`` for an empty box or an image that is not H×W×3.
        """
        if image_bgr.ndim != 3 or image_bgr.shape[2] != 3:
            raise ValueError(f"expected an H×W×3 BGR image, got shape {image_bgr.shape}")
        per_model: dict[str, float] = {}
        for spec, session, input_name in self._runs:
            patch = crop_face(image_bgr, box, spec.scale, spec.input_size)
            logits = session.run(None, {input_name: to_blob(patch)})[0].reshape(-1)
            per_model[spec.name] = float(softmax(logits.astype(np.float64))[spec.real_index])
        fused = fuse(per_model, self.manifest.models)
        return LivenessResult(fused, per_model, self.threshold, fused >= self.threshold)

    def warmup(self) -> None:
        """One dummy inference per model so the first request is not slow."""
        blank = np.full((480, 640, 3), 128, np.uint8)
        self.score(blank, (270.0, 190.0, 370.0, 310.0))
