"""The weekly grid of the staff editor: a working-day toggle and two time ranges per day type
(Monday … Sunday and public holidays), read from and written to the form, and a schedule in
words for the staff list ("จันทร์-ศุกร์ 08:30-16:30")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from server.console.forms import FormReader
from server.console.i18n import Translator
from server.console.ports import ALL_DAY_TYPES

DAYS: tuple[str, ...] = tuple(d.value for d in ALL_DAY_TYPES)  # MON..SUN, HOL
WEEKDAYS = DAYS[:7]
_TIME = re.compile(r"^([01]?\d|2[0-4])[:.]([0-5]\d)$")


@dataclass
class DayRow:
    on: bool = False
    ranges: list[tuple[str, str]] = field(default_factory=lambda: [("", ""), ("", "")])


Grid = dict[str, DayRow]


def empty_grid() -> Grid:
    return {d: DayRow() for d in DAYS}


def grid_from_days(days: dict[str, list[str]]) -> Grid:
    """From a stored schedule (``{"MON": ["08:30-12:00", …]}``)."""
    grid = empty_grid()
    for day, ranges in days.items():
        if day in grid and ranges:
            pairs = [tuple(r.split("-", 1)) for r in ranges[:2]]
            grid[day] = DayRow(True, [*pairs, *[("", "")] * (2 - len(pairs))])  # type: ignore[list-item]
    return grid


def grid_from_form(reader: FormReader) -> Grid:
    grid = empty_grid()
    for day in DAYS:
        ranges = [(reader.raw(f"{slot}_{day}_start").strip()[:5], reader.raw(f"{slot}_{day}_end").strip()[:5])
                  for slot in ("a", "b")]
        grid[day] = DayRow(reader.flag(f"on_{day}"), ranges)
    return grid


def copy_day(grid: Grid, source: str) -> Grid:
    """The "copy to other days" button: ``source``'s ranges on every other weekday, switched on."""
    if source not in grid:
        return grid
    ranges = list(grid[source].ranges)
    out = dict(grid)
    for day in WEEKDAYS:
        if day != source:
            out[day] = DayRow(True, list(ranges))
    return out


def every_day(grid: Grid) -> Grid:
    """"Works every day": every weekday on; empty ones take the first filled weekday's ranges."""
    first = next((grid[d].ranges for d in WEEKDAYS if any(a or b for a, b in grid[d].ranges)), None)
    out = dict(grid)
    for day in WEEKDAYS:
        row = grid[day]
        filled = any(a or b for a, b in row.ranges)
        out[day] = DayRow(True, list(row.ranges if filled or first is None else first))
    return out


def schedule_days(grid: Grid, reader: FormReader) -> dict[str, list[str]]:
    """The ``days`` of a ``ScheduleIn``; problems (a half range, a bad time, a day on without
    times) are recorded on ``reader`` with the field they concern."""
    days: dict[str, list[str]] = {}
    for day in DAYS:
        row = grid[day]
        if not row.on:
            continue
        ranges = []
        for slot, (start, end) in zip(("a", "b"), row.ranges, strict=True):
            if not start and not end:
                continue
            bad = next((n for n, v in ((f"{slot}_{day}_start", start), (f"{slot}_{day}_end", end))
                        if not _TIME.match(v)), None)
            if bad:
                reader.fail(bad, "เวลาไม่ถูกต้อง (ชช:นน เช่น 08:30 ทั้งเวลาเริ่มและสิ้นสุด)",
                            "Time is not valid (HH:MM, e.g. 08:30, both start and end)")
                continue
            ranges.append(f"{start.replace('.', ':')}-{end.replace('.', ':')}")
        if not ranges:
            reader.fail(f"a_{day}_start", "วันที่เลือกปฏิบัติงานต้องระบุเวลาอย่างน้อย 1 ช่วง",
                        "A working day needs at least one time range")
        days[day] = ranges
    return days


def words(days: dict[str, list[str]], t: Translator) -> str:
    """``จันทร์-ศุกร์ 08:30-16:30, เสาร์ 09:00-12:00, วันหยุดนักขัตฤกษ์ 09:00-12:00``."""
    parts: list[str] = []
    run: list[str] = []
    previous: tuple[str, ...] | None = None

    def close() -> None:
        if run and previous:
            name = t.label("day", run[0]) if len(run) == 1 else f"{t.label('day', run[0])}-{t.label('day', run[-1])}"
            parts.append(f"{name} {', '.join(previous)}")

    for day in DAYS:
        ranges = tuple(days.get(day) or ())
        if ranges and ranges == previous and day != "HOL":
            run.append(day)
            continue
        close()
        run, previous = ([day], ranges) if ranges else ([], None)
    close()
    return "; ".join(parts)
