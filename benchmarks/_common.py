"""Shared helpers of the face benchmarks: where the shared data live, the labelled faces (people/,
credited/, group/ with hand-labelled known faces), pair scores and operating-point statistics.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # allow `python benchmarks/x.py` from anywhere
    sys.path.insert(0, str(REPO))

from models.detection import Face
from models.engine import FaceEngine

SHARED = Path(os.environ.get("FVS_SHARED_DIR", REPO.parent / "shared"))
FACES = SHARED / "faces"
PACKS = {
    "buffalo_sc": SHARED / "models" / "buffalo_sc",
    "opencv_zoo": SHARED / "models" / "opencv_zoo",
    "extra": SHARED / "models" / "extra",
}

#: credited/ photos: who they are (impostor_1 is Barack Obama, also in people/obama).
CREDITED = {
    "person_a_1.jpg": "macron",
    "person_a_2.jpg": "macron",
    "person_b_1.jpg": "ardern",
    "person_b_2.jpg": "ardern",
    "impostor_1.jpg": "obama",
    "impostor_2.jpg": "sunak",
}
#: Known people in group/ photos, labelled by hand at a point inside their face box (x, y in the
#: photo).  Every other face of a group photo is an unknown person of its own.
GROUP_KNOWN = {
    "kit_with_rose.jpg": [((300, 140), "kit_harington"), ((117, 160), "rose_leslie")],
    "obama_and_biden.jpg": [((1233, 480), "obama"), ((847, 520), "biden")],
    "two_people.jpg": [((311, 120), "obama"), ((862, 150), "biden")],
    "players.jpg": [((741, 166), "yaoming")],
    "yaoming.jpg": [((116, 140), "yaoming")],
}


def insightface_images() -> Path | None:
    """insightface's sample images (t1.jpg: six unknown people), when the wheel is installed."""
    spec = importlib.util.find_spec("insightface")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "data" / "images"
    return path if path.is_dir() else None


def single_face_images() -> list[tuple[Path, str]]:
    """(path, identity) of the one-person photos: people/ and credited/."""
    items = [(p, p.parent.name) for p in sorted((FACES / "people").glob("*/*")) if p.is_file()]
    items += [(FACES / "credited" / name, who) for name, who in sorted(CREDITED.items())]
    return items


def pairs_csv() -> list[tuple[str, str, bool]]:
    """pairs.csv rows as (people/-relative path a, b, same)."""
    with (FACES / "pairs.csv").open(newline="") as fh:
        return [(r["image_a"], r["image_b"], r["label"] == "same") for r in csv.DictReader(fh)]


@dataclass(frozen=True)
class LabelledFace:
    """One face with its identity, template and failed quality gates (empty = passed)."""

    source: str
    identity: str
    vector: np.ndarray
    reasons: tuple[str, ...]


def _label(file: str, face: Face, index: int) -> str:
    for (x, y), who in GROUP_KNOWN.get(file, []):
        x1, y1, x2, y2 = face.box
        if x1 <= x <= x2 and y1 <= y <= y2:
            return who
    return f"unknown:{file}:{index}"


def collect_faces(engine: FaceEngine, *, groups: bool = True) -> list[LabelledFace]:
    """Every labelled face the engine detects: the main face of each single-person photo and,
    with ``groups``, every face of group/ photos and insightface's t1.jpg."""
    faces: list[LabelledFace] = []
    for path, who in single_face_images():
        image = engine.decode(path.read_bytes())
        detected = engine.detect(image)
        if detected:
            faces.append(
                _labelled(engine, image, detected[0], f"{path.parent.name}/{path.name}", who)
            )
    if groups:
        sources = sorted((FACES / "group").glob("*.jpg"))
        extra = insightface_images()
        if extra is not None:
            sources.append(extra / "t1.jpg")
        for path in sources:
            image = engine.decode(path.read_bytes())
            for i, face in enumerate(engine.detect(image)):
                who = _label(path.name, face, i)
                if path.name == "yaoming.jpg" and i > 0:
                    continue
                faces.append(_labelled(engine, image, face, f"group/{path.name}#{i}", who))
    return faces


def _labelled(
    engine: FaceEngine, image: np.ndarray, face: Face, source: str, who: str
) -> LabelledFace:
    aligned, quality = engine.align_and_measure(image, face)
    return LabelledFace(source, who, engine.embed(aligned).vector, quality.reasons)


def pair_scores(faces: list[LabelledFace]) -> tuple[np.ndarray, np.ndarray]:
    """(genuine, impostor) cosine scores over every unordered pair of distinct faces."""
    genuine, impostor = [], []
    for a, b in itertools.combinations(faces, 2):
        score = float(np.dot(a.vector, b.vector))
        (genuine if a.identity == b.identity else impostor).append(score)
    return np.array(genuine), np.array(impostor)


def roc_auc(genuine: np.ndarray, impostor: np.ndarray) -> float:
    """Area under the ROC curve (probability a genuine pair outscores an impostor pair)."""
    scores = np.concatenate([genuine, impostor])
    ranks = scores.argsort().argsort().astype(np.float64) + 1
    n_g, n_i = len(genuine), len(impostor)
    return float((ranks[:n_g].sum() - n_g * (n_g + 1) / 2) / (n_g * n_i))


def threshold_at_far(impostor: np.ndarray, far: float) -> tuple[float | None, int]:
    """Lowest threshold accepting at most ``floor(far·N)`` impostors, and that allowance.

    Returns ``(None, 0)`` when ``N < 1/far``: fewer impostor pairs than the target can resolve.
    """
    n = len(impostor)
    if n < round(1 / far):
        return None, 0
    allowed = int(np.floor(far * n))
    ordered = np.sort(impostor)[::-1]
    return float(np.nextafter(ordered[allowed], np.inf)), allowed


def tar_at(genuine: np.ndarray, threshold: float) -> float:
    """Share of genuine pairs at or above the threshold."""
    return float(np.mean(genuine >= threshold)) if len(genuine) else float("nan")
