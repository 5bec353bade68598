"""Shared fixtures: a real database (SQLite or PostgreSQL) migrated to head, sessions, the app.

Every test session gets its own fresh database; each test runs in a transaction that is rolled
back afterwards (the app's own commits become savepoints inside it), so tests never see each
other's rows.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from server.app import create_app
from server.db.engine import get_read_session, get_session, make_engine
from server.db.migrate import upgrade
from server.services import access
from server.services.reference import sync_reference_data
from server.settings import Settings
from server.tables import Account
from tests.dbutil import fresh_database

pytest_plugins = ["tests.browser_kit"]  # the headless Chromium fixtures, one browser for the whole run

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FVS_SHARED_DIR", REPO.parent / "shared"))

# A fixed "now" for tests that need a service date: 22/11/2569 10:00 Bangkok.
FIXED_NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    eng = make_engine(database_url)
    with Session(eng) as s:
        sync_reference_data(s)
        s.commit()
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with engine.connect() as conn:
        trans = conn.begin()
        with Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
            yield s
        trans.rollback()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, data_dir=tmp_path, log_json=True)


def make_test_app(settings: Settings, session: Session):
    """An app whose requests use the test's session and whose clock is pinned to FIXED_NOW."""
    application = create_app(settings)

    def _session_override() -> Iterator[Session]:
        # Exactly like the real dependency: the test session was opened with
        # join_transaction_mode="create_savepoint", so its commit and rollback act on a
        # savepoint and the test's outer transaction still rolls everything back at the end.
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise

    def _read_session_override() -> Iterator[Session]:
        # A session of its own on the test's connection: its commit or rollback acts on a
        # savepoint of its own, so it sees (and never undoes) what the test has flushed.
        with Session(bind=session.connection(), join_transaction_mode="create_savepoint",
                     expire_on_commit=False) as reader:
            yield reader

    application.dependency_overrides[get_session] = _session_override
    application.dependency_overrides[get_read_session] = _read_session_override
    application.state.clock = lambda: FIXED_NOW
    return application


@pytest.fixture
def app(settings: Settings, session: Session):
    return make_test_app(settings, session)


_ROOT_PASSWORD_HASH = "scrypt$00$00"  # matches no password: the root test account only uses tokens


def root_token(session: Session) -> str:
    """A session token of an NHSO admin account (made without the slow password hash)."""
    account = Account(username="root", display_name="NHSO admin (tests)", role="NHSO_ADMIN",
                      password_hash=_ROOT_PASSWORD_HASH)
    session.add(account)
    session.flush()
    token = access.session_token(session, account, FIXED_NOW)[0]
    session.commit()  # a savepoint release: survives the requests' own rollbacks, not the test's
    return token


@pytest.fixture
def client(app, session) -> Iterator[TestClient]:
    """A client acting as an NHSO admin (tests of access rules send their own tokens)."""
    token = root_token(session)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {token}"
        yield c
