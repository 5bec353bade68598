"""Thai public holidays, one data file per year (``thai_civil/data/holidays/<year>.json``).

Each file is the truth for its year (the Cabinet's announcement): a date, its Thai and English
names.  The unit registry copies them into its holiday table (``fvs db upgrade``), where staff
schedules' ``HOL`` ranges apply instead of the weekday's.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import resources


@dataclass(frozen=True)
class Holiday:
    day: date
    name_th: str
    name_en: str


def holidays_by_year() -> dict[int, list[Holiday]]:
    """Every year with a data file → its holidays.  A date of another year in a file is refused."""
    out: dict[int, list[Holiday]] = {}
    for node in resources.files("thai_civil").joinpath("data", "holidays").iterdir():
        if not node.name.endswith(".json"):
            continue
        data = json.loads(node.read_text("utf-8"))
        year = int(data["year"])
        days = [Holiday(date.fromisoformat(h["date"]), h["name_th"], h["name_en"]) for h in data["holidays"]]
        if any(h.day.year != year for h in days):
            raise ValueError(f"holidays/{year}.json lists a date of another year")
        out[year] = days
    return out
