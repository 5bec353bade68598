"""The menu of each role (the pages a role may reach; the server checks every one again)."""
from __future__ import annotations

from dataclasses import dataclass

from server.console.ports import Role
from server.console.sessions import ConsoleUser


@dataclass(frozen=True)
class Item:
    href: str
    key: str


def menu(user: ConsoleUser) -> list[Item]:
    if user.is_nhso:
        return [Item("/console/dashboard", "nav.dashboard"), Item("/console/review/units", "nav.units"),
                Item("/console/review/staff", "nav.staff_review"), Item("/console/review/appeals", "nav.appeals"),
                Item("/console/claims", "nav.claims"), Item("/console/people", "nav.people"),
                Item("/console/reports/claims", "nav.report")]
    h = user.hcode
    items = [Item(f"/console/units/{h}", "nav.profile"), Item(f"/console/units/{h}/staff", "nav.staff")]
    if user.has(Role.UNIT_ADMIN):
        items.append(Item(f"/console/units/{h}/tokens", "nav.tokens"))
    items += [Item(f"/console/units/{h}/qr", "nav.qr"), Item("/console/claims", "nav.claims"),
              Item("/console/people", "nav.people"), Item("/console/reports/claims", "nav.report")]
    return items
