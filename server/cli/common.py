"""Helpers shared by CLI commands: settings, a session, JSON output and clean failures."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from rich.console import Console
from sqlalchemy.orm import Session

from server.db.engine import make_engine, make_session_factory
from server.settings import get_settings

console = Console(stderr=True)


@contextmanager
def cli_session() -> Iterator[Session]:
    """A committed-on-success session on the configured database."""
    engine = make_engine(get_settings().effective_database_url)
    try:
        with make_session_factory(engine)() as session:
            yield session
            session.commit()
    finally:
        engine.dispose()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(code: str, message_th: str, message_en: str, exit_code: int = 2, **details: Any) -> NoReturn:
    """Print the uniform error body as JSON on stdout and exit non-zero."""
    print_json({"code": code, "message_th": message_th, "message_en": message_en, **details})
    raise SystemExit(exit_code)
