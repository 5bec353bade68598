"""Face pipeline benchmark: accuracy on the labelled photos and CPU time per stage, side by side
with insightface's ``FaceAnalysis`` on the same images (same buffalo_sc weights).

    python benchmarks/face_bench.py [--quick] [--runs N]

Accuracy: every pair of the one-person photos of shared/faces (people/ and credited/, identities
labelled in ``_common.py``); decisions at each pack's manifest threshold (FaceAnalysis is judged
at the buffalo_sc threshold, since it runs the same recogniser).  CPU: ``time.process_time`` (all
threads of this process) per stage; other engineers share these 2 cores, so wall time would be
noise.  Targets are printed as met / not met, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import cv2
import numpy as np
from _common import PACKS, roc_auc, single_face_images, tar_at, threshold_at_far
from rich.console import Console
from rich.table import Table

from models.engine import FaceEngine

T = TypeVar("T")


@dataclass
class Run:
    """Templates (None = no face) and per-stage CPU milliseconds of one system."""

    name: str
    threshold: float
    vectors: list[np.ndarray | None] = field(default_factory=list)
    stage_ms: dict[str, list[float]] = field(default_factory=dict)
    rejected: int = 0  # faces found but failing the quality gates (still scored)

    def add_time(self, stage: str, ms: float) -> None:
        self.stage_ms.setdefault(stage, []).append(ms)

    def total_ms(self) -> list[float]:
        per_stage = list(self.stage_ms.values())
        return [sum(values) for values in zip(*per_stage)]


def timed(run: Run, stage: str, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, adding its process CPU time to ``stage``."""
    start = time.process_time()
    value = fn(*args)
    run.add_time(stage, (time.process_time() - start) * 1000)
    return value


def bench_engine(engine: FaceEngine, images: list[bytes], runs: int) -> Run:
    """Our pipeline, stage by stage (the calls ``FaceEngine.analyze`` makes)."""
    result = Run(engine.model_id, engine.threshold)
    for repeat in range(runs):
        for data in images:
            image = timed(result, "decode", engine.decode, data)
            faces = timed(result, "detect", engine.detect, image)
            if not faces:
                result.add_time("align+quality", 0.0)
                result.add_time("embed", 0.0)
                if repeat == 0:
                    result.vectors.append(None)
                continue
            aligned, quality = timed(
                result, "align+quality", engine.align_and_measure, image, faces[0]
            )
            template = timed(result, "embed", engine.embed, aligned)
            if repeat == 0:
                result.vectors.append(template.vector)
                result.rejected += bool(quality.reasons)
    return result


def _largest_face(faces: list[Any]) -> Any:
    return max(faces, key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]), default=None)


def bench_face_analysis(images: list[bytes], threshold: float, runs: int) -> Run | None:
    """insightface FaceAnalysis on the same bytes (cv2 decode + ``app.get``, largest face)."""
    try:
        from insightface.app import FaceAnalysis
    except ImportError:
        return None
    app = FaceAnalysis(
        name=str(PACKS["buffalo_sc"].resolve()),
        allowed_modules=["detection", "recognition"],
        providers=["CPUExecutionProvider"],
    )
    app.prepare(ctx_id=-1)
    app.get(np.full((480, 640, 3), 128, np.uint8))
    result = Run("insightface FaceAnalysis", threshold)
    for repeat in range(runs):
        for data in images:
            buffer = np.frombuffer(data, np.uint8)
            image = timed(result, "decode", cv2.imdecode, buffer, cv2.IMREAD_COLOR)
            faces = timed(result, "detect+align+embed", app.get, image)
            if repeat == 0:
                best = _largest_face(faces)
                vector = None if best is None else best.normed_embedding.astype(np.float32)
                result.vectors.append(vector)
    return result


@dataclass
class Accuracy:
    auc: float
    tar_1: float | None
    tar_01: float | None
    tp: int
    fp: int
    tn: int
    fn: int
    decisions: list[bool | None]


def accuracy(run: Run, labels: list[str]) -> Accuracy:
    genuine, impostor, decisions = [], [], []
    tp = fp = tn = fn = 0
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            a, b = run.vectors[i], run.vectors[j]
            same = labels[i] == labels[j]
            if a is None or b is None:  # no face: the pair is refused
                decisions.append(None)
                fn += same
                tn += not same
                continue
            score = float(np.dot(a, b))
            (genuine if same else impostor).append(score)
            match = score >= run.threshold
            decisions.append(match)
            tp += match and same
            fp += match and not same
            tn += not match and not same
            fn += not match and same
    g, imp = np.array(genuine), np.array(impostor)
    tars = []
    for far in (1e-2, 1e-3):
        threshold, _ = threshold_at_far(imp, far)
        tars.append(None if threshold is None else tar_at(g, threshold))
    return Accuracy(roc_auc(g, imp), tars[0], tars[1], tp, fp, tn, fn, decisions)


