"""Weekly working schedules of staff: pure logic, no database.

Rules (see also ``docs/registry.md``):

* A day type is ``MON`` … ``SUN`` or ``HOL`` (a public holiday from the holiday calendar).
* Each day type has at most two time ranges ``HH:MM-HH:MM`` (slots 1 and 2), each with
  start < end, not overlapping.  Ranges are half-open, ``[start, end)``; ``24:00`` may end a
  range and means the end of the day.  Touching ranges (``08:00-12:00,12:00-16:00``) are allowed.
* A range never crosses midnight: ``22:00-06:00`` is refused; a night shift is entered on two
  days (``MON 22:00-24:00; TUE 00:00-06:00``).
* On a public holiday the ``HOL`` ranges apply *instead of* the weekday's; with no ``HOL``
  ranges the person is off on holidays.
* Compact text form: ``MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00``.  Day lists are
  comma-separated days or runs (``MON,WED,FRI``, ``MON-FRI``, ``MON-HOL``); ``DAILY`` is
  ``MON-SUN`` and ``ALL`` is ``MON-HOL`` (every day including public holidays).  Parts naming
  the same day type add up (and are then validated together).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from itertools import pairwise

from oss_registry.errors import RegistryError


class DayType(StrEnum):
    MON = "MON"
    TUE = "TUE"
    WED = "WED"
    THU = "THU"
    FRI = "FRI"
    SAT = "SAT"
    SUN = "SUN"
    HOL = "HOL"


WEEKDAYS: tuple[DayType, ...] = tuple(DayType)[:7]
"""MON..SUN, indexed like :meth:`date.weekday`."""
ALL_DAY_TYPES: tuple[DayType, ...] = tuple(DayType)
"""MON..SUN then HOL: the order of day ranges such as ``MON-HOL``."""
MAX_RANGES_PER_DAY = 2
END_OF_DAY = time.max
"""How ``24:00`` is stored."""

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_ALIASES = {"DAILY": WEEKDAYS, "ALL": ALL_DAY_TYPES}


def _invalid(reason_th: str, reason_en: str, **details: object) -> RegistryError:
    return RegistryError("INVALID_SCHEDULE", reason_th=reason_th, reason_en=reason_en, **details)


def parse_time(text: str, *, end: bool = False) -> time:
    """``"08:30"`` → ``time(8, 30)``; ``"24:00"`` is accepted as an end (→ :data:`END_OF_DAY`)."""
    m = _TIME.match(text)
    hour, minute = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
    if end and (hour, minute) == (24, 0):
        return END_OF_DAY
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise _invalid(f"เวลา {text!r} ไม่ถูกต้อง (ชช:นน)", f"time {text!r} is not HH:MM", value=text)
    return time(hour, minute)


def format_time(t: time) -> str:
    return "24:00" if t == END_OF_DAY else f"{t:%H:%M}"


@dataclass(frozen=True, order=True)
class TimeRange:
    """A half-open working range ``[start, end)`` within one day."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise _invalid(
                f"ช่วงเวลา {self} ข้ามเที่ยงคืน ให้แยกบันทึกเป็นสองวัน",
                f"range {self} crosses midnight; enter it as two days (e.g. 22:00-24:00 and 00:00-06:00)",
                value=str(self),
            )
        if self.start == self.end:
            raise _invalid(f"ช่วงเวลา {self} เริ่มและสิ้นสุดเวลาเดียวกัน",
                           f"range {self} starts when it ends", value=str(self))

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """``"08:30-12:00"`` (a ``–`` dash is accepted too)."""
        parts = re.split(r"\s*[-–]\s*", text.strip())
        if len(parts) != 2:
            raise _invalid(f"ช่วงเวลา {text!r} ไม่ถูกต้อง (ชช:นน-ชช:นน)",
                           f"range {text!r} is not HH:MM-HH:MM", value=text)
        return cls(parse_time(parts[0]), parse_time(parts[1], end=True))

    def contains(self, t: time) -> bool:
        return self.start <= t and (t < self.end or self.end == END_OF_DAY)

    def overlaps(self, other: TimeRange) -> bool:
        return self.start < other.end and other.start < self.end

    def __str__(self) -> str:
        return f"{format_time(self.start)}-{format_time(self.end)}"


def _validate_day(day: DayType, ranges: Iterable[TimeRange]) -> tuple[TimeRange, ...]:
    ordered = tuple(sorted(ranges))
    if len(ordered) > MAX_RANGES_PER_DAY:
        raise _invalid(f"{day} มีได้ไม่เกิน {MAX_RANGES_PER_DAY} ช่วงเวลา",
                       f"{day} has more than {MAX_RANGES_PER_DAY} ranges", day=str(day))
    for first, second in pairwise(ordered):
        if first.overlaps(second):
            raise _invalid(f"{day}: ช่วงเวลา {first} และ {second} ทับซ้อนกัน",
                           f"{day}: ranges {first} and {second} overlap", day=str(day))
    return ordered


