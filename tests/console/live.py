"""A real FVS server process with the console, on a committed world (for the browser tests)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy.orm import Session

from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.services.reference import sync_reference_data
from tests.console.world import ConsoleWorld, build
from tests.live.world import SECRET_KEY, free_port

REPO = Path(__file__).resolve().parents[2]


def committed_world(url: str, now) -> ConsoleWorld:
    upgrade(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        sync_reference_data(session)
        world = build(session, now)
        session.commit()
    engine.dispose()
    return world


@contextmanager
def console_server(url: str, log: Path) -> Iterator[str]:
    """Serve ``url``'s database with the console on a loopback port; yields the base URL."""
    port = free_port()
    env = {**os.environ, "FVS_DATABASE_URL": url, "FVS_SECRET_KEY": SECRET_KEY, "FVS_LOG_LEVEL": "WARNING",
           "FVS_CONSOLE_COOKIE_SECURE": "false"}
    env.pop("FVS_MODEL_DIR", None)
    env.pop("FVS_LIVENESS_DIR", None)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "tests.console.serve", "--port", str(port)], cwd=REPO, env=env,
                                stdout=out, stderr=out)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"the console server exited with {proc.returncode} (log: {log})")
                try:
                    if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the console server did not start (log: {log})")
                time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
