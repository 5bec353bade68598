"""Liveness (presentation-attack detection) benchmark: APCER/BPCER (ISO/IEC 30107-3) at the
manifest's threshold, the threshold the selection rule picks from these data, and the CPU cost.

    python benchmarks/liveness_bench.py [--quick] [--packs opencv_zoo buffalo_sc] [--write-manifest]

Bona fide: people/, credited/ and antispoof/image_T1.jpg.  Attacks: antispoof/image_F1.jpg and
image_F2.jpg, plus screen-like transforms of every bona fide photo (``spoof_transforms``).  Face
boxes come from the face core's detector of each ``--packs`` pack (largest face).  A synthetic attack in which
no face is found is refused before liveness runs; it is listed, not counted in APCER.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass

import cv2
import numpy as np
from _common import FACES, PACKS, SHARED, single_face_images
from rich.console import Console
from rich.table import Table
from spoof_transforms import TRANSFORMS, synthesise

from models.engine import FaceEngine
from models.liveness import BUILTIN_MANIFEST, LivenessModel

LIVENESS_DIR = SHARED / "models" / "antispoof"
REAL_ATTACKS = ("image_F1.jpg", "image_F2.jpg")
BONA_FIDE_TYPE = "bona_fide"
RECORDED_TYPE = "recorded_attack"  # the two real photos of photos/screens
MARGIN = 0.05
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Sample:
    """One scored presentation (score None: no face found)."""

    source: str
    kind: str
    score: float | None
    cpu_ms: float
    wall_ms: float


def bona_fide_photos() -> list[tuple[str, np.ndarray]]:
    """(name, BGR image) of every live photo."""
    paths = [p for p, _ in single_face_images()] + [FACES / "antispoof" / "image_T1.jpg"]
    return [(str(p.relative_to(FACES)), cv2.imread(str(p))) for p in paths]


def score_one(
    engine: FaceEngine, liveness: LivenessModel, source: str, kind: str, image: np.ndarray
) -> Sample:
    """Detect the largest face and time only the liveness step (process CPU and wall clock)."""
    faces = engine.detect(image)
    if not faces:
        return Sample(source, kind, None, 0.0, 0.0)
    cpu, wall = time.process_time(), time.perf_counter()
    result = liveness.score(image, tuple(faces[0].box))
    cpu_ms = (time.process_time() - cpu) * 1000
    wall_ms = (time.perf_counter() - wall) * 1000
    return Sample(source, kind, result.score, cpu_ms, wall_ms)


def collect(engine: FaceEngine, liveness: LivenessModel, seeds: int) -> list[Sample]:
    """Score bona fide photos, the recorded attacks and ``seeds`` variants of each transform."""
    samples = []
    for name, image in bona_fide_photos():
        samples.append(score_one(engine, liveness, name, BONA_FIDE_TYPE, image))
        for kind in TRANSFORMS:
            for seed in range(seeds):
                attack = synthesise(image, kind, seed)
                samples.append(score_one(engine, liveness, f"{name}#{seed}", kind, attack))
    for name in REAL_ATTACKS:
        image = cv2.imread(str(FACES / "antispoof" / name))
        samples.append(score_one(engine, liveness, f"antispoof/{name}", RECORDED_TYPE, image))
    return samples


def error_rates(samples: list[Sample], threshold: float) -> tuple[float, dict[str, float]]:
    """BPCER and APCER per attack type at ``threshold`` (scored samples only)."""
    by_kind: dict[str, list[float]] = {}
    for s in samples:
        if s.score is not None:
            by_kind.setdefault(s.kind, []).append(s.score)
    live = np.array(by_kind.pop(BONA_FIDE_TYPE))
    bpcer = float(np.mean(live < threshold))
    apcer = {k: float(np.mean(np.array(v) >= threshold)) for k, v in sorted(by_kind.items())}
    return bpcer, apcer


def choose_threshold(runs: dict[str, list[Sample]]) -> float:
    """The selection rule: no bona fide photo refused, with a margin.  For each detector's boxes
    take the lowest bona fide score minus MARGIN, floor to 0.01, then the lowest over detectors.

    Rationale: refusing a live patient in a clinic blocks care, so BPCER = 0 on the bona fide set
    is the constraint; within it APCER falls as the threshold rises, so the highest such threshold
    is taken, backed off by MARGIN because unseen live photos will score lower than these few.
    """
    lows = [
        min(s.score for s in samples if s.kind == BONA_FIDE_TYPE and s.score is not None)
        for samples in runs.values()
    ]
    return float(np.floor((min(lows) - MARGIN) * 100) / 100)


def write_threshold(runs: dict[str, list[Sample]], threshold: float) -> None:
    """Record the chosen threshold and its evidence (per detector) in the built-in manifest."""
    data = json.loads(BUILTIN_MANIFEST.read_text(encoding="utf-8"))
    evidence = {}
    for pack, samples in runs.items():
        bpcer, apcer = error_rates(samples, threshold)
        scored = [s for s in samples if s.score is not None]
        live = [s.score for s in scored if s.kind == BONA_FIDE_TYPE]
        recorded = [s.score for s in scored if s.kind == RECORDED_TYPE]
        evidence[pack] = {
            "bona_fide": len(live),
            "attacks_recorded": len(recorded),
            "attacks_synthetic": len(scored) - len(live) - len(recorded),
            "bona_fide_min": round(min(live), 4),
            "recorded_attack_max": round(max(recorded), 4),
            "bpcer": round(bpcer, 4),
            "apcer": {k: round(v, 4) for k, v in apcer.items()},
        }
    data["threshold"] = {
        "value": threshold,
        "method": " ".join(choose_threshold.__doc__.split()).replace("MARGIN", str(MARGIN)),
        "chosen_by": "python benchmarks/liveness_bench.py --write-manifest",
        "evidence_by_detector": evidence,
        "note": (
            "Very few images: 24 bona fide photos (mostly professional photos of public figures), "
            "2 recorded attacks and synthetic attacks made from the bona fide photos. The lowest "
            "bona fide score (one photo) sets the threshold. With 0 errors in n trials the true "
            "rate is only bounded by about 3/n (rule of three). Photometric-only synthetic attacks "
            "(glare, JPEG, moire, colour cast) are mostly NOT caught. Re-estimate on attacks "
            "recorded with the tablets in use before relying on this value."
        ),
    }
    BUILTIN_MANIFEST.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def type_table(samples: list[Sample], threshold: float, pack: str) -> Table:
    """Per presentation type: counts, refused/accepted, BPCER or APCER, score spread."""
    bpcer, apcer = error_rates(samples, threshold)
    table = Table(title=f"Liveness at threshold {threshold:.2f} (face boxes: {pack})")
    for col in ("type", "n", "no face", "refused", "accepted", "rate", "score min / med / max"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for kind in (BONA_FIDE_TYPE, RECORDED_TYPE, *TRANSFORMS):
        group = [s for s in samples if s.kind == kind]
        scores = [s.score for s in group if s.score is not None]
        accepted = sum(v >= threshold for v in scores)
        is_live = kind == BONA_FIDE_TYPE
        rate = f"BPCER {bpcer:.3f}" if is_live else f"APCER {apcer.get(kind, float('nan')):.3f}"
        spread = f"{min(scores):.3f} / {statistics.median(scores):.3f} / {max(scores):.3f}"
        table.add_row(
            kind,
            str(len(group)),
            str(len(group) - len(scores)),
            str(len(scores) - accepted),
            str(accepted),
            rate,
            spread,
        )
    worst = max(apcer, key=apcer.__getitem__)
    table.caption = f"max APCER {apcer[worst]:.3f} ({worst}); BPCER {bpcer:.3f}"
    return table


def sweep_table(samples: list[Sample], pack: str) -> Table:
    """BPCER and APCER per attack type at other thresholds (the trade-off)."""
    kinds = [RECORDED_TYPE, *TRANSFORMS]
    table = Table(title=f"Trade-off (face boxes: {pack})")
    for col in ("threshold", "BPCER", *kinds):
        table.add_column(col, justify="right")
    for threshold in SWEEP:
        bpcer, apcer = error_rates(samples, threshold)
        table.add_row(f"{threshold:.2f}", f"{bpcer:.3f}", *(f"{apcer[k]:.2f}" for k in kinds))
    return table


def timing_line(samples: list[Sample]) -> str:
    """Median and p95 of the liveness step's process CPU time and wall time."""
    cpu = [s.cpu_ms for s in samples if s.score is not None]
    wall = [s.wall_ms for s in samples if s.score is not None]
    return (
        f"added per verification (2 crops + 2 models, {len(cpu)} faces): process CPU median "
        f"{statistics.median(cpu):.1f} ms, p95 {np.percentile(cpu, 95):.1f} ms (time.process_time, "
        f"all threads); wall median {statistics.median(wall):.1f} ms, p95 "
        f"{np.percentile(wall, 95):.1f} ms (perf_counter; other processes share the 2 cores)"
    )


