"""Fresh, throw-away databases for tests: a temp SQLite file, or a new PostgreSQL database.

``FVS_DATABASE_URL`` chooses the engine: unset (or SQLite) → a file in a temp folder;
``postgresql+psycopg://…/test`` → a brand-new database ``fvs_t_<random>`` created on that
server (through its ``postgres`` database) and dropped afterwards, so runs never collide.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.settings import Settings


def configured_url() -> str | None:
    return Settings(database_url=os.environ.get("FVS_DATABASE_URL") or None).database_url


def is_postgres() -> bool:
    url = configured_url()
    return bool(url) and make_url(url).get_backend_name() == "postgresql"


@contextmanager
def fresh_database(tmp_dir: Path) -> Iterator[str]:
    """Yield the URL of an empty database that is removed afterwards."""
    url = configured_url()
    if not url or make_url(url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_dir / f'fvs-{uuid.uuid4().hex[:8]}.db'}"
        return
    base = make_url(url)
    name = f"fvs_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
