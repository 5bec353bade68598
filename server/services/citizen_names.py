"""Citizens' display names for lists of claims (one query per list, no look-up audit: the claim
rows already name the citizen to whoever may see them)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.tables import Citizen


def display_name(citizen: Citizen) -> str:
    return f"{citizen.title_th}{citizen.first_name_th} {citizen.last_name_th}"


def names_for(session: Session, *, pids: Iterable[str]) -> dict[str, str]:
    """PID → Thai display name, for the PIDs of a list of claims."""
    wanted = sorted(set(pids))
    if not wanted:
        return {}
    return {c.pid: display_name(c) for c in session.scalars(select(Citizen).where(Citizen.pid.in_(wanted)))}
