"""Who may open which page: the services' own access rules, applied before a page is drawn."""
from __future__ import annotations

from fastapi import Path

from server.console.ports import Role, access
from server.console.sessions import ConsoleUser


def HcodePath():
    return Path(pattern=r"^\d{5}$")


def IdPath():
    return Path(ge=1, le=2**31 - 1)


def CodePath():
    return Path(pattern=r"^[A-Za-z]{2}\d{10}$")
UNIT_PEOPLE = (Role.UNIT_STAFF, Role.UNIT_ADMIN, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
MANAGERS = (Role.UNIT_ADMIN, Role.NHSO_ADMIN)
NHSO = (Role.NHSO_REVIEWER, Role.NHSO_ADMIN)


def unit_member(user: ConsoleUser, hcode: str) -> None:
    """The unit's own people and NHSO (403 ``UNIT_FORBIDDEN`` for another unit's people)."""
    access.ensure_unit_access(user.principal, hcode)


def unit_manager(user: ConsoleUser, hcode: str) -> None:
    access.require_role(user.principal, *MANAGERS)
    access.ensure_unit_access(user.principal, hcode)


def nhso(user: ConsoleUser) -> None:
    access.require_role(user.principal, *NHSO)


def nhso_admin(user: ConsoleUser) -> None:
    access.require_role(user.principal, Role.NHSO_ADMIN)
