"""Run side effects (such as updating the in-memory face index) only once a transaction commits.

The database is the source of truth: a projection must never show a row whose transaction was
rolled back.  ``on_commit(session, fn)`` queues ``fn``; it runs after the outermost commit and is
dropped on rollback.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger("fvs.db")
_KEY = "fvs_after_commit"


def on_commit(session: Session, fn: Callable[[], None]) -> None:
    session.info.setdefault(_KEY, []).append(fn)


@event.listens_for(Session, "after_commit")
def _run(session: Session) -> None:
    for fn in session.info.pop(_KEY, []):
        try:
            fn()
        except Exception:  # the commit happened; a projection can be rebuilt from the database
            log.exception("after-commit hook failed")


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_KEY, None)
