"""Dates and times as Thai staff read them: Bangkok time, Buddhist Era (``22/11/2569 10:05``)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")  # no daylight saving in Thailand
BE_OFFSET = 543


def parse_instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def be_datetime(instant: datetime) -> str:
    local = instant.astimezone(BANGKOK)
    return f"{local.day:02d}/{local.month:02d}/{local.year + BE_OFFSET} {local:%H:%M}"


def hhmm(instant: datetime) -> str:
    return f"{instant.astimezone(BANGKOK):%H:%M}"


def today_bangkok(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(BANGKOK).date()
