"""A success is sent only after its data is committed: at the instant the response body leaves
the app, another connection already sees the row.

The probe sits between FVS and the client (an ASGI wrapper): when a success body passes, it looks
the row up on a separate connection before letting the body through.  With the commit in a
dependency that ends after the response (the bug of issue 9), the lookups find nothing.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from server.app import create_app
from server.settings import Settings
from tests import face_poses
from tests.live.world import LIVENESS_DIR, MODEL_DIR, SECRET_KEY, UNIT, build_world


class CommitProbe:
    """Before a 2xx body of a watched request is passed on, run ``lookup(body)`` on another
    connection and remember what it found."""

    def __init__(self, app, engine, lookups):
        self.app, self.engine, self.lookups = app, engine, lookups
        self.seen: list[tuple[str, bool]] = []

    async def __call__(self, scope, receive, send):
        status = {}

        async def probing_send(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            elif message["type"] == "http.response.body" and 200 <= status.get("code", 0) < 300:
                key = f"{scope['method']} {scope['path']}"
                for prefix, sql in self.lookups.items():
                    watched = key.startswith(prefix) if prefix.endswith("/") else key == prefix
                    if watched and message.get("body"):
                        with self.engine.connect() as conn:
                            params = sql[1](json.loads(message["body"]))
                            found = conn.execute(text(sql[0]), params).first() is not None
                        self.seen.append((key, found))
            await send(message)

        await self.app(scope, receive, probing_send)


@pytest.fixture
def world(live_url, face_vector):
    world = build_world(live_url, adults=3, face_vector=face_vector)
    yield world
    world.engine.dispose()


def test_every_write_is_committed_before_its_answer_leaves(world):
    settings = Settings(database_url=world.url, model_dir=MODEL_DIR, liveness_dir=LIVENESS_DIR,
                        secret_key=SECRET_KEY, log_level="WARNING")
    app = create_app(settings)
    probe = CommitProbe(app, world.engine, {
        "POST /api/v1/verifications/face": (
            "SELECT 1 FROM claims WHERE code = :c", lambda body: {"c": body["claim"]["code"]}),
        "POST /api/v1/claims/": (
            "SELECT 1 FROM claims WHERE code = :c AND status = 'CANCELLED'", lambda body: {"c": body["code"]}),
        "PUT /api/v1/citizens/": ("SELECT 1 FROM citizens WHERE pid = :p", lambda body: {"p": body["pid"]}),
        "POST /api/v1/units/": (
            "SELECT 1 FROM access_tokens WHERE id = :i", lambda body: {"i": body["id"]}),
    })
    with TestClient(probe, raise_server_exceptions=False) as c:
        assert app.state.face.wait_loaded(120) and app.state.face.state == "ready"
        tablet = {"Authorization": f"Bearer {world.device_token}"}
        now = datetime.now(UTC)
        codes = []
        for i, pid in enumerate(world.adults):
            asked = c.post("/api/v1/verifications/face/challenges", json={"hcode": UNIT.hcode}, headers=tablet).json()
            frames = face_poses.answer(asked["steps"])
            r = c.post("/api/v1/verifications/face", headers={**tablet, "Idempotency-Key": f"probe-{i}"},
                       files=[("photo", ("p.jpg", face_poses.capture(), "image/jpeg"))]
                       + [("frames", (f"f{n}.jpg", f, "image/jpeg")) for n, f in enumerate(frames)],
                       data={"pid": pid, "hcode": UNIT.hcode, "profession": "PHARMACIST", "service_type": "PG0070001",
                             "phone": "0812345678", "latitude": "13.7564", "longitude": "100.5019",
                             "accuracy_m": "10", "fix_time": (now - timedelta(seconds=5)).isoformat(),
                             "device_id": "tablet-1", "challenge_id": asked["challenge_id"]})
            assert r.status_code == 201, r.json()
            codes.append(r.json()["claim"]["code"])
        r = c.post(f"/api/v1/claims/{codes[0]}/cancel", headers=tablet, json={"reason": "ผู้รับบริการขอยกเลิก"})
        assert r.status_code == 200, r.json()
        nhso = {"Authorization": f"Bearer {world.nhso_token}"}
        r = c.put("/api/v1/citizens/1101700203450", headers=nhso, json={
            "pid": "1101700203450", "title_th": "นาง", "first_name_th": "สมศรี", "last_name_th": "ทดสอบ",
            "birth_date": "01/01/2500", "sex": "F", "right_code": "UCS"})
        assert r.status_code == 201, r.json()
        admin = {"Authorization": f"Bearer {world.admin_token}"}
        r = c.post(f"/api/v1/units/{UNIT.hcode}/device-tokens", headers=admin, json={"name": "tablet 2"})
        assert r.status_code == 201, r.json()
    watched = [key for key, _ in probe.seen]
    assert len(watched) == 6, watched
    assert all(found for _, found in probe.seen), probe.seen