def fmt(value: float | None, spec: str = ".3f") -> str:
    return "n/a" if value is None else format(value, spec)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def report(console: Console, title: str, ours: Run, theirs: Run | None, labels: list[str]) -> None:
    systems = [ours] + ([theirs] if theirs else [])
    accs = {s.name: accuracy(s, labels) for s in systems}
    n_imp = sum(
        labels[i] != labels[j] for i in range(len(labels)) for j in range(i + 1, len(labels))
    )
    table = Table(title=title)
    table.add_column("metric")
    for s in systems:
        table.add_column(s.name, justify="right")
    rows: list[tuple[str, list[str]]] = [
        (
            "photos / no face / failing gates",
            [
                f"{len(s.vectors)} / {sum(v is None for v in s.vectors)}"
                f" / {s.rejected if s is ours else '-'}"
                for s in systems
            ],
        ),
        ("threshold (cosine)", [f"{s.threshold:.2f}" for s in systems]),
        ("AUC", [fmt(accs[s.name].auc, ".4f") for s in systems]),
        ("TAR @ FAR 1%", [fmt(accs[s.name].tar_1) for s in systems]),
        (
            f"TAR @ FAR 0.1% ({n_imp} impostor pairs)",
            [
                fmt(accs[s.name].tar_01)
                if accs[s.name].tar_01 is not None
                else "n/a (<1,000 pairs)"
                for s in systems
            ],
        ),
        ("TP / FP / TN / FN", [f"{a.tp} / {a.fp} / {a.tn} / {a.fn}" for a in accs.values()]),
    ]
    stages = list(ours.stage_ms) + ([k for k in theirs.stage_ms] if theirs else [])
    for stage in dict.fromkeys(stages):
        rows.append(
            (
                f"CPU ms {stage} (median / p95)",
                [
                    f"{statistics.median(s.stage_ms[stage]):.1f} / {pct(s.stage_ms[stage], 95):.1f}"
                    if stage in s.stage_ms
                    else "-"
                    for s in systems
                ],
            )
        )
    rows.append(
        (
            "CPU ms per photo (median / p95)",
            [
                f"{statistics.median(s.total_ms()):.1f} / {pct(s.total_ms(), 95):.1f}"
                for s in systems
            ],
        )
    )
    for name, cells in rows:
        table.add_row(name, *cells)
    console.print(table)
    if theirs is None:
        console.print("insightface not installed: no side-by-side comparison")
        return
    a, b = accs[ours.name], accs[theirs.name]
    ratio = statistics.mean(ours.total_ms()) / statistics.mean(theirs.total_ms())
    agree = [x == y for x, y in zip(a.decisions, b.decisions)]
    errors_a, errors_b = a.fp + a.fn, b.fp + b.fn
    console.print(
        f"mean CPU time ratio ours / FaceAnalysis: {ratio:.2f}  "
        f"({'met' if ratio <= 0.5 else 'NOT met'}: target <= 0.5)"
    )
    console.print(f"decision agreement: {sum(agree)}/{len(agree)} pairs ({np.mean(agree):.1%})")
    met = a.auc >= b.auc - 1e-9 and errors_a <= errors_b
    console.print(
        f"accuracy: AUC {a.auc:.4f} vs {b.auc:.4f}, errors {errors_a} vs {errors_b}  "
        f"({'met' if met else 'NOT met'}: target accuracy >= FaceAnalysis)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 timed run instead of --runs")
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the photos")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    console = Console(highlight=False, width=120)
    labelled = single_face_images()
    images = [path.read_bytes() for path, _ in labelled]
    labels = [who for _, who in labelled]
    console.print(
        f"{len(images)} photos, {len(labels) * (len(labels) - 1) // 2} pairs, "
        f"{runs} timed run(s); CPU = time.process_time of this process"
    )
    buffalo = FaceEngine.load(PACKS["buffalo_sc"])
    buffalo.warmup()
    ours = bench_engine(buffalo, images, runs)
    theirs = bench_face_analysis(images, buffalo.threshold, runs)
    report(console, "buffalo_sc: FVS pipeline vs insightface FaceAnalysis", ours, theirs, labels)
    zoo = FaceEngine.load(PACKS["opencv_zoo"])
    zoo.warmup()
    report(
        console,
        "OpenCV Zoo YuNet + SFace (MIT / Apache-2.0) vs insightface FaceAnalysis",
        bench_engine(zoo, images, runs),
        theirs,
        labels,
    )


if __name__ == "__main__":
    main()
