"""``fvs face``: embed, verify, enrol and identify from the command line (JSON out).

Errors print the uniform JSON error body and exit with status 2.
"""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer

from models import FaceEngine, FaceError
from server.cli.common import cli_session, fail, print_json
from server.face_runtime import FaceRuntime
from server.settings import get_settings

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


@app.command()
def embed(image: Path) -> None:
    """Embedding, model, face box, landmarks and quality of IMAGE."""
    engine = _engine()
    try:
        r = engine.analyze(_read(image))
    except FaceError as exc:
        fail(exc.code, exc.message_th, exc.message_en, **exc.details)
    print_json({"model_id": r.model_id, "embedding": [round(float(v), 6) for v in r.embedding],
                "box": [round(float(v), 1) for v in r.box], "landmarks": r.landmarks.round(1).tolist(),
                "det_score": round(r.det_score, 4), "quality": asdict(r.quality)})


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
    from oss_registry.thai_id import InvalidPid, validate_pid
    from server.errors import ApiError
    from server.services import faces

    try:
        pid = validate_pid(pid)
    except InvalidPid as exc:
        fail("INVALID_PID", "เลขประจำตัวประชาชนไม่ถูกต้อง", f"Invalid citizen ID: {exc.reason}")
    data = [_read(p) for p in images]
    with cli_session() as session:
        runtime = _runtime(lambda: session)
        try:
            rows, flags = faces.enrol(session, runtime, pid, data, consent, "cli")
        except (ApiError, FaceError) as exc:
            fail(exc.code, exc.message_th, exc.message_en)
        print_json({"pid": pid, "templates": [r.id for r in rows], "model_id": runtime.engine.model_id,
                    "duplicate_flags": flags})


@app.command()
def identify(image: Path, k: int = typer.Option(5, min=1, max=20)) -> None:
    """Top-K enrolled citizens for the face in IMAGE, with the identification decision."""
    from server.errors import ApiError
    from server.services import faces

    with cli_session() as session:
        runtime = _runtime(lambda: session)
        try:
            print_json(faces.identify(session, runtime, _read(image), k))
        except (ApiError, FaceError) as exc:
            fail(exc.code, exc.message_th, exc.message_en)
