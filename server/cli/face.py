"""``fvs face``: embed, verify, enrol and identify from the command line (JSON out), and show
the age-band policy of the loaded pack.

Errors print the uniform JSON error body and exit with status 2.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer

from models import FaceEngine, FaceError, load_manifest
from models.face_policy import band_threshold, check_manifest, face_role, load_face_policy
from server.cli.common import cli_session, fail, print_json
from server.face_runtime import FaceRuntime
from server.settings import get_settings
from thai_civil.calendar import today_bangkok

app = typer.Typer(help="Face recognition: embed, verify, enrol, identify.", no_args_is_help=True)


def _engine() -> FaceEngine:
    try:
        return FaceEngine.load(get_settings().model_dir)
    except FaceError as exc:
        fail(exc.code, exc.message_th, exc.message_en)


def _read(path: Path) -> bytes:
    if not path.is_file():
        fail("FILE_NOT_FOUND", f"ไม่พบไฟล์ {path}", f"No such file: {path}")
    return path.read_bytes()


def _runtime(session_factory) -> FaceRuntime:
    s = get_settings()
    runtime = FaceRuntime(s.model_dir, s.liveness_dir, s.face_concurrency)
    runtime.start(session_factory, background=False)
    if runtime.state != "ready":
        err = runtime.error or {"code": "MODEL_UNAVAILABLE", "message_en": "set FVS_MODEL_DIR"}
        fail(err["code"], "ระบบจดจำใบหน้ายังไม่พร้อมใช้งาน", err["message_en"])
    return runtime


def _line(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


@app.command()
def embed(images: list[Path] = typer.Argument(..., help="one or more photos")) -> None:
    """Embedding, model, face box, landmarks and quality of each IMAGE: one JSON object per line
    (an error body with the image's path for a photo that fails; exit status 2 if any failed)."""
    engine = _engine()
    failed = False
    for image in images:
        try:
            if not image.is_file():
                raise FileNotFoundError(image)
            r = engine.analyze(image.read_bytes())
        except FileNotFoundError:
            failed = True
            _line({"image": str(image), "code": "FILE_NOT_FOUND", "message_th": f"ไม่พบไฟล์ {image}",
                   "message_en": f"No such file: {image}"})
            continue
        except FaceError as exc:
            failed = True
            _line({"image": str(image), **exc.to_dict()})
            continue
        _line({"image": str(image), "model_id": r.model_id,
               "embedding": [round(float(v), 6) for v in r.embedding],
               "box": [round(float(v), 1) for v in r.box], "landmarks": r.landmarks.round(1).tolist(),
               "det_score": round(r.det_score, 4), "quality": asdict(r.quality)})
    if failed:
        raise SystemExit(2)


@app.command()
def policy(as_json: bool = typer.Option(False, "--json", help="print JSON"),
           policy_file: Path | None = typer.Option(
               None, "--policy", help="face policy JSON (default: models/data/face_policy.json)")) -> None:
    """The loaded pack's operating threshold, FAR target, face role and template validity per
    age band."""
    try:
        manifest = load_manifest(get_settings().model_dir)
        rules = load_face_policy(policy_file)
    except FaceError as exc:
        fail(exc.code, exc.message_th, exc.message_en, **exc.details)
    except (OSError, ValueError) as exc:
        fail("POLICY_INVALID", "ไฟล์นโยบายใบหน้าไม่ถูกต้อง", f"Cannot load the face policy: {exc}")
    bands = []
    for band in rules.bands:
        entry = band_threshold(manifest, band)
        if entry is None:
            threshold, far_target = manifest.thresholds.verify, band.far_target
            source: dict[str, Any] = {"method": "global verify threshold: the pack has no band thresholds",
                                      "dataset": manifest.thresholds.method}
        else:
            threshold, far_target = entry.threshold, entry.far_target
            raw = next((b for b in manifest.raw["thresholds"]["bands"]
                        if (b["min_age"], b["max_age"]) == (entry.min_age, entry.max_age)), None)
            source = raw["source"] if raw else asdict(entry.source)
        bands.append({"min_age": band.min_age, "max_age": band.max_age, "threshold": threshold,
                      "far_target": far_target, "source": source, "id": band.id,
                      "face_role": face_role(manifest, band.min_age, rules),
                      "template_valid_months": band.template_valid_months})
    out = {"model_id": manifest.id, "verify": manifest.thresholds.verify, "bands": bands,
           "warnings": check_manifest(manifest, rules)}
    if as_json:
        print_json(out)
        return
    typer.echo(f"{manifest.id}: global verify threshold {manifest.thresholds.verify}")
    for b in bands:
        ages = f"{b['min_age']}+" if b["max_age"] is None else f"{b['min_age']}-{b['max_age']}"
        typer.echo(f"  {ages:>6}  threshold {b['threshold']:.2f}  FAR {b['far_target']:g}  face {b['face_role']:<11} "
                   f"template valid {b['template_valid_months']} months  ({b['source'].get('dataset', '')})")
    for warning in out["warnings"]:
        typer.echo(f"  warning: {warning}")


@app.command()
def verify(image1: Path, image2: Path) -> None:
    """Similarity of the faces in IMAGE1 and IMAGE2, and whether they match."""
    engine = _engine()
    try:
        a, b = engine.analyze(_read(image1)), engine.analyze(_read(image2))
    except FaceError as exc:
        fail(exc.code, exc.message_th, exc.message_en, **exc.details)
    score = engine.compare(a, b)
    print_json({"similarity": round(score, 4), "match": engine.is_match(score), "threshold": engine.threshold,
                "model": engine.model_id})


@app.command()
def enroll(pid: str = typer.Option(..., help="Citizen ID"), images: list[Path] = typer.Argument(...),
           consent: bool = typer.Option(False, help="The citizen agreed to the privacy notice")) -> None:
    """Enrol IMAGE(S) as reference photos of citizen PID (stored in the database)."""
    from fvs_errors import DomainError
    from server.services import faces
    from thai_civil.pid import InvalidPid, validate_pid

    try:
        pid = validate_pid(pid)
    except InvalidPid as exc:
        fail("INVALID_PID", "เลขประจำตัวประชาชนไม่ถูกต้อง", f"Invalid citizen ID: {exc.reason}")
    data = [_read(p) for p in images]
    with cli_session() as session:
        runtime = _runtime(lambda: session)
        try:
            rows, flags = faces.enrol(session, runtime, pid=pid, photos=data, consent=consent, via="cli",
                                      on=today_bangkok())
        except DomainError as exc:
            fail(exc.code, exc.message_th, exc.message_en)
        print_json({"pid": pid, "templates": [r.id for r in rows], "model_id": runtime.engine.model_id,
                    "duplicate_flags": flags})


@app.command()
def identify(image: Path, k: int = typer.Option(5, min=1, max=20)) -> None:
    """Top-K enrolled citizens for the face in IMAGE, with the identification decision."""
    from fvs_errors import DomainError
    from server.services import faces

    with cli_session() as session:
        runtime = _runtime(lambda: session)
        try:
            print_json(asdict(faces.identify(session, runtime, photo=_read(image), k=k)))
        except DomainError as exc:
            fail(exc.code, exc.message_th, exc.message_en)
