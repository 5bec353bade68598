"""Face accuracy by age band and age gap on any labelled photo folder, at a pack's operating
thresholds (the band thresholds of its manifest, and the global ``verify``).

    python benchmarks/face_fairness.py DIR [--pack buffalo_sc|opencv_zoo|extra|<pack dir>]
                                           [--json | --markdown] [--all-faces]
                                           [--max-impostors N] [--seed S] [--policy FILE]
                                           [--yearly]

DIR holds photos named with identity and age (``078A11.JPG`` FG-NET style, or
``<identity>_<age>[_anything].jpg``; see ``benchmarks/_fairness.py``).  Each photo is embedded
once; only faces passing the quality gates are compared unless ``--all-faces``.  Pairs, bands and
the FAR-point rule are defined in ``benchmarks/_fairness.py``; every figure carries its pair
counts ("errors/pairs").
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass
from pathlib import Path

from _common import PACKS
from _fairness import (
    AGE_GAPS,
    FAR_POINTS,
    MIN_FALSE_ACCEPTS,
    YEARLY_GAPS,
    BandRow,
    GapRow,
    Rate,
    ageing,
    by_band,
    by_gap,
    load_folder,
    needed_impostors,
    pairs_of,
)
from rich.console import Console
from rich.table import Table

from models.engine import FaceEngine
from models.face_policy import load_face_policy, threshold_for


def pack_dir(value: str | None) -> Path:
    """A pack name of ``benchmarks/_common.PACKS``, a directory, or ``$FVS_MODEL_DIR``."""
    if value is None:
        value = os.environ.get("FVS_MODEL_DIR") or "buffalo_sc"
    return PACKS[value] if value in PACKS else Path(value)


@dataclass(frozen=True)
class Report:
    meta: dict
    bands: list[BandRow]
    gaps: list[GapRow]
    ageing: dict[str, dict[str, Rate]]

    def to_json(self) -> dict:
        return {
            **self.meta,
            "bands": [
                {
                    "band": r.band.label, "threshold": r.threshold,
                    "fnmr": r.fnmr.to_dict(), "fmr": r.fmr.to_dict(),
                    "fnmr_at_verify": r.fnmr_global.to_dict(),
                    "fmr_at_verify": r.fmr_global.to_dict(),
                    "far_points": [p.to_dict() for p in r.points],
                }
                for r in self.bands
            ],
            "gaps": [
                {
                    "gap_years": r.label, "fnmr": r.fnmr.to_dict(), "fmr": r.fmr.to_dict(),
                    "fnmr_at_verify": r.fnmr_global.to_dict(),
                    "fmr_at_verify": r.fmr_global.to_dict(),
                }
                for r in self.gaps
            ],
            "ageing": {
                band: {gap: rate.to_dict() for gap, rate in row.items()}
                for band, row in self.ageing.items()
            },
        }


def report(args: argparse.Namespace) -> Report:
    policy = load_face_policy(args.policy)
    engine = FaceEngine.load(pack_dir(args.pack))
    embedded, skipped = load_folder(engine, args.directory, all_faces=args.all_faces)
    pairs = pairs_of(embedded, max_impostors=args.max_impostors, seed=args.seed)
    verify = engine.threshold
    thresholds = [threshold_for(engine, band.min_age, policy) for band in policy.bands]
    meta = {
        "model_id": engine.model_id,
        "directory": str(args.directory),
        "photos": {
            "compared": len(embedded.photos),
            "identities": len({p.identity for p in embedded.photos}),
            "not_compared": dict(embedded.failed),
            "names_not_parsed": len(skipped),
            "quality_gates": "ignored" if args.all_faces else "enforced",
        },
        "pairs": {
            "genuine": int(pairs.genuine.sum()),
            "impostor": int((~pairs.genuine).sum()),
            "impostor_pairs_existing": pairs.impostors_total,
            "impostors_sampled": pairs.impostors_sampled,
            "seed": args.seed,
        },
        "verify": verify,
        "far_point_rule": f">= {MIN_FALSE_ACCEPTS}/FAR impostor pairs",
    }
    return Report(
        meta,
        by_band(pairs, policy, thresholds, verify),
        by_gap(pairs, policy, thresholds, verify),
        ageing(pairs, policy, thresholds, YEARLY_GAPS if args.yearly else AGE_GAPS),
    )


def tables(result: Report) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, rows) of the three tables."""
    verify = result.meta["verify"]
    far_heads = [f"TAR @FAR {f:.1%} (≥{needed_impostors(f):,} imp.)" for f in FAR_POINTS]
    out = [(
        ("By age band (the probe's age; impostors: both photos in the band; genuine: template "
         "still valid under the policy)"),
        ["band", "threshold", "FNMR @band", "FMR @band", f"FNMR @{verify}", f"FMR @{verify}",
         *far_heads],
        [[r.band.label, f"{r.threshold:.2f}", str(r.fnmr), str(r.fmr), str(r.fnmr_global),
          str(r.fmr_global), *(str(p) for p in r.points)] for r in result.bands],
    ), (
        "By age gap between the two photos (all pairs; each at its probe's band threshold)",
        ["gap (years)", "FNMR @band", "FMR @band", f"FNMR @{verify}", f"FMR @{verify}"],
        [[r.label, str(r.fnmr), str(r.fmr), str(r.fnmr_global), str(r.fmr_global)]
         for r in result.gaps],
    )]
    gaps = list(next(iter(result.ageing.values())))
    out.append((
        "Template ageing: FNMR by the template's age band (rows) and the gap in years (columns)",
        ["template band", *gaps],
        [[band, *(str(row[g]) for g in gaps)] for band, row in result.ageing.items()],
    ))
    return out


