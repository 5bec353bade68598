"""Load the whole demo data set (idempotent, deterministic for a seed)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from server.demo.accounts import load_demo_accounts
from server.demo.citizens import load_demo_citizens
from server.demo.units import load_demo_units
from server.services.reference import sync_reference_data


@dataclass
class DemoSummary:
    citizens_added: int = 0
    units: list[str] = field(default_factory=list)
    new_accounts: dict[str, str] = field(default_factory=dict)


def load_demo(session: Session, *, citizens: int = 1000, seed: int = 2569, today: date) -> DemoSummary:
    rng = random.Random(seed)
    sync_reference_data(session)
    summary = DemoSummary()
    summary.units = load_demo_units(session, rng)
    summary.citizens_added = load_demo_citizens(session, citizens, rng, today)
    summary.new_accounts = load_demo_accounts(session, summary.units)
    return summary
