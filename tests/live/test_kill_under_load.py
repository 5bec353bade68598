"""Nothing acknowledged is lost, nothing is issued twice: kill -9 the server again and again while
tablets verify citizens, each retrying with the same Idempotency-Key until it gets an answer.

Afterwards the database must hold exactly one claim per citizen, each acknowledged code must be
that claim, and every answer a key ever got must name the same code.  Sizes are set by
``FVS_KILL_TEST_REQUESTS`` / ``FVS_KILL_TEST_KILLS`` (defaults keep the suite quick; the issue's
600 requests and 12 kills: ``FVS_KILL_TEST_REQUESTS=600 FVS_KILL_TEST_KILLS=12``).
"""
from __future__ import annotations

import os
import queue
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import text

from tests import face_poses
from tests.live.world import UNIT, ServerProcess, build_world

REQUESTS = int(os.environ.get("FVS_KILL_TEST_REQUESTS", "160"))
KILLS = int(os.environ.get("FVS_KILL_TEST_KILLS", "5"))
CLIENTS = 4


def _verify(client: httpx.Client, base: str, token: str, pid: str, key: str, capture: bytes,
            fix_time: str, answer: tuple[str, list[bytes]]) -> httpx.Response:
    """A retry is the same request: same key, same fields, same photo, GPS fix and challenge."""
    files = [("photo", ("p.jpg", capture, "image/jpeg"))]
    files += [("frames", (f"f{i}.jpg", f, "image/jpeg")) for i, f in enumerate(answer[1])]
    return client.post(f"{base}/api/v1/verifications/face",
                       headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key}, files=files,
                       data={"pid": pid, "hcode": UNIT.hcode, "profession": "PHARMACIST",
                             "service_type": "PG0070001", "phone": "0812345678", "latitude": "13.7564",
                             "longitude": "100.5019", "accuracy_m": "10", "fix_time": fix_time,
                             "device_id": "tablet-1", "challenge_id": answer[0]})


def _challenge(client: httpx.Client, base: str, token: str) -> tuple[str, list[bytes]] | None:
    try:
        r = client.post(f"{base}/api/v1/verifications/face/challenges", json={"hcode": UNIT.hcode},
                        headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError:
        return None
    if r.status_code != 201:
        return None
    return r.json()["challenge_id"], face_poses.answer(r.json()["steps"])


def test_kill_minus_nine_under_load_loses_and_duplicates_nothing(live_url, face_vector, tmp_path):
    world = build_world(live_url, adults=REQUESTS, face_vector=face_vector)
    server = ServerProcess(world.url, log=tmp_path / "server.log")
    server.start()
    capture = face_poses.capture()
    tasks: queue.Queue[tuple[str, str]] = queue.Queue()
    for pid in world.adults:
        tasks.put((pid, f"kill-test-{uuid.uuid4()}"))
    answers: dict[str, set[str]] = {}   # key -> every code any answer named
    acknowledged: dict[str, tuple[str, str]] = {}  # key -> (pid, code)
    unexpected: list[str] = []
    interrupted = [0]  # requests that got no answer (the server died under them) and were retried
    kills = [0]
    lock = threading.Lock()
    done = threading.Event()

    give_up = time.monotonic() + 300  # a server that never answers again fails the test, not the run

    def tablet() -> None:
        with httpx.Client(timeout=30.0) as client:
            while True:
                try:
                    pid, key = tasks.get_nowait()
                except queue.Empty:
                    return
                fix_time = (datetime.now(UTC) - timedelta(seconds=2)).isoformat()
                while (answer := _challenge(client, server.base, world.device_token)) is None:
                    if time.monotonic() > give_up:
                        unexpected.append("no challenge: the server never came back")
                        return
                    time.sleep(0.05)  # the server is down: ask again
                while True:  # retry with the same key until the server answers
                    try:
                        r = _verify(client, server.base, world.device_token, pid, key, capture, fix_time, answer)
                    except httpx.HTTPError:
                        with lock:
                            interrupted[0] += 1
                        time.sleep(0.05)
                        continue
                    if r.status_code == 503 and time.monotonic() < give_up:
                        time.sleep(0.05)
                        continue
                    with lock:
                        if r.status_code == 201:
                            code = r.json()["claim"]["code"]
                            answers.setdefault(key, set()).add(code)
                            acknowledged[key] = (pid, code)
                        else:
                            unexpected.append(f"{r.status_code} {r.text[:200]}")
                    break

    def killer() -> None:
        """Kill the server each time another share of the requests has been answered, so every
        kill lands while tablets are busy, however fast the machine."""
        for n in range(1, KILLS + 1):
            while len(acknowledged) < n * REQUESTS // (KILLS + 1) and not done.is_set():
                time.sleep(0.01)
            if done.is_set():
                return
            time.sleep(0.05 * (n % 3))  # not always at the same point of a request
            server.kill()
            kills[0] += 1
            server.start()

    threads = [threading.Thread(target=tablet) for _ in range(CLIENTS)]
    kill_thread = threading.Thread(target=killer)
    for t in threads:
        t.start()
    kill_thread.start()
    for t in threads:
        t.join(600)
    done.set()
    kill_thread.join(120)
    server.stop()

    assert kills[0] == KILLS and interrupted[0] >= KILLS, (kills, interrupted)  # the kills hit live requests
    assert unexpected == []
    assert len(acknowledged) == REQUESTS
    assert all(len(codes) == 1 for codes in answers.values()), "a retried key got a different code"
    with world.engine.connect() as conn:
        rows = conn.execute(text("SELECT pid, code FROM claims WHERE hcode = :h"), {"h": UNIT.hcode}).all()
        keys = conn.execute(text("SELECT count(*) FROM idempotency_keys")).scalar()
    stored = {pid: code for pid, code in rows}
    assert len(rows) == REQUESTS == len(stored), "a citizen got two claims"
    lost = [(pid, code) for pid, code in acknowledged.values() if stored.get(pid) != code]
    assert lost == [], f"acknowledged but not stored: {lost[:5]}"
    assert keys == REQUESTS
    world.engine.dispose()
