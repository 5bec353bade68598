"""Sync reference data files (rights, sub-rights, …) into their tables.

Reference data is policy, kept as data files in the owning package: editing the file and running
``fvs db upgrade`` (or ``fvs reference sync``) updates the rows, inserting new codes and
renaming existing ones; codes are never deleted (old claims point at them).
"""
from __future__ import annotations

import json
from datetime import date
from importlib import resources

from sqlalchemy.orm import Session

from citizens.rights import sync_rights
from oss_registry import reference as registry_reference
from server.tables import ServiceType

FVS_CODE_PREFIX = "FVS-"
"""Every service code FVS invents starts with it: an NHSO code (PG + 7 digits) never does."""


def _load(name: str) -> dict:
    return json.loads(resources.files("server.reference").joinpath(name).read_text("utf-8"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def sync_service_types(session: Session) -> int:
    data = _load("service_types.json")["service_types"]
    for order, item in enumerate(data):
        prefix, origin = item["prefix"], item["origin"]
        if not (len(prefix) == 2 and prefix.isascii() and prefix.isalpha() and prefix.isupper()):
            raise ValueError(f"service type {item['code']}: prefix must be two capital letters, not {prefix!r}")
        if (origin == "FVS") != item["code"].startswith(FVS_CODE_PREFIX) or origin not in ("NHSO", "FVS"):
            raise ValueError(f"service type {item['code']}: FVS's own codes (and only they) start "
                             f"{FVS_CODE_PREFIX!r} and have origin FVS")
        session.merge(ServiceType(code=item["code"], prefix=prefix, name_th=item["name_th"],
                                  name_en=item["name_en"], active=bool(item["active"]),
                                  professions=",".join(item["professions"]), sort_order=order, origin=origin,
                                  effective_from=_date(item["effective_from"]), effective_to=_date(item["effective_to"])))
    session.flush()
    return len(data)


def sync_reference_data(session: Session) -> dict[str, int]:
    """Sync every reference data set; returns how many top-level rows each has."""
    counts = {"rights": sync_rights(session), "service_types": sync_service_types(session)}
    counts.update(registry_reference.sync(session))
    return counts
