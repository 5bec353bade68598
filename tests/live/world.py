"""A committed world on a fresh database, and a real FVS server process serving it.

Unlike the ``session`` fixture (a transaction rolled back after each test), everything here is
committed, so another connection — or another process — sees exactly what FVS acknowledged.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from citizens.consents import grant_consent
from oss_registry.lifecycle import UnitStatus
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, add_staff
from oss_registry.units import UnitData, create_unit
from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.services import access
from server.services.access import Role
from server.services.reference import sync_reference_data
from server.tables import Citizen, FaceTemplate
from tests.conftest import SHARED
from thai_civil.pid import generate_pid

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = SHARED / "models" / "buffalo_sc"
LIVENESS_DIR = SHARED / "models" / "antispoof"
PASSWORD = "correct horse battery staple"
SECRET_KEY = "live-test-secret-key-0123456789-abcdefghijklmnop"
# Lat/long of the unit; the tablet's fixes are sent a few metres away.
UNIT = UnitData("98001", "ร้านยาทดสอบระบบ", "PHARMACY", "1 ถนนพระราม 1", "กรุงเทพมหานคร", "021111111", None, None,
                13.7563, 100.5018, 100)


@dataclass
class LiveWorld:
    url: str
    engine: Engine
    hcode: str
    device_token: str
    admin_token: str
    nhso_token: str
    adults: list[str] = field(default_factory=list)  # citizens aged 16-60 with an enrolled face


def _account(session: Session, username: str, role: Role, hcode: str | None) -> str:
    access.create_account(session, username=username, display_name=username, role=role, password=PASSWORD,
                          hcode=hcode)
    from thai_civil.calendar import now_utc

    return access.login(session, username, PASSWORD, now_utc())[1]


def build_world(url: str, *, adults: int = 0, face_vector: np.ndarray | None = None,
                model_id: str = "buffalo_sc") -> LiveWorld:
    """Migrate ``url`` and commit a 24-hour pharmacy with an on-duty pharmacist, accounts, a
    device token, and ``adults`` citizens enrolled with ``face_vector``."""
    upgrade(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        sync_reference_data(session)
        unit = create_unit(session, UNIT, by="test", status=UnitStatus.ACTIVE)
        add_staff(session, unit, StaffData(pid=generate_pid(), title="ภญ.", first_name="มาลี", last_name="ใจดี",
                                           profession="PHARMACIST", licence_no="ภ.12345",
                                           start_date=date(2020, 1, 1), verification_status="VERIFIED"),
                  WeeklySchedule.parse("ALL 00:00-24:00"))
        admin = _account(session, "unit.admin", Role.UNIT_ADMIN, UNIT.hcode)
        nhso = _account(session, "nhso.admin", Role.NHSO_ADMIN, None)
        from thai_civil.calendar import now_utc

        principal = access.authenticate(session, admin, now_utc())
        device = access.create_device_token(session, principal, UNIT.hcode, "tablet")[1]
        world = LiveWorld(url, engine, UNIT.hcode, device, admin, nhso)
        for _ in range(adults):
            pid = generate_pid()
            session.add(Citizen(pid=pid, title_th="นาย", first_name_th="ทดสอบ", last_name_th="ระบบ",
                                birth_date=date(1990, 5, 1), sex="M", right_code="UCS"))
            session.flush()
            if face_vector is not None:
                consent = grant_consent(session, pid, "test")
                session.add(FaceTemplate(pid=pid, model_id=model_id, dim=face_vector.size,
                                         vector=face_vector.astype("<f4").tobytes(), quality=1.0,
                                         consent_id=consent.id, enrolled_by="test"))
            world.adults.append(pid)
        session.commit()
    return world


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "FVS_DATABASE_URL": url, "FVS_SECRET_KEY": SECRET_KEY, "FVS_LOG_LEVEL": "WARNING",
           "FVS_MODEL_DIR": str(MODEL_DIR), "FVS_LIVENESS_DIR": str(LIVENESS_DIR)}
    env.update(extra)
    return env


class ServerProcess:
    """``fvs serve`` in a child process on a loopback port; :meth:`kill` is ``kill -9``."""

    def __init__(self, url: str, port: int | None = None, log: Path | None = None, **env: str):
        self.url, self.port = url, port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = server_env(url, **env)
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self, *, wait_face: bool = True, timeout: float = 60.0) -> None:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli.main", "serve", "--no-migrate", "--host", "127.0.0.1",
             "--port", str(self.port)], cwd=REPO, env=self.env, stdout=out, stderr=out)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"fvs serve exited with {self.proc.returncode} (log: {self.log})")
            try:
                ready = httpx.get(f"{self.base}/readyz", timeout=1.0)
                if ready.status_code == 200 or (not wait_face and httpx.get(f"{self.base}/healthz").status_code == 200):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"fvs serve did not become ready in {timeout} s (log: {self.log})")

    def kill(self) -> None:
        """``kill -9``: no shutdown hook, no flush, nothing graceful."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def running(url: str, log: Path | None = None, **env: str) -> Iterator[ServerProcess]:
    server = ServerProcess(url, log=log, **env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