def report(runs: dict[str, list[Sample]], threshold: float, console: Console) -> None:
    """Print the tables, the refused bona fide photos, the recorded attacks and the timing."""
    for pack, samples in runs.items():
        console.print(type_table(samples, threshold, pack))
        console.print(sweep_table(samples, pack))
        refused = [
            s.source
            for s in samples
            if s.kind == BONA_FIDE_TYPE and s.score is not None and s.score < threshold
        ]
        console.print(f"bona fide refused: {refused or 'none'}")
        recorded = [s for s in samples if s.kind == RECORDED_TYPE and s.score is not None]
        console.print(
            "recorded attacks: " + ", ".join(f"{s.source} {s.score:.3f}" for s in recorded)
        )
        console.print(timing_line(samples) + "\n")
    console.print(f"selection rule on these data → threshold {choose_threshold(runs):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one variant per transform, not 3")
    parser.add_argument(
        "--packs", nargs="+", choices=sorted(PACKS), default=["opencv_zoo", "buffalo_sc"]
    )
    parser.add_argument(
        "--write-manifest", action="store_true", help="store the rule's threshold in the manifest"
    )
    args = parser.parse_args()
    console = Console(width=132)
    if not LIVENESS_DIR.is_dir():
        console.print(f"shared data not found: {LIVENESS_DIR} (set FVS_SHARED_DIR)")
        raise SystemExit(2)
    liveness = LivenessModel.load(LIVENESS_DIR)
    liveness.warmup()
    runs = {}
    for pack in args.packs:
        engine = FaceEngine.load(PACKS[pack])
        engine.warmup()
        runs[pack] = collect(engine, liveness, seeds=1 if args.quick else 3)
    threshold = liveness.threshold
    if args.write_manifest:
        threshold = choose_threshold(runs)
        write_threshold(runs, threshold)
    report(runs, threshold, console)


if __name__ == "__main__":
    main()
