"""The face engine: one loaded model pack running decode → detect → select → align → quality →
embed.  One instance is meant to be shared by the whole process: onnxruntime sessions are
thread-safe and the OpenCV-backed stages serialise themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort

from models.align import align_face, coverage_mask
from models.decode import DecodeLimits, decode_image
from models.detect_scrfd import ScrfdDetector
from models.detect_yunet import YunetDetector
from models.detection import Face, FaceDetector, select_face
from models.embed import Embedder, OnnxEmbedder, OpenCVDnnEmbedder
from models.errors import FaceError, FaceModelUnavailable
from models.manifest import Manifest, load_manifest
from models.quality import QualityConfig, QualityMetrics, measure
from models.similarity import Template, check_same_model, compare

THREADS_ENV = "FVS_ORT_THREADS"


@dataclass(frozen=True)
class FaceResult:
    """The analysed face of one photo."""

    template: Template
    face: Face
    quality: QualityMetrics
    face_count: int
    image_size: tuple[int, int]  # (width, height) after EXIF orientation

    @property
    def embedding(self) -> np.ndarray:
        return self.template.vector

    @property
    def model_id(self) -> str:
        return self.template.model_id

    @property
    def box(self) -> np.ndarray:
        return self.face.box

    @property
    def landmarks(self) -> np.ndarray:
        return self.face.landmarks

    @property
    def det_score(self) -> float:
        return self.face.score


def default_threads() -> int:
    """onnxruntime intra-op threads: ``$FVS_ORT_THREADS`` or min(2, CPUs)."""
    value = os.environ.get(THREADS_ENV)
    return max(1, int(value)) if value else min(2, os.cpu_count() or 1)


def make_session(path: Path, threads: int) -> ort.InferenceSession:
    """A CPU onnxruntime session; a file onnxruntime cannot parse is ``MODEL_UNAVAILABLE``."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # Idle workers sleep instead of spinning: same latency within ~1 ms, about half the CPU time,
    # which matters on a 2-core box shared by concurrent requests.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own exception types
        raise FaceModelUnavailable(
            f"cannot load model file {path.name} from {path.parent}: {exc}",
            details={"model_dir": str(path.parent), "file": path.name},
        ) from exc


def _build_detector(manifest: Manifest, threads: int) -> FaceDetector:
    spec = manifest.detector
    path = manifest.path(spec.file)
    if spec.backend == "opencv_yunet":
        try:
            return YunetDetector(
                path, max(spec.input_size), spec.fast_side, spec.score_threshold, spec.nms_threshold
            )
        except Exception as exc:  # cv2.error
            raise FaceModelUnavailable(
                f"cannot load model file {spec.file} from {manifest.directory}: {exc}",
                details={"file": spec.file},
            ) from exc
    return ScrfdDetector(
        make_session(path, threads),
        max(spec.input_size),
        spec.fast_side,
        spec.score_threshold,
        spec.nms_threshold,
    )


def _build_embedder(manifest: Manifest, threads: int) -> Embedder:
    spec = manifest.recognizer
    path = manifest.path(spec.file)
    if spec.backend == "opencv_dnn":
        try:
            return OpenCVDnnEmbedder(spec, path)
        except Exception as exc:  # cv2.error
            raise FaceModelUnavailable(
                f"cannot load model file {spec.file} from {manifest.directory}: {exc}",
                details={"file": spec.file},
            ) from exc
    return OnnxEmbedder(spec, make_session(path, threads))


