"""A real FVS server process with the console, on a committed world (for the browser tests)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.services.reference import sync_reference_data
from tests.console.world import ConsoleWorld, build
from tests.live.world import SECRET_KEY
from tests.serving import serve_module


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
    env = {**os.environ, "FVS_DATABASE_URL": url, "FVS_SECRET_KEY": SECRET_KEY, "FVS_LOG_LEVEL": "WARNING",
           "FVS_CONSOLE_COOKIE_SECURE": "false"}
    env.pop("FVS_MODEL_DIR", None)
    env.pop("FVS_LIVENESS_DIR", None)
    with serve_module("tests.console.serve", env, log, "the console server") as base:
        yield base
