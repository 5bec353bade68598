"""A real FVS server process on a committed world for the LINE browser tests: the development
ID-token verifier, cookies over plain http on loopback, the development SMS provider writing the
OTPs to the server's log (which the tests read, as a developer would)."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.services.reference import sync_reference_data
from tests.line.conftest import LineWorld, build
from tests.live.world import SECRET_KEY
from tests.serving import serve_module

OTP_LINE = re.compile(r"OTP ของท่านคือ (\d{6}) \(รหัสอ้างอิง ([A-Za-z0-9]{6})\)")


def committed_world(url: str) -> LineWorld:
    upgrade(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        sync_reference_data(session)
        world = build(session)
    engine.dispose()
    return world


def last_otp(log: Path) -> tuple[str, str]:
    found = OTP_LINE.findall(log.read_text("utf-8", errors="replace"))
    assert found, "no OTP in the server log"
    return found[-1]


@contextmanager
def line_server(url: str, log: Path) -> Iterator[str]:
    env = {**os.environ, "FVS_DATABASE_URL": url, "FVS_SECRET_KEY": SECRET_KEY, "FVS_LOG_LEVEL": "INFO",
           "FVS_LINE_DEV_VERIFIER": "true", "FVS_LINE_COOKIE_SECURE": "false", "FVS_LINE_SMS_PROVIDER": "log"}
    env.pop("FVS_MODEL_DIR", None)
    env.pop("FVS_LIVENESS_DIR", None)
    with serve_module("tests.line.serve", env, log, "the server") as base:
        yield base
