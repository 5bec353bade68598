"""``fvs accounts`` and ``fvs tokens``: bootstrap the first NHSO admin, mint tablet tokens."""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from fvs_errors import DomainError
from server.cli.common import cli_session, fail, print_json
from server.services import access
from thai_civil.calendar import now_utc

accounts = typer.Typer(help="Accounts of people (NHSO admins and reviewers, unit admins and staff).",
                       no_args_is_help=True)
tokens = typer.Typer(help="Unit device (tablet) tokens.", no_args_is_help=True)
_ADMIN = access.Principal("cli:admin", access.Role.NHSO_ADMIN)
"""The CLI acts as the system administrator (it runs with the database's credentials)."""


def _run(use_case: Callable[[Session], dict]) -> None:
    """Run ``use_case`` in a committed session; print its result, or the error body (exit 2)."""
    try:
        with cli_session() as session:
            out = use_case(session)
    except DomainError as exc:
        fail(exc.code, exc.message_th, exc.message_en)
    print_json(out)


@accounts.command("create")
def create_account(
    username: Annotated[str, typer.Argument(help="Login name")],
    role: Annotated[access.Role, typer.Option(help="NHSO_ADMIN, NHSO_REVIEWER, UNIT_ADMIN or UNIT_STAFF")],
    hcode: Annotated[str | None, typer.Option(help="The unit of a UNIT_* account")] = None,
    display_name: Annotated[str | None, typer.Option(help="Name shown in audit trails")] = None,
) -> None:
    """Create an account; the password is read from FVS_NEW_PASSWORD or asked for (never an argument)."""
    password = os.environ.get("FVS_NEW_PASSWORD") or typer.prompt("Password", hide_input=True,
                                                                  confirmation_prompt=True)
    def create(session):
        account = access.create_account(session, username=username, display_name=display_name or username,
                                        role=role, password=password, hcode=hcode)
        return {"id": account.id, "username": account.username, "role": account.role, "hcode": account.hcode}

    _run(create)


@tokens.command("create")
def create_token(
    hcode: Annotated[str, typer.Argument(help="Unit code (5 digits)")],
    name: Annotated[str, typer.Option(help="Which tablet, e.g. 'counter-1'")] = "tablet",
) -> None:
    """Mint a device token for unit HCODE (as the system administrator); it is printed once."""
    def create(session):
        row, raw = access.create_device_token(session, _ADMIN, hcode, name)
        return {"id": row.id, "hcode": hcode, "name": name, "token": raw}

    _run(create)


@tokens.command("revoke")
def revoke_token(
    hcode: Annotated[str, typer.Argument(help="Unit code (5 digits)")],
    token_id: Annotated[int, typer.Argument(help="Token id (from create)")],
) -> None:
    """Revoke device token TOKEN_ID of unit HCODE."""
    def revoke(session):
        row = access.revoke_device_token(session, _ADMIN, hcode, token_id, now_utc())
        return {"id": row.id, "revoked_at": row.revoked_at}

    _run(revoke)
