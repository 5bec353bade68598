"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of an SQLite database file, so a fresh data directory just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: str, *, echo: bool = False, busy_timeout_ms: int = 5000) -> Engine:
    """An engine with the right settings for its dialect.

    SQLite: the file's folder is created, foreign keys are enforced, WAL journal and a busy
    timeout let the web server and CLI share the file, and SQLAlchemy (not the pysqlite driver)
    emits BEGIN so SAVEPOINTs work (the driver's own transaction handling breaks them).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        ensure_sqlite_folder(url)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            if parsed.database and parsed.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # pragma: no cover - trivial
            # Writers take the write lock up front: a deferred transaction that reads and then
            # writes while another one commits fails at once with "database is locked" (its
            # snapshot is stale) instead of waiting for the busy timeout.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_LOCK) else "BEGIN")

        return engine
    # pool_pre_ping: a connection that died with a database restart is replaced before use, so
    # the server recovers by itself once the database is back; pool_timeout bounds the wait for
    # a connection (then 503 DB_UNAVAILABLE); connect_timeout bounds reaching a server that is down.
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=10, pool_timeout=10,
                         connect_args={"connect_timeout": 5})


WRITE_LOCK = "fvs_write_lock"


def make_session_factory(engine: Engine, *, writer: bool = True) -> sessionmaker[Session]:
    """Sessions for use cases.  ``writer`` sessions on SQLite begin ``IMMEDIATE`` (see
    :func:`make_engine`); read-only work (loading the face index) uses ``writer=False`` so it never
    waits for writers.  PostgreSQL ignores the option."""
    bind = engine.execution_options(**{WRITE_LOCK: True}) if writer else engine
    return sessionmaker(bind=bind, expire_on_commit=False)


def end_transaction(session: Session) -> None:
    """Commit what the session holds and end its transaction, so no lock (SQLite's write lock, a
    PostgreSQL snapshot) is held during slow work such as face inference; the session begins a
    new transaction at its next statement."""
    session.commit()


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one writer session per request, committed when the handler succeeds.

    Declared with ``scope="function"`` (:data:`server.api.deps.SessionDep`), so the commit runs
    after the route function returns and **before** the response is sent: a client is told of
    success only once its data is committed, and a failed commit becomes an error answer (503
    ``DB_UNAVAILABLE`` for a lost database), never a success.  The transaction begins lazily, at
    the session's first statement.
    """
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()


def get_read_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: a session that never takes SQLite's write lock up front (for
    authentication and other reads); whatever it leaves uncommitted is rolled back."""
    factory: sessionmaker[Session] = request.app.state.read_session_factory
    with factory() as session:
        yield session
