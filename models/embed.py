"""Face embedding models: aligned 112×112 BGR crops → L2-normalised float32 vectors."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort

from models.manifest import RecognizerSpec


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (float32)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class Embedder(ABC):
    """Common preprocessing (colour order, mean/std) for every recogniser backend."""

    def __init__(self, spec: RecognizerSpec) -> None:
        self.spec = spec

    def blob(self, faces_bgr: list[np.ndarray]) -> np.ndarray:
        """N×3×H×W float32 input."""
        return cv2.dnn.blobFromImages(
            faces_bgr,
            1.0 / self.spec.std,
            self.spec.input_size,
            (self.spec.mean,) * 3,
            swapRB=self.spec.color_order == "RGB",
        )

    def embed(self, face_bgr: np.ndarray) -> np.ndarray:
        """Unit-length embedding of one aligned face."""
        return self.embed_batch([face_bgr])[0]

    @abstractmethod
    def embed_batch(self, faces_bgr: list[np.ndarray]) -> np.ndarray:
        """Unit-length embeddings (N×D) of aligned faces."""


class OnnxEmbedder(Embedder):
    """Recogniser run with onnxruntime (ArcFace-style models)."""

    def __init__(self, spec: RecognizerSpec, session: ort.InferenceSession) -> None:
        super().__init__(spec)
        self.session = session
        self.input_name = session.get_inputs()[0].name
        batch = session.get_inputs()[0].shape[0]
        self.batchable = not isinstance(batch, int) or batch != 1

    def embed_batch(self, faces_bgr: list[np.ndarray]) -> np.ndarray:
        blob = self.blob(faces_bgr)
        if self.batchable:
            out = self.session.run(None, {self.input_name: blob})[0]
        else:
            out = np.concatenate(
                [self.session.run(None, {self.input_name: b[None]})[0] for b in blob]
            )
        return l2_normalize(out.reshape(len(faces_bgr), -1))


class OpenCVDnnEmbedder(Embedder):
    """Recogniser run with OpenCV's DNN module (e.g. the int8 SFace file, input ``data``).

    A ``cv2.dnn.Net`` is not thread-safe, so forward passes are serialised.
    """

    def __init__(self, spec: RecognizerSpec, model_path: Path) -> None:
        super().__init__(spec)
        self._net = cv2.dnn.readNetFromONNX(str(model_path))
        self._lock = threading.Lock()

    def embed_batch(self, faces_bgr: list[np.ndarray]) -> np.ndarray:
        outs = []
        with self._lock:
            for face in faces_bgr:
                self._net.setInput(self.blob([face]), "data")
                outs.append(np.asarray(self._net.forward()).reshape(-1))
        return l2_normalize(np.stack(outs))