def parse_day_types(text: str) -> tuple[DayType, ...]:
    """``"MON-FRI"``, ``"MON,WED"``, ``"DAILY"``, ``"ALL"`` → the day types, in order."""
    out: list[DayType] = []
    for token in (t.strip().upper() for t in text.split(",")):
        if token in _ALIASES:
            out.extend(_ALIASES[token])
            continue
        ends = [e.strip() for e in token.split("-")]
        if len(ends) > 2 or any(e not in DayType.__members__ for e in ends):
            raise _invalid(f"วัน {token!r} ไม่ถูกต้อง", f"unknown day {token!r} (MON..SUN, HOL, DAILY, ALL)",
                           value=token)
        first, last = ALL_DAY_TYPES.index(DayType(ends[0])), ALL_DAY_TYPES.index(DayType(ends[-1]))
        if first > last:
            raise _invalid(f"ช่วงวัน {token!r} ย้อนลำดับ", f"day run {token!r} goes backwards", value=token)
        out.extend(ALL_DAY_TYPES[first:last + 1])
    return tuple(dict.fromkeys(out))


def _compress(days: list[DayType]) -> str:
    runs: list[list[DayType]] = []
    for day in days:
        if runs and ALL_DAY_TYPES.index(day) == ALL_DAY_TYPES.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ",".join(r) for r in runs)


@dataclass(frozen=True)
class WeeklySchedule:
    """Validated ranges per day type (day types without ranges are absent)."""

    days: Mapping[DayType, tuple[TimeRange, ...]]

    @classmethod
    def build(cls, days: Mapping[DayType | str, Iterable[TimeRange | str]]) -> WeeklySchedule:
        """Validate and normalise ``{day: [ranges]}`` (ranges as :class:`TimeRange` or text)."""
        out: dict[DayType, tuple[TimeRange, ...]] = {}
        for key, ranges in days.items():
            if str(key).upper() not in DayType.__members__:
                raise _invalid(f"วัน {key!r} ไม่ถูกต้อง", f"unknown day {key!r}", value=str(key))
            day = DayType(str(key).upper())
            parsed = [r if isinstance(r, TimeRange) else TimeRange.parse(r) for r in ranges]
            if parsed:
                out[day] = _validate_day(day, parsed)
        return cls({d: out[d] for d in ALL_DAY_TYPES if d in out})

    @classmethod
    def for_days(cls, day_types: Iterable[DayType | str], ranges: Iterable[TimeRange | str]) -> WeeklySchedule:
        """The same ranges on each chosen day type (e.g. :data:`WEEKDAYS` for every day)."""
        ranges = list(ranges)
        return cls.build({d: ranges for d in day_types})

    @classmethod
    def parse(cls, text: str) -> WeeklySchedule:
        """Read the compact form (see the module doc); an empty text is an empty schedule."""
        days: dict[DayType, list[TimeRange]] = {}
        for part in filter(None, (p.strip() for p in (text or "").split(";"))):
            pieces = part.split(None, 1)
            if len(pieces) != 2:
                raise _invalid(f"ส่วน {part!r} ต้องเป็น 'วัน ช่วงเวลา'", f"part {part!r} must be 'DAYS RANGES'",
                               value=part)
            ranges = [TimeRange.parse(r) for r in pieces[1].split(",") if r.strip()]
            for day in parse_day_types(pieces[0]):
                days.setdefault(day, []).extend(ranges)
        return cls.build(days)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, time, time]]) -> WeeklySchedule:
        """From stored ``(day_type, start, end)`` rows."""
        days: dict[str, list[TimeRange]] = {}
        for day, start, end in rows:
            days.setdefault(day, []).append(TimeRange(start, end))
        return cls.build(days)

    def rows(self) -> list[tuple[DayType, int, TimeRange]]:
        """``(day_type, slot, range)`` for storage; slots are 1 and 2 in time order."""
        return [(day, slot, r) for day, ranges in self.days.items() for slot, r in enumerate(ranges, 1)]

    def copy_to_all_days(self, source: DayType | str, *, include_holidays: bool = True) -> WeeklySchedule:
        """The ranges of ``source`` on every day (MON..SUN, and HOL unless told otherwise).

        Copying a day without ranges is refused rather than silently emptying the schedule.
        """
        name = str(source).strip().upper()
        if name not in DayType.__members__:
            raise _invalid(f"วัน {source!r} ไม่ถูกต้อง", f"unknown day {source!r}", value=str(source))
        ranges = self.days.get(DayType(name), ())
        if not ranges:
            raise _invalid(f"{source} ไม่มีช่วงเวลาให้คัดลอก", f"{source} has no ranges to copy", day=str(source))
        return WeeklySchedule.for_days(ALL_DAY_TYPES if include_holidays else WEEKDAYS, ranges)

    def ranges_on(self, day: date, *, holiday: bool) -> tuple[TimeRange, ...]:
        """The ranges that apply on a local date: ``HOL``'s on a public holiday, else the weekday's."""
        return self.days.get(DayType.HOL if holiday else WEEKDAYS[day.weekday()], ())

    def covers(self, local: datetime, *, holiday: bool) -> bool:
        """Whether a local (Asia/Bangkok) wall-clock time falls in a working range."""
        t = local.timetz().replace(tzinfo=None)
        return any(r.contains(t) for r in self.ranges_on(local.date(), holiday=holiday))

    def format(self) -> str:
        """The compact form, day types with equal ranges grouped (``MON-FRI 08:30-16:30``)."""
        groups: dict[tuple[TimeRange, ...], list[DayType]] = {}
        for day, ranges in self.days.items():
            groups.setdefault(ranges, []).append(day)
        return "; ".join(f"{_compress(days)} {','.join(map(str, ranges))}" for ranges, days in groups.items())

    def __bool__(self) -> bool:
        return bool(self.days)
