"""Demo accounts: an NHSO admin and an admin of each demo unit, so the demo can be used at once.

Passwords are ``FVS_DEMO_PASSWORD`` when set, else random; they are returned (to be printed)
only when the account is created — an existing account is left alone.
"""
from __future__ import annotations

import os
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.services.access import Role, create_account
from server.tables import Account


def load_demo_accounts(session: Session, unit_hcodes: list[str]) -> dict[str, str]:
    """Create missing demo accounts; returns ``username -> password`` of the ones created now."""
    wanted = [("demo.admin", "ผู้ดูแลระบบ สปสช. (สาธิต)", Role.NHSO_ADMIN, None),
              ("demo.reviewer", "ผู้ตรวจสอบ สปสช. (สาธิต)", Role.NHSO_REVIEWER, None)]
    wanted += [(f"demo.{h}", f"ผู้ดูแลหน่วยบริการ {h} (สาธิต)", Role.UNIT_ADMIN, h) for h in unit_hcodes]
    created: dict[str, str] = {}
    for username, name, role, hcode in wanted:
        if session.scalars(select(Account.id).where(Account.username == username)).first() is not None:
            continue
        password = os.environ.get("FVS_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        create_account(session, username=username, display_name=name, role=role, password=password, hcode=hcode)
        created[username] = password
    return created
