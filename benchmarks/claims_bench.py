"""Claims benchmark: how fast verifications become claim codes, and how fast units search and
export them, on the embedded SQLite default or PostgreSQL.

    python benchmarks/claims_bench.py [--quick] [--claims N] [--face N]
    FVS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test python benchmarks/claims_bench.py

A throw-away database is made (a temp SQLite file, or a new PostgreSQL database dropped after),
migrated, and loaded with the demo units and N citizens.  Then, through the real HTTP stack
(FastAPI TestClient, bearer token, decision engine, idempotency, audit):

* ``redeem unit QR → claim``: citizens (each in their own LINE session, as after the PIN) redeem the
  unit's QR, each issuing a claim code (``POST /line/api/redeem``; a unit token cannot redeem);
* ``idempotent replay``: the same requests again with their keys (no new rows);
* ``search by PID`` / ``search by date (50 rows)`` / ``person history``;
* ``report CSV`` / ``report XLSX``: every claim exported;
* ``verify face → claim``: face + GPS + liveness verifications with the real models, when
  ``../shared/models`` is there (CPU-bound: this is the number a tablet waits for).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from fastapi.testclient import TestClient
from rich.console import Console
from rich.progress import track
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from line_oa import accounts, pins
from server.app import create_app
from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.demo.loader import load_demo
from server.line.csrf import SESSION_COOKIE, session_csrf
from server.services import access, line_sessions
from server.services.line_identity import LineIdentity
from server.services.qr_tokens import unit_qr
from server.settings import Settings
from server.tables import Citizen, Claim
from tests import face_poses
from tests.dbutil import fresh_database

SHARED = REPO.parent / "shared"
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # Sunday 10:00 Bangkok: 77001 has a pharmacist on duty
HCODE = "77001"


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def stats(ms: list[float]) -> tuple[str, str, str]:
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"{statistics.median(ms):.1f}", f"{p99:.1f}", f"{1000 / statistics.mean(ms):.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=2000, help="verifications to issue (and citizens to load)")
    ap.add_argument("--face", type=int, default=20, help="face verifications (0: skip)")
    ap.add_argument("--quick", action="store_true", help="500 claims, 8 face verifications")
    args = ap.parse_args()
    if args.quick:
        args.claims, args.face = 500, 8
    console = Console()
    rows: list[tuple[str, int, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp, fresh_database(Path(tmp)) as url:
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as s:
            load_demo(s, citizens=args.claims, today=NOW.date())
            admin = access.Principal("bench", access.Role.NHSO_ADMIN)
            _, token = access.create_device_token(s, admin, HCODE, "bench")
            nhso = access.create_account(s, username="bench.nhso", display_name="bench", role="NHSO_ADMIN",
                                         password="bench password 2569")
            nhso_token = access.session_token(s, nhso, NOW)[0]  # enrolment belongs to NHSO
            # citizens whose right may be billed at an innovation unit (policy: UCS, or none registered)
            pids = [p for p, in s.execute(select(Citizen.pid).where(Citizen.right_code.in_(("UCS", "NONE")))
                                          .order_by(Citizen.pid))]
            sessions = citizen_sessions(s, pids)
            s.commit()
        models = SHARED / "models" / "buffalo_sc"
        settings = Settings(database_url=url, data_dir=Path(tmp), log_level="WARNING",
                            model_dir=models if args.face and models.is_dir() else None,
                            liveness_dir=SHARED / "models" / "antispoof" if args.face and models.is_dir() else None)
        app = create_app(settings)
        app.state.clock = lambda: NOW
        secret = settings.secret_key.get_secret_value()
        qr = unit_qr(secret, hcode=HCODE, service_type="FVS-CI")
        with TestClient(app) as c:
            c.headers["Authorization"] = f"Bearer {token}"
            calls = [{"Cookie": f"{SESSION_COOKIE}={raw}", "X-CSRF-Token": session_csrf(secret, raw),
                      "Idempotency-Key": uuid.uuid4().hex} for raw in sessions]
            ms = []
            for headers in track(calls, description="redeem unit QR → claim", console=console):
                # Each citizen in their own session; children and elders LINE_QR-primary, adults alternative.
                t = time.perf_counter()
                r = c.post("/line/api/redeem", json={"qr": qr}, headers=headers)
                ms.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 201, r.text
            rows.append(("redeem unit QR → claim (HTTP)", len(ms), *stats(ms)))
            sample = calls[: max(50, len(calls) // 10)]
            ms = [timed(lambda h=h: c.post("/line/api/redeem", json={"qr": qr}, headers=h)) for h in sample]
            rows.append(("idempotent replay", len(ms), *stats(ms)))
            ms = [timed(lambda p=p: c.get("/api/v1/claims", params={"pid": p})) for p in pids[:200]]
            rows.append(("search by PID", len(ms), *stats(ms)))
            ms = [timed(lambda: c.get("/api/v1/claims", params={"service_from": "22/11/2569", "limit": 50}))
                  for _ in range(50)]
            rows.append(("search by date (50 rows + total)", len(ms), *stats(ms)))
            ms = [timed(lambda p=p: c.get(f"/api/v1/citizens/{p}/claims")) for p in pids[:200]]
            rows.append(("person history", len(ms), *stats(ms)))
            for fmt in ("csv", "xlsx"):
                ms = [timed(lambda f=fmt: c.get("/api/v1/reports/claims", params={"format": f})) for _ in range(3)]
                rows.append((f"report {fmt.upper()} ({len(pids)} rows)", len(ms), *stats(ms)))
            if settings.model_dir is not None:
                rows += face_rows(c, app, pids, args.face, console, nhso_token)
        with Session(engine) as s:
            stored = s.scalar(select(func.count()).select_from(Claim))
        engine.dispose()
    table = Table(title=f"claims on {url.split('://')[0]} — {stored} claims stored")
    for col in ("operation", "n", "p50 ms", "p99 ms", "per second"):
        table.add_column(col, justify="left" if col == "operation" else "right")
    for row in rows:
        table.add_row(row[0], str(row[1]), *row[2:])
    console.print(table)


def citizen_sessions(s: Session, pids: list[str]) -> list[str]:
    """A registered LINE account and a signed-in session (as after the PIN) for every citizen; one PIN
    hash for all (argon2 is slow on purpose).  Returns the raw session cookies."""
    pin_hash = pins.hash_pin("246810")
    raws = []
    for i, pid in enumerate(pids):
        account = accounts.register(s, line_user_id=f"bench:{i}", pid=pid, phone="0812345678", pin_hash=pin_hash,
                                    now=NOW)
        row, raw = line_sessions.open_session(s, identity=LineIdentity(f"bench:{i}"), now=NOW)
        line_sessions.sign_in(s, row=row, account=account, now=NOW)
        raws.append(raw)
    return raws


def face_rows(c: TestClient, app, pids: list[str], n: int, console: Console, nhso_token: str) -> list[tuple]:
    app.state.face.wait_loaded(120)
    people = sorted((SHARED / "faces" / "people" / "obama").iterdir())
    # enrol a fresh adult (not yet claimed for PG0070001) per verification
    adults = pids[-n:]
    for pid in adults:
        r = c.post(f"/api/v1/citizens/{pid}/faces", data={"consent": "true"},
                   files=[("photos", ("p.jpg", people[0].read_bytes(), "image/jpeg"))],
                   headers={"Authorization": f"Bearer {nhso_token}"})
        assert r.status_code == 201, r.text
    fix = (NOW - timedelta(seconds=20)).isoformat()
    ms = []
    for pid in track(adults, description="verify face → claim", console=console):
        data = {"pid": pid, "hcode": HCODE, "profession": "PHARMACIST", "service_type": "PG0070001",
                "phone": "0812345678", "latitude": "13.7590", "longitude": "100.5340", "accuracy_m": "10",
                "fix_time": fix, "device_id": "bench-tablet"}
        t = time.perf_counter()
        asked = c.post("/api/v1/verifications/face/challenges", json={"hcode": HCODE}).json()
        files = [("photo", ("f.jpg", face_poses.capture(), "image/jpeg"))]
        files += [("frames", (f"f{i}.jpg", f, "image/jpeg")) for i, f in enumerate(face_poses.answer(asked["steps"]))]
        r = c.post("/api/v1/verifications/face", data={**data, "challenge_id": asked["challenge_id"]}, files=files)
        ms.append((time.perf_counter() - t) * 1000)
        if r.status_code != 201:  # a child or elder may be refused by policy only if FACE were not allowed
            console.print(f"[yellow]face verification refused: {r.json().get('code')}[/yellow]")
    return [("verify face → claim (HTTP, liveness, head-turn frames)", len(ms), *stats(ms))]


if __name__ == "__main__":
    main()
