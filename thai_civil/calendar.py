"""Thai civil time conventions: Buddhist Era dates, ages, the Asia/Bangkok service date.

* Dates shown to people are Buddhist Era: ``22/11/2569`` is 22 November 2026 (BE = CE + 543).
* Times are shown in Asia/Bangkok (UTC+7 all year, no daylight saving); stored times are UTC.
* The *service date* of an instant is its calendar date in Asia/Bangkok.
* Age is counted in completed years, months and days.  When an anniversary has no
  corresponding day in a month (born 29 February, or on the 31st), it falls on the last day of
  that month, following the Civil and Commercial Code s.193/5: someone born 29/02/2547 turns
  one year old on 28/02/2548.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from thai_civil.errors import CATALOGUE, ThaiCivilError

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)

_BE_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


class InvalidThaiDate(ThaiCivilError):
    """A date string that is not a valid ``dd/mm/yyyy`` Buddhist Era date (``INVALID_DATE``); the
    English reason is ``str(exc)`` and ``details["reason"]``."""

    def __init__(self, reason: str):
        th, en = CATALOGUE.messages("INVALID_DATE")
        super().__init__("INVALID_DATE", th, en, {"reason": reason})
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def to_bangkok(at: datetime) -> datetime:
    """The same instant in Asia/Bangkok.  Naive datetimes are refused."""
    if at.tzinfo is None:
        raise ValueError("naive datetime: give an aware instant (UTC or with offset)")
    return at.astimezone(BANGKOK)


def service_date(at: datetime) -> date:
    """The Asia/Bangkok calendar date of an instant (the NHSO 'date of service')."""
    return to_bangkok(at).date()


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_bangkok() -> date:
    return service_date(now_utc())


def format_be_date(d: date) -> str:
    """``date(2026, 11, 22)`` → ``"22/11/2569"``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year + BE_OFFSET}"


def format_be_datetime(at: datetime) -> str:
    """An instant shown in Bangkok time: ``"22/11/2569 14:05"``."""
    local = to_bangkok(at)
    return f"{format_be_date(local.date())} {local:%H:%M}"


def format_be_long(d: date) -> str:
    """``"22 พฤศจิกายน 2569"``."""
    return f"{d.day} {THAI_MONTHS[d.month - 1]} {d.year + BE_OFFSET}"


def parse_be_date(text: str) -> date:
    """Parse ``dd/mm/yyyy`` with a Buddhist Era year (``"22/11/2569"`` → 2026-11-22).

    A year below 2400 is almost surely a Christian Era year typed by mistake and is refused
    rather than silently read 543 years off.
    """
    m = _BE_DATE.match(text or "")
    if not m:
        raise InvalidThaiDate(f"expected dd/mm/yyyy (Buddhist Era), got {text!r}")
    day, month, be_year = (int(g) for g in m.groups())
    if be_year < 2400:
        raise InvalidThaiDate(f"year {be_year} is not a Buddhist Era year (e.g. 2569)")
    try:
        return date(be_year - BE_OFFSET, month, day)
    except ValueError as exc:
        raise InvalidThaiDate(f"no such date: {text!r} ({exc})") from None


def add_months(d: date, months: int) -> date:
    """``d`` plus whole months; a missing day becomes the month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(total, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


@dataclass(frozen=True, order=True)
class Age:
    years: int
    months: int
    days: int

    def thai(self) -> str:
        """``"29 ปี 4 เดือน 26 วัน"``."""
        return f"{self.years} ปี {self.months} เดือน {self.days} วัน"

    def english(self) -> str:
        return f"{self.years} years {self.months} months {self.days} days"


def age_on(birth: date, on: date) -> Age:
    """Completed years, months and days from ``birth`` to ``on`` (see module doc)."""
    if on < birth:
        raise ValueError("the date is before the birth date")
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if add_months(birth, months) > on:
        months -= 1
    anniversary = add_months(birth, months)
    years, rem_months = divmod(months, 12)
    return Age(years, rem_months, (on - anniversary).days)
