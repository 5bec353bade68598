"""Demo accounts: an NHSO admin and an admin of each demo unit, so the demo can be used at once.

Passwords are ``FVS_DEMO_PASSWORD`` when set, else random, and returned (to be printed) when the
account is created.  Setting ``FVS_DEMO_PASSWORD`` also **resets** existing demo accounts to it
at every ``fvs demo load`` / ``fvs serve --demo`` (the documented way to regain a demo whose
passwords were lost); without it an existing account is left alone.
"""
from __future__ import annotations

import os
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.services.access import Role, check_password, create_account, hash_password
from server.tables import Account


def load_demo_accounts(session: Session, unit_hcodes: list[str]) -> dict[str, str]:
    """Create missing demo accounts (and reset them to ``FVS_DEMO_PASSWORD`` when set); returns
    ``username -> password`` of the accounts created or reset now."""
    wanted = [("demo.admin", "ผู้ดูแลระบบ สปสช. (สาธิต)", Role.NHSO_ADMIN, None),
              ("demo.reviewer", "ผู้ตรวจสอบ สปสช. (สาธิต)", Role.NHSO_REVIEWER, None)]
    wanted += [(f"demo.{h}", f"ผู้ดูแลหน่วยบริการ {h} (สาธิต)", Role.UNIT_ADMIN, h) for h in unit_hcodes]
    created: dict[str, str] = {}
    chosen = os.environ.get("FVS_DEMO_PASSWORD")
    for username, name, role, hcode in wanted:
        existing = session.scalars(select(Account).where(Account.username == username)).first()
        if existing is not None:
            if chosen and not check_password(chosen, existing.password_hash):
                existing.password_hash = hash_password(chosen)
                created[username] = chosen
            continue
        password = chosen or secrets.token_urlsafe(12)
        create_account(session, username=username, display_name=name, role=role, password=password, hcode=hcode)
        created[username] = password
    return created