def summary(result: Report) -> str:
    meta = result.meta
    photos, pairs = meta["photos"], meta["pairs"]
    sampled = (f"a seeded sample (seed {pairs['seed']}) of {pairs['impostor_pairs_existing']:,}"
               if pairs["impostors_sampled"] else "all")
    return (
        f"{meta['model_id']} on {meta['directory']}: {photos['compared']:,} photos of "
        f"{photos['identities']} people compared (quality gates {photos['quality_gates']}; not "
        f"compared: {photos['not_compared'] or 'none'}; names not parsed: "
        f"{photos['names_not_parsed']}); {pairs['genuine']:,} genuine and {pairs['impostor']:,} "
        f"impostor pairs ({sampled}). Figures are rate (errors/pairs)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="labelled photos (identity and age in names)")
    parser.add_argument("--pack", help=f"{' | '.join(sorted(PACKS))} or a pack directory "
                        "(default $FVS_MODEL_DIR, else buffalo_sc)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON document")
    out.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs)")
    parser.add_argument("--all-faces", action="store_true",
                        help="also compare faces failing the quality gates")
    parser.add_argument("--max-impostors", type=int, default=2_000_000,
                        help="sample impostor pairs above this many (default 2,000,000)")
    parser.add_argument("--seed", type=int, default=0, help="impostor sampling seed")
    parser.add_argument("--policy", help="face policy JSON (default models/data/face_policy.json)")
    parser.add_argument("--yearly", action="store_true",
                        help="template ageing by single years of gap (0, 1, ... 10, >10)")
    args = parser.parse_args()
    if not args.directory.is_dir():
        parser.error(f"{args.directory} is not a directory")
    result = report(args)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
        return
    if args.markdown:
        print(summary(result) + "\n")
        for title, heads, rows in tables(result):
            print(f"*{title}*\n")
            print("| " + " | ".join(heads) + " |")
            print("|" + "---|" * len(heads))
            for row in rows:
                print("| " + " | ".join(row) + " |")
            print()
        return
    console = Console()
    console.print(summary(result))
    for title, heads, rows in tables(result):
        table = Table(title=title, title_justify="left")
        for head in heads:
            table.add_column(head)
        for row in rows:
            table.add_row(*row)
        console.print(table)


if __name__ == "__main__":
    main()
