"""The consent notice of the LINE pages (data: ``line_oa/data/consent.json``) and the decisions.

Each LINE user decides once per version of the notice: accepted → the pages go on; declined →
recorded with its time, and the service ends there (the decline page shows the hotline).  A new
version of the text asks everyone again.  When a registration completes, the acceptance is also
recorded in the citizen registry's consents (purpose :data:`PURPOSE`) under the citizen's PID.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from citizens.consents import grant_consent
from line_oa.tables import LineConsentDecision

PURPOSE = "LINE_OA"
DECISIONS = ("ACCEPTED", "DECLINED")


@dataclass(frozen=True)
class Notice:
    version: str
    title_th: str
    title_en: str
    conditions_th: tuple[str, ...]
    conditions_en: tuple[str, ...]
    paragraphs_th: tuple[str, ...]
    paragraphs_en: tuple[str, ...]
    hotline_th: str
    hotline_en: str


@lru_cache
def notice() -> Notice:
    data = json.loads(resources.files("line_oa").joinpath("data", "consent.json").read_text("utf-8"))
    return Notice(data["version"], data["title_th"], data["title_en"], tuple(data["conditions_th"]),
                  tuple(data["conditions_en"]), tuple(data["paragraphs_th"]), tuple(data["paragraphs_en"]),
                  data["hotline_th"], data["hotline_en"])


def latest_decision(session: Session, line_user_id: str, version: str | None = None) -> LineConsentDecision | None:
    """The LINE user's latest decision on ``version`` (default: the current notice)."""
    return session.scalars(select(LineConsentDecision).where(
        LineConsentDecision.line_user_id == line_user_id,
        LineConsentDecision.notice_version == (version or notice().version))
        .order_by(LineConsentDecision.id.desc())).first()


def has_accepted(session: Session, line_user_id: str) -> bool:
    found = latest_decision(session, line_user_id)
    return found is not None and found.decision == "ACCEPTED"


def decide(session: Session, *, line_user_id: str, accepted: bool, at: datetime) -> LineConsentDecision:
    """Record the decision on the current notice, with its time."""
    row = LineConsentDecision(line_user_id=line_user_id, notice_version=notice().version,
                              decision="ACCEPTED" if accepted else "DECLINED", decided_at=at)
    session.add(row)
    session.flush()
    return row


def record_for_citizen(session: Session, *, pid: str) -> None:
    """The registered citizen's standing consent in the citizen registry (purpose LINE_OA)."""
    grant_consent(session, pid, via="line", purpose=PURPOSE, notice_version=notice().version)
