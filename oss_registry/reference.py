"""Reference data files (``oss_registry/data``) and their sync into the tables.

``fvs db upgrade`` calls :func:`sync`.  Unit types and professions are upserted by code and
never deleted (staff and units point at them).  Each ``data/holidays/<year>.json`` is the truth
for its year: its dates are upserted and other dates of that year are deleted.
"""
from __future__ import annotations

import json
from datetime import date
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from sqlalchemy import delete, extract
from sqlalchemy.orm import Session

from oss_registry.tables import Holiday, Profession, ProfessionUnitType, UnitType

_DATA = resources.files("oss_registry").joinpath("data")


def _load(node: Traversable) -> dict[str, Any]:
    return json.loads(node.read_text("utf-8"))


def unit_types() -> list[dict[str, Any]]:
    """The unit types of ``data/unit_types.json``."""
    return _load(_DATA.joinpath("unit_types.json"))["unit_types"]


def professions() -> list[dict[str, Any]]:
    """The professions of ``data/professions.json`` (with ``licence_pattern``, ``unit_types``)."""
    return _load(_DATA.joinpath("professions.json"))["professions"]


def holiday_files() -> dict[int, list[dict[str, Any]]]:
    """Every ``data/holidays/<year>.json``: year → its holidays."""
    out: dict[int, list[dict[str, Any]]] = {}
    for node in _DATA.joinpath("holidays").iterdir():
        if node.name.endswith(".json"):
            data = _load(node)
            out[int(data["year"])] = data["holidays"]
    return out


def sync_unit_types(session: Session) -> int:
    items = unit_types()
    for order, item in enumerate(items):
        session.merge(UnitType(code=item["code"], name_th=item["name_th"], name_en=item["name_en"], sort_order=order))
    session.flush()
    return len(items)


def sync_professions(session: Session) -> int:
    items = professions()
    for order, item in enumerate(items):
        session.merge(Profession(
            code=item["code"], name_th=item["name_th"], name_en=item["name_en"],
            licence_pattern=item.get("licence_pattern"), sort_order=order,
        ))
    session.flush()
    session.execute(delete(ProfessionUnitType))
    for item in items:
        for unit_type in item["unit_types"]:
            session.add(ProfessionUnitType(profession_code=item["code"], unit_type_code=unit_type))
    session.flush()
    return len(items)


def sync_holidays(session: Session) -> int:
    count = 0
    for year, items in holiday_files().items():
        days = {date.fromisoformat(item["date"]): item for item in items}
        if any(d.year != year for d in days):
            raise ValueError(f"holidays/{year}.json lists a date of another year")
        session.execute(delete(Holiday).where(
            extract("year", Holiday.day) == year, Holiday.day.not_in(list(days))
        ))
        for day, item in days.items():
            session.merge(Holiday(day=day, name_th=item["name_th"], name_en=item["name_en"]))
        count += len(days)
    session.flush()
    return count


def sync(session: Session) -> dict[str, int]:
    """Upsert unit types, professions (and which unit types each serves) and holidays."""
    return {
        "unit_types": sync_unit_types(session),
        "professions": sync_professions(session),
        "holidays": sync_holidays(session),
    }
