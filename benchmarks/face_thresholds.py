"""Choose the cosine match thresholds of a model pack from labelled faces and write them into the
pack's built-in manifest (``models/manifests/<pack>.json``).

Data: the faces of shared/faces (people/, credited/, every face of group/, and insightface's t1.jpg
when installed).  Known people in group photos are labelled by hand (``benchmarks/_common.py``);
every other group face is a distinct unknown person.  Every unordered pair of distinct faces is
genuine (same identity) or impostor.

Population: only faces that pass the quality gates, because production only ever compares such
faces (enrolment and verification both enforce the gates).  The small, blurred crowd faces of
group/ that fail the gates are reported separately as a stress population (``stress_all_faces``):
they score far higher against each other than usable faces do.

Rule: a FAR target f is estimable only with N >= 1/f impostor pairs; its threshold is the lowest
accepting at most floor(f·N) impostors.  The verification threshold is

1. the FAR 0.01 % threshold when estimable (N >= 10,000);
2. otherwise, when every genuine pair outscores every impostor pair, the midpoint of that gap
   rounded to 0.01 — too few impostors to locate a FAR point, so keep equal margin to both errors;
3. otherwise the FAR 0.1 % threshold (or, below 1,000 pairs, the max impostor score) rounded up.

    python benchmarks/face_thresholds.py [--pack buffalo_sc|opencv_zoo|extra ...] [--dry-run]
    python benchmarks/face_thresholds.py --model-dir /path/to/buffalo_l   # prints, writes nothing

Band thresholds (``thresholds.bands``, one per age band of ``models/data/face_policy.json``) come
from a labelled folder with ages in the file names, with the pairs and rule of
``benchmarks/_fairness.py`` (``face_fairness.py`` reports on the same pairs):

    python benchmarks/face_thresholds.py --by-band /work/fgnet/images \
        --dataset "FG-NET (Couson/baidu-ai@c2b16379, FGNET/images)" [--pack ...] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from _common import (
    PACKS,
    LabelledFace,
    collect_faces,
    pair_scores,
    roc_auc,
    tar_at,
    threshold_at_far,
)
from _fairness import derive_band_thresholds, load_folder, pairs_of
from rich.console import Console
from rich.table import Table

from models.engine import FaceEngine
from models.face_policy import load_face_policy
from models.manifest import builtin_manifest_path

TARGETS = (1e-3, 1e-4)


def operating_points(genuine: np.ndarray, impostor: np.ndarray) -> list[dict[str, Any]]:
    """Threshold, TAR and allowed false accepts for each FAR target (None when not estimable)."""
    points = []
    for far in TARGETS:
        threshold, allowed = threshold_at_far(impostor, far)
        point: dict[str, Any] = {
            "far": far,
            "estimable": threshold is not None,
            "threshold": None if threshold is None else round(threshold, 4),
        }
        if threshold is not None:
            point.update(tar=round(tar_at(genuine, threshold), 4), false_accepts=allowed)
        points.append(point)
    return points


def choose(genuine: np.ndarray, impostor: np.ndarray) -> tuple[float, str]:
    """(verification threshold, how it was chosen) following the module's rule."""
    points = {p["far"]: p for p in operating_points(genuine, impostor)}
    strict, loose = points[TARGETS[-1]], points[TARGETS[0]]
    if strict["estimable"]:
        return math.ceil(strict["threshold"] * 100) / 100, f"threshold at FAR {TARGETS[-1]:.2%}"
    if genuine.min() > impostor.max():
        midpoint = round((float(genuine.min()) + float(impostor.max())) / 2, 2)
        return midpoint, (
            "midpoint between the highest impostor and the lowest genuine score "
            f"(fully separated; FAR {TARGETS[-1]:.2%} needs >= "
            f"{round(1 / TARGETS[-1]):,} impostor pairs)"
        )
    if loose["estimable"]:
        return math.ceil(loose["threshold"] * 100) / 100, f"threshold at FAR {TARGETS[0]:.2%}"
    return math.ceil(float(impostor.max()) * 100 + 1e-9) / 100, "max impostor score, rounded up"


def thresholds_section(usable: list[LabelledFace], every: list[LabelledFace]) -> dict[str, Any]:
    """The ``thresholds`` section of a manifest."""
    genuine, impostor = pair_scores(usable)
    verify, method = choose(genuine, impostor)
    points = operating_points(genuine, impostor)
    _, stress_impostor = pair_scores(every)
    n_imp = len(impostor)
    notes = [
        f"{len(genuine)} genuine / {n_imp} impostor pairs between the {len(usable)} faces of "
        "shared/faces that pass the quality gates (people/, credited/, group/, insightface "
        "t1.jpg): public figures, few of them Asian."
    ]
    notes += [
        f"FAR {p['far']:.2%} not estimable: needs >= {round(1 / p['far']):,} impostor pairs, "
        f"have {n_imp}."
        for p in points
        if not p["estimable"]
    ]
    accepted = int((impostor >= verify).sum())
    notes.append(
        f"At {verify}: {accepted} of {n_imp} impostors accepted, TAR "
        f"{tar_at(genuine, verify):.3f}; with so few pairs the true FAR is only bounded by "
        f"~{3 / n_imp:.2%} (rule of three). Re-estimate on a large Thai dataset before "
        "production."
    )
    return {
        "verify": verify,
        "method": method,
        "genuine_pairs": len(genuine),
        "impostor_pairs": int(n_imp),
        "genuine_min": round(float(genuine.min()), 4),
        "impostor_max": round(float(impostor.max()), 4),
        "tar_at_verify": round(tar_at(genuine, verify), 4),
        "auc": round(roc_auc(genuine, impostor), 5),
        "operating_points": points,
        "stress_all_faces": {
            "faces": len(every),
            "impostor_pairs": len(stress_impostor),
            "impostor_max": round(float(stress_impostor.max()), 4),
            "impostors_at_or_above_verify": int((stress_impostor >= verify).sum()),
            "note": "includes tiny, blurred crowd faces that the quality gates reject",
        },
        "note": " ".join(notes),
    }