class FaceEngine:
    """A loaded model pack.  Build it with :meth:`load`."""

    def __init__(
        self,
        manifest: Manifest,
        detector: FaceDetector,
        embedder: Embedder,
        quality: QualityConfig | None = None,
        limits: DecodeLimits | None = None,
    ) -> None:
        self.manifest = manifest
        self.detector = detector
        self.embedder = embedder
        self.quality_config = quality or QualityConfig()
        self.limits = limits or DecodeLimits()

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        quality: QualityConfig | None = None,
        limits: DecodeLimits | None = None,
        threads: int | None = None,
    ) -> FaceEngine:
        """Load the pack in ``model_dir`` (default ``$FVS_MODEL_DIR``), verifying every file.

        Raises :class:`~models.errors.FaceModelUnavailable` (``MODEL_UNAVAILABLE``) naming the file
        and the directory when the pack is missing, corrupt or unreadable.
        """
        manifest = load_manifest(model_dir)
        threads = threads or default_threads()
        engine = cls(
            manifest,
            _build_detector(manifest, threads),
            _build_embedder(manifest, threads),
            quality,
            limits,
        )
        engine._check_embedding_size()
        return engine

    def _check_embedding_size(self) -> None:
        """One dummy embedding: the recogniser must output the size its manifest declares."""
        spec = self.manifest.recognizer
        width, height = spec.input_size
        size = self.embedder.embed(np.zeros((height, width, 3), np.uint8)).shape[0]
        if size != spec.embedding_size:
            raise FaceModelUnavailable(
                f"model file {spec.file} in {self.manifest.directory} outputs {size}-d "
                f"embeddings but manifest {self.manifest.id} declares {spec.embedding_size}",
                details={"file": spec.file, "model_dir": str(self.manifest.directory)},
            )

    # --- identity of the pack ----------------------------------------------------------------
    @property
    def model_id(self) -> str:
        """Id stored with every template; templates of another id are never compared."""
        return self.manifest.id

    @property
    def embedding_size(self) -> int:
        return self.manifest.recognizer.embedding_size

    @property
    def threshold(self) -> float:
        """Cosine similarity at or above which two faces are the same person."""
        return self.manifest.thresholds.verify

    # --- stages ----------------------------------------------------------------------------
    def decode(self, image_bytes: bytes) -> np.ndarray:
        """JPEG/PNG bytes → upright BGR image (``IMAGE_INVALID`` / ``IMAGE_TOO_LARGE``)."""
        return decode_image(image_bytes, self.limits)

    def detect(self, image_bgr: np.ndarray) -> list[Face]:
        """Every face in a BGR image (boxes, 5 landmarks, scores), largest first."""
        return self.detector.detect(image_bgr)

    def align(self, image_bgr: np.ndarray, face: Face) -> np.ndarray:
        """The face warped onto the recogniser's landmark template."""
        return align_face(image_bgr, face.landmarks, self.manifest.recognizer.input_size)

    def align_and_measure(
        self, image_bgr: np.ndarray, face: Face
    ) -> tuple[np.ndarray, QualityMetrics]:
        """The aligned face and its quality metrics (failed gates listed, nothing raised)."""
        aligned = self.align(image_bgr, face)
        coverage = coverage_mask(
            image_bgr.shape, face.landmarks, self.manifest.recognizer.input_size
        )
        return aligned, measure(face, aligned, self.quality_config, coverage)

    def embed(self, aligned_bgr: np.ndarray) -> Template:
        """Template of an aligned face."""
        return Template(self.model_id, self.embedder.embed(aligned_bgr))

    # --- use cases ---------------------------------------------------------------------------
    def analyze(self, image_bytes: bytes, *, enforce_quality: bool = True) -> FaceResult:
        """Decode, detect, select, align, check quality and embed the face of a photo.

        Raises :class:`FaceError` with ``IMAGE_INVALID``, ``IMAGE_TOO_LARGE``, ``NO_FACE``,
        ``MULTIPLE_FACES`` or, when ``enforce_quality``, the first failing quality gate (all
        failing gates and the metrics are in ``details``).
        """
        return self.analyze_image(self.decode(image_bytes), enforce_quality=enforce_quality)

    def analyze_image(self, image_bgr: np.ndarray, *, enforce_quality: bool = True) -> FaceResult:
        """:meth:`analyze` for an already decoded BGR image."""
        faces = self.detect(image_bgr)
        face = select_face(faces, self.quality_config.multiple_face_ratio)
        aligned, metrics = self.align_and_measure(image_bgr, face)
        if enforce_quality and metrics.reasons:
            raise FaceError(
                metrics.reasons[0],
                details={"reasons": list(metrics.reasons), "quality": metrics.to_dict()},
            )
        height, width = image_bgr.shape[:2]
        return FaceResult(self.embed(aligned), face, metrics, len(faces), (width, height))

    def compare(self, a: Template | FaceResult, b: Template | FaceResult) -> float:
        """Cosine similarity of two templates of this engine's model (``MODEL_MISMATCH`` else)."""
        ta = a.template if isinstance(a, FaceResult) else a
        tb = b.template if isinstance(b, FaceResult) else b
        check_same_model(self.model_id, self.embedding_size, ta)
        return compare(ta, tb)

    def is_match(self, score: float) -> bool:
        """Whether a similarity score reaches this model's verification threshold."""
        return score >= self.threshold

    def warmup(self) -> None:
        """Run one dummy detection (both passes) and embedding so first requests are not slow."""
        blank = np.full((480, 640, 3), 128, dtype=np.uint8)
        for side in filter(None, (self.detector.fast_side, self.detector.full_side)):
            self.detector.detect_at(blank, side)
        self.embedder.embed(np.zeros((*self.manifest.recognizer.input_size[::-1], 3), np.uint8))
