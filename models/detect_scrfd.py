"""SCRFD face detector (insightface's ``*_bnkps`` exports) run with onnxruntime.

The network predicts, for each anchor point of strides 8/16/32, a face score, distances from the
point to the four box sides and five landmark offsets, all in units of the stride.  This module
letterboxes the image, runs the network and decodes those maps with numpy.
"""

from __future__ import annotations

import cv2
import numpy as np
import onnxruntime as ort

from models.detection import Face, FaceDetector, nms, round_up

STRIDES = (8, 16, 32)


class ScrfdDetector(FaceDetector):
    """SCRFD with 5 keypoints; supports dynamic input sizes (fast pass) and fixed ones."""

    def __init__(
        self,
        session: ort.InferenceSession,
        full_side: int,
        fast_side: int | None,
        score_threshold: float,
        nms_threshold: float,
    ) -> None:
        shape = session.get_inputs()[0].shape
        self.fixed: tuple[int, int] | None = (
            (shape[3], shape[2])
            if isinstance(shape[2], int) and isinstance(shape[3], int)
            else None
        )
        if self.fixed:
            full_side, fast_side = max(self.fixed), None
        super().__init__(full_side, fast_side)
        self.session = session
        self.input_name = session.get_inputs()[0].name
        self.score_threshold = score_threshold
        self.nms_threshold = nms_threshold
        self._centers: dict[tuple[int, int, int, int], np.ndarray] = {}

    def detect_at(self, image_bgr: np.ndarray, side: int) -> list[Face]:
        height, width = image_bgr.shape[:2]
        scale = side / max(height, width)
        new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
        in_w, in_h = self.fixed or (round_up(new_w, 32), round_up(new_h, 32))
        canvas = np.zeros((in_h, in_w, 3), dtype=np.uint8)
        canvas[:new_h, :new_w] = cv2.resize(
            image_bgr,
            (new_w, new_h),
            interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
        )
        blob = cv2.dnn.blobFromImage(
            canvas, 1.0 / 128.0, (in_w, in_h), (127.5, 127.5, 127.5), swapRB=True
        )
        outputs = self.session.run(None, {self.input_name: blob})
        boxes, points, scores = self._decode(outputs, in_w, in_h)
        if not len(scores):
            return []
        keep = nms(boxes, scores, self.nms_threshold)
        faces = [
            Face(
                box=(boxes[i] / scale).astype(np.float32),
                landmarks=(points[i] / scale).astype(np.float32),
                score=float(scores[i]),
            )
            for i in keep
        ]
        return self.sort_faces(faces)

    def _decode(
        self, outputs: list[np.ndarray], in_w: int, in_h: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Score/box/keypoint maps of the three strides → boxes (N,4), points (N,5,2), scores."""
        maps = [o.reshape(-1, o.shape[-1]) for o in outputs]
        by_width = {
            c: sorted((m for m in maps if m.shape[1] == c), key=len, reverse=True)
            for c in (1, 4, 10)
        }
        all_boxes, all_points, all_scores = [], [], []
        for level, stride in enumerate(STRIDES):
            scores = by_width[1][level][:, 0]
            hit = np.nonzero(scores >= self.score_threshold)[0]
            if not hit.size:
                continue
            centers = self._anchor_centers(in_w, in_h, stride, len(scores))[hit]
            dist = by_width[4][level][hit] * stride
            kps = by_width[10][level][hit].reshape(-1, 5, 2) * stride
            all_boxes.append(np.concatenate([centers - dist[:, :2], centers + dist[:, 2:]], axis=1))
            all_points.append(centers[:, None, :] + kps)
            all_scores.append(scores[hit])
        if not all_scores:
            return np.empty((0, 4)), np.empty((0, 5, 2)), np.empty(0)
        return np.concatenate(all_boxes), np.concatenate(all_points), np.concatenate(all_scores)

    def _anchor_centers(self, in_w: int, in_h: int, stride: int, count: int) -> np.ndarray:
        """(x, y) of every anchor of a stride; each grid point carries count/(cells) anchors."""
        key = (in_w, in_h, stride, count)
        centers = self._centers.get(key)
        if centers is None:
            cols, rows = in_w // stride, in_h // stride
            per_cell = count // (cols * rows)
            ys, xs = np.mgrid[:rows, :cols]
            grid = np.stack([xs, ys], axis=-1).reshape(-1, 2).astype(np.float32) * stride
            centers = np.repeat(grid, per_cell, axis=0)
            if len(self._centers) < 64:
                self._centers[key] = centers
        return centers