def run(model_dir: Path, dry_run: bool, console: Console) -> None:
    engine = FaceEngine.load(model_dir)
    every = collect_faces(engine)
    usable = [f for f in every if not f.reasons]
    section = thresholds_section(usable, every)
    failed = Counter(code for f in every for code in f.reasons)
    table = Table(
        title=f"{engine.model_id}: thresholds from {len(usable)} of {len(every)} faces "
        f"(gates failed: {dict(failed) or 'none'})"
    )
    for col in ("quantity", "value"):
        table.add_column(col)
    for key in (
        "genuine_pairs",
        "impostor_pairs",
        "genuine_min",
        "impostor_max",
        "auc",
        "verify",
        "tar_at_verify",
        "method",
    ):
        table.add_row(key, str(section[key]))
    for point in section["operating_points"]:
        table.add_row(
            f"FAR {point['far']:.2%}", json.dumps({k: v for k, v in point.items() if k != "far"})
        )
    table.add_row("stress (all faces)", json.dumps(section["stress_all_faces"]))
    console.print(table)
    console.print(section["note"])
    if dry_run:
        console.print_json(json.dumps({"thresholds": section}))
    else:
        section["bands"] = engine.manifest.raw["thresholds"].get("bands", [])
        write_thresholds(engine.model_id, section, console)


def write_thresholds(model_id: str, section: dict[str, Any], console: Console) -> None:
    """Replace the ``thresholds`` section of a built-in manifest."""
    path = builtin_manifest_path(model_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["thresholds"] = section
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(f"written to {path}")


def run_by_band(model_dir: Path, args: argparse.Namespace, dry_run: bool, console: Console) -> None:
    """Derive the band thresholds of a pack from a labelled folder (see ``_fairness.py``)."""
    policy = load_face_policy(args.policy)
    engine = FaceEngine.load(model_dir)
    embedded, _ = load_folder(engine, args.by_band, all_faces=args.all_faces)
    pairs = pairs_of(embedded, max_impostors=args.max_impostors, seed=args.seed)
    dataset = args.dataset or args.by_band.name
    dataset += (f": {len(embedded.photos):,} photos of "
                f"{len({p.identity for p in embedded.photos})} people, quality gates "
                f"{'ignored' if args.all_faces else 'enforced'}")
    bands = derive_band_thresholds(
        pairs, policy, engine.threshold, dataset=dataset, date=datetime.date.today().isoformat()
    )
    table = Table(title=f"{engine.model_id}: band thresholds from {dataset}", title_justify="left")
    for col in ("band", "threshold", "FAR target", "genuine", "impostor", "FAR threshold",
                "FNMR", "FMR", "method"):
        table.add_column(col)
    for band in bands:
        src = band["source"]
        hi = "+" if band["max_age"] is None else f"-{band['max_age']}"
        table.add_row(f"{band['min_age']}{hi}", f"{band['threshold']:.2f}",
                      f"{band['far_target']:g}", f"{src['genuine_pairs']:,}",
                      f"{src['impostor_pairs']:,}", str(src["far_threshold"]), str(src["fnmr"]),
                      str(src["fmr"]), src["method"])
    console.print(table)
    if dry_run:
        console.print_json(json.dumps({"bands": bands}))
    else:
        write_thresholds(engine.model_id, {**engine.manifest.raw["thresholds"], "bands": bands},
                         console)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pack", action="append", choices=sorted(PACKS), help="default: all")
    parser.add_argument(
        "--model-dir",
        type=Path,
        action="append",
        default=[],
        help="any pack directory (implies --dry-run: prints the JSON to paste "
        "into its manifest.json)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print, do not write manifests")
    parser.add_argument("--by-band", type=Path, metavar="DIR",
                        help="derive thresholds.bands from labelled photos in DIR instead")
    parser.add_argument("--dataset", help="--by-band: the data set's name for the manifests")
    parser.add_argument("--all-faces", action="store_true",
                        help="--by-band: also use faces failing the quality gates")
    parser.add_argument("--max-impostors", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--policy", help="face policy JSON (default models/data/face_policy.json)")
    args = parser.parse_args()
    console = Console()

    def one(directory: Path, dry_run: bool) -> None:
        if args.by_band:
            run_by_band(directory, args, dry_run, console)
        else:
            run(directory, dry_run, console)

    for directory in args.model_dir:
        one(directory, True)
    if args.model_dir and not args.pack:
        return
    for pack in args.pack or sorted(PACKS):
        one(PACKS[pack], args.dry_run)


if __name__ == "__main__":
    main()
