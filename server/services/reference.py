"""Sync reference data files (rights, sub-rights, …) into their tables.

Reference data is policy, kept as data files in the package: editing the file and running
``fvs db upgrade`` (or ``fvs reference sync``) updates the rows, inserting new codes and
renaming existing ones; codes are never deleted (old claims point at them).
"""
from __future__ import annotations

import json
from importlib import resources

from sqlalchemy.orm import Session

from oss_registry import reference as registry_reference
from server.tables import Right, ServiceType, SubRight


def _load(name: str) -> dict:
    return json.loads(resources.files("server.reference").joinpath(name).read_text("utf-8"))


def sync_rights(session: Session) -> int:
    data = _load("rights.json")["rights"]
    for order, item in enumerate(data):
        session.merge(Right(code=item["code"], name_th=item["name_th"], name_en=item["name_en"], sort_order=order))
    session.flush()
    for item in data:
        for sub in item["sub_rights"]:
            session.merge(SubRight(right_code=item["code"], code=sub["code"], name_th=sub["name_th"], name_en=sub["name_en"]))
    session.flush()
    return len(data)


def sync_service_types(session: Session) -> int:
    data = _load("service_types.json")["service_types"]
    for order, item in enumerate(data):
        prefix = item["prefix"]
        if not (len(prefix) == 2 and prefix.isascii() and prefix.isalpha() and prefix.isupper()):
            raise ValueError(f"service type {item['code']}: prefix must be two capital letters, not {prefix!r}")
        session.merge(ServiceType(code=item["code"], prefix=prefix, name_th=item["name_th"],
                                  name_en=item["name_en"], active=bool(item["active"]),
                                  professions=",".join(item["professions"]), sort_order=order))
    session.flush()
    return len(data)


def sync_reference_data(session: Session) -> dict[str, int]:
    """Sync every reference data set; returns how many top-level rows each has."""
    counts = {"rights": sync_rights(session), "service_types": sync_service_types(session)}
    counts.update(registry_reference.sync(session))
    return counts
