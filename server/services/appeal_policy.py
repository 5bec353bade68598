"""The appeal's rules as data (``server/reference/verification_policy.json``, key ``appeal``):
the filing deadline, the explanation's length, and what may be attached.

The deadline is counted in Bangkok calendar days from the service date: with
``filing_days_after_service = 30`` a claim of 22/11/2569 may be appealed until 22/12/2569
23:59:59 Bangkok time (the instant :func:`filing_deadline` returns is the first moment *after*
it, 23/12/2569 00:00 Bangkok).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources

from thai_civil.calendar import BANGKOK


@dataclass(frozen=True)
class AppealPolicy:
    filing_days_after_service: int
    text_min_chars: int
    text_max_chars: int
    max_attachments: int
    max_attachment_bytes: int
    attachment_types: frozenset[str]

    def filing_deadline(self, service_day: date) -> datetime:
        """The first instant at which filing is late (Bangkok midnight, as aware UTC)."""
        late = datetime.combine(service_day + timedelta(days=self.filing_days_after_service + 1), time(0), BANGKOK)
        return late.astimezone(UTC)

    def last_filing_day(self, service_day: date) -> date:
        return service_day + timedelta(days=self.filing_days_after_service)


def parse_appeal_policy(data: dict) -> AppealPolicy:
    files = data["attachments"]
    policy = AppealPolicy(
        filing_days_after_service=int(data["filing_days_after_service"]),
        text_min_chars=int(data["text_min_chars"]), text_max_chars=int(data["text_max_chars"]),
        max_attachments=int(files["max_count"]), max_attachment_bytes=int(files["max_bytes"]),
        attachment_types=frozenset(files["types"]))
    if policy.filing_days_after_service < 0 or not 0 < policy.text_min_chars <= policy.text_max_chars:
        raise ValueError("appeal policy: bad deadline or text lengths")
    if not policy.attachment_types <= {"image/jpeg", "image/png", "application/pdf"}:
        raise ValueError("appeal policy: attachments may be JPEG, PNG or PDF only")
    return policy


@lru_cache
def load_appeal_policy() -> AppealPolicy:
    text = resources.files("server.reference").joinpath("verification_policy.json").read_text("utf-8")
    return parse_appeal_policy(json.loads(text)["appeal"])
