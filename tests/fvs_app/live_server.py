"""A real FVS server process for the app tests: ``fvs serve --demo`` on a free loopback port, SQLite
in a temporary folder, the real face and liveness models from ``shared/``.

The test prepares the demo unit 77001 through the HTTP API as the demo NHSO admin: a device token
for the tablet, a pharmacist on duty around the clock (so the tests pass at any hour), and citizens
whose faces are enrolled from ``shared/faces/people`` photos.
"""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FVS_SHARED_DIR", REPO.parent / "shared"))
PEOPLE = SHARED / "faces" / "people"
DEMO_PASSWORD = "demo-password-for-app-tests"
UNIT = "77001"
UNIT_POINT = (13.7590, 100.5340)  # the demo pharmacy's registered point (geofence 100 m)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen
    log_path: Path
    admin: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.admin = httpx.Client(base_url=self.url, timeout=60)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])

    def call(self, method: str, path: str, expect: tuple[int, ...] = (200, 201), **kwargs: Any) -> Any:
        response = self.admin.request(method, "/api/v1" + path, **kwargs)
        assert response.status_code in expect, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def stop(self) -> None:
        self.admin.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_server(workdir: Path) -> LiveServer:
    port = free_port()
    log_path = workdir / "server.log"
    env = {**os.environ,
           "FVS_DATA_DIR": str(workdir / "data"),
           "FVS_DATABASE_URL": f"sqlite:///{workdir / 'data' / 'fvs.db'}",  # never the suite's PostgreSQL
           "FVS_MODEL_DIR": str(SHARED / "models" / "buffalo_sc"),
           "FVS_LIVENESS_DIR": str(SHARED / "models" / "antispoof"),
           "FVS_DEMO_PASSWORD": DEMO_PASSWORD,
           "FVS_SECRET_KEY": secrets.token_urlsafe(48),
           "FVS_LOG_LEVEL": "WARNING"}
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli.main", "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"fvs serve exited with {process.returncode}:\n{server.log_tail()}")
        try:
            if httpx.get(server.url + "/readyz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    else:
        server.stop()
        raise RuntimeError(f"fvs serve not ready in time:\n{server.log_tail()}")
    login = server.call("POST", "/auth/login", json={"username": "demo.admin", "password": DEMO_PASSWORD})
    server.admin.headers["Authorization"] = f"Bearer {login['token']}"
    return server


@dataclass(frozen=True)
class Citizen:
    pid: str
    phone: str | None
    name_th: str


def prepare_unit(server: LiveServer) -> str:
    """A pharmacist on duty all day every day at the demo pharmacy; returns a new device token."""
    from thai_civil.pid import generate_pid  # test-side helper (the app never imports it)

    server.call("POST", f"/units/{UNIT}/staff", json={
        "pid": generate_pid(), "title": "ภก.", "first_name": "ทดสอบ", "last_name": "ตลอดวัน",
        "profession": "PHARMACIST", "licence_no": "ภ.99999", "start_date": "2024-01-01",
        "verification_status": "VERIFIED", "schedule": {"text": "ALL 00:00-24:00"}})
    created = server.call("POST", f"/units/{UNIT}/device-tokens", json={"name": "แท็บเล็ตทดสอบ"})
    return created["token"]


def adult_citizens(server: LiveServer, count: int) -> list[Citizen]:
    """Demo citizens aged 20–59 (the face channel's own age group), some with a phone, some without."""
    page = server.call("GET", "/citizens", params={"limit": 500})
    found = [c for c in page["items"] if 20 <= c["age"]["years"] <= 59]
    with_phone = [c for c in found if c["phone"]]
    without = [c for c in found if not c["phone"]]
    chosen = (with_phone[:count - 1] + without[:1]) if without else with_phone[:count]
    assert len(chosen) == count, "the demo data has too few adults"
    return [Citizen(c["pid"], c["phone"], f"{c['first_name_th']} {c['last_name_th']}") for c in chosen]


def enrol(server: LiveServer, pid: str, photo: Path) -> None:
    server.call("POST", f"/citizens/{pid}/faces", data={"consent": "true"},
                files=[("photos", (photo.name, photo.read_bytes(), "image/jpeg"))])


def claims_of(server: LiveServer, pid: str) -> list[dict[str, Any]]:
    return server.call("GET", "/claims", params={"pid": pid})["items"]


def challenges_offered(server: LiveServer, device_token: str) -> bool:
    """Whether the server issues head-turn challenges (``POST /verifications/face/challenges``)."""
    response = httpx.post(server.url + "/api/v1/verifications/face/challenges", json={"hcode": UNIT},
                          headers={"Authorization": f"Bearer {device_token}"}, timeout=30)
    assert response.status_code in (200, 201, 404), response.text
    return response.status_code != 404
