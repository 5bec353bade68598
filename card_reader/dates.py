"""Dates on the card: ``YYYYMMDD`` in the Buddhist Era, as ASCII digits.

* ``25300415`` is 15 April 2530 BE = 15 April 1987 (BE − 543).
* A birth date may be known only in part: ``25300400`` (day unknown) or ``25300000`` (day and
  month unknown) — people registered late, or without papers.  Such a date becomes the day the
  Civil and Commercial Code s.16 counts age from: the first day of the month when only the day
  is unknown, 1 January of the year when the month is unknown too.  ``DatePrecision`` says
  which it is, so a screen can show "เดือน 4 ปี 2530" and not an invented day.  A day given with
  an unknown month (``25300015``) is treated as year-only.
* An expiry of ``99999999`` means the card never expires (issued to people aged 70 and over).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from thai_civil.calendar import BE_OFFSET, THAI_MONTHS, format_be_date

LIFELONG = "99999999"


class InvalidCardDate(ValueError):
    """The eight characters are not a Buddhist Era ``YYYYMMDD`` date."""


class DatePrecision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class CardDate:
    """A Buddhist Era date from the card and what of it is known."""

    value: date  # in the Christian Era; for a partial date, the day s.16 counts from
    precision: DatePrecision

    @property
    def be_year(self) -> int:
        return self.value.year + BE_OFFSET

    def thai(self) -> str:
        """``15/04/2530``; ``เดือน เมษายน 2530``; ``ปี 2530``, by precision."""
        if self.precision is DatePrecision.DAY:
            return format_be_date(self.value)
        if self.precision is DatePrecision.MONTH:
            return f"เดือน {THAI_MONTHS[self.value.month - 1]} {self.be_year}"
        return f"ปี {self.be_year}"

    def iso(self) -> str:
        """``1987-04-15``, ``1987-04`` or ``1987`` (ISO 8601 reduced precision)."""
        if self.precision is DatePrecision.DAY:
            return self.value.isoformat()
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"


def parse_card_date(text: str, *, allow_partial: bool = False) -> CardDate:
    """Parse ``YYYYMMDD`` (Buddhist Era).  ``allow_partial`` admits ``00`` day/month (birth
    dates); other dates must be whole."""
    s = text.strip()
    if len(s) != 8 or not s.isdigit():
        raise InvalidCardDate(f"expected 8 digits YYYYMMDD, got {len(s)} characters")
    be_year, month, day = int(s[:4]), int(s[4:6]), int(s[6:])
    if be_year < 2400:
        raise InvalidCardDate(f"year {be_year} is not a Buddhist Era year")
    year = be_year - BE_OFFSET
    if month == 0 or day == 0:
        if not allow_partial:
            raise InvalidCardDate("day or month is 00")
        if month == 0:
            return CardDate(date(year, 1, 1), DatePrecision.YEAR)
        if month > 12:
            raise InvalidCardDate(f"no month {month}")
        return CardDate(date(year, month, 1), DatePrecision.MONTH)
    try:
        return CardDate(date(year, month, day), DatePrecision.DAY)
    except ValueError as exc:
        raise InvalidCardDate(f"no such date ({exc})") from None


def parse_expiry(text: str) -> date | None:
    """The expiry date, or ``None`` for a lifelong card (``99999999``)."""
    if text.strip() == LIFELONG:
        return None
    return parse_card_date(text).value
