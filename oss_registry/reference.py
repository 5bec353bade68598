"""Reference data files (``oss_registry/data``) and their sync into the tables.

``fvs db upgrade`` calls :func:`sync`.  Unit types and professions are upserted by code and
never deleted (staff and units point at them).  Each year of public holidays
(:mod:`thai_civil.holidays`) is the truth for that year: its dates are upserted and other dates of
that year are deleted.
"""
from __future__ import annotations

import json
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from sqlalchemy import delete, extract
from sqlalchemy.orm import Session

from oss_registry.tables import Holiday, Profession, ProfessionUnitType, UnitType
from thai_civil.holidays import holidays_by_year

_DATA = resources.files("oss_registry").joinpath("data")


def _load(node: Traversable) -> dict[str, Any]:
    return json.loads(node.read_text("utf-8"))


def unit_types() -> list[dict[str, Any]]:
    """The unit types of ``data/unit_types.json``."""
    return _load(_DATA.joinpath("unit_types.json"))["unit_types"]


def professions() -> list[dict[str, Any]]:
    """The professions of ``data/professions.json`` (with ``licence_pattern``, ``unit_types``)."""
    return _load(_DATA.joinpath("professions.json"))["professions"]


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
    for year, items in holidays_by_year().items():
        days = [h.day for h in items]
        session.execute(delete(Holiday).where(extract("year", Holiday.day) == year, Holiday.day.not_in(days)))
        for item in items:
            session.merge(Holiday(day=item.day, name_th=item.name_th, name_en=item.name_en))
        count += len(items)
    session.flush()
    return count


def sync(session: Session) -> dict[str, int]:
    """Upsert unit types, professions (and which unit types each serves) and holidays."""
    return {
        "unit_types": sync_unit_types(session),
        "professions": sync_professions(session),
        "holidays": sync_holidays(session),
    }
