"""From a card reading and FVS's answers to the two shapes the agent hands out: the record it
signs (``card_agent.protocol``) and the fields NHSO's agent answers with.

NHSO's agent's conventions, kept here: ``birthDate`` is Buddhist Era ``YYYYMMDD`` (``00`` for an
unknown day or month), ``sex`` is ``ชาย``/``หญิง``, ``mainInscl``/``subInscl`` read
``(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ``, ``age`` reads ``29 ปี 4 เดือน 26 วัน``, and times
(``checkDate``, ``createdDate``, ``claimDateTime``) are Bangkok local time without an offset,
``2026-11-22T10:00:00``.
"""
from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from card_agent.protocol import FORMAT, format_read_at
from card_reader import CardReading, DatePrecision, Sex, ThaiIdCard
from thai_civil.calendar import BE_OFFSET, age_on, to_bangkok


def card_record(reading: CardReading, *, nonce: str, read_at: datetime, agent_key_id: str) -> dict[str, Any]:
    """The record the agent signs for this reading (see ``card_agent.protocol``)."""
    card = reading.card
    return {
        "format": FORMAT,
        "pid": card.pid,
        "title_th": card.name_th.title or None,
        "first_name_th": card.name_th.first,
        "middle_name_th": card.name_th.middle or None,
        "last_name_th": card.name_th.last,
        "birth_date": card.birth.iso(),
        "sex": "M" if card.sex is Sex.MALE else "F",
        "issue_date": card.issue_date.isoformat(),
        "expiry_date": card.expiry_date.isoformat() if card.expiry_date else None,
        "photo_sha256": hashlib.sha256(card.photo).hexdigest() if card.photo else None,
        "reader": reading.reader,
        "atr": reading.atr.hex().upper(),
        "nonce": nonce,
        "read_at": format_read_at(read_at),
        "agent_key_id": agent_key_id,
    }


def be_birth_date(card: ThaiIdCard) -> str:
    """``25300415``; ``25300400`` (day unknown); ``25300000`` (day and month unknown)."""
    birth = card.birth
    month = birth.value.month if birth.precision is not DatePrecision.YEAR else 0
    day = birth.value.day if birth.precision is DatePrecision.DAY else 0
    return f"{birth.value.year + BE_OFFSET:04d}{month:02d}{day:02d}"


def local_time(at: datetime) -> str:
    """An instant as NHSO's agent shows it: Bangkok time, no offset, whole seconds."""
    return to_bangkok(at).replace(tzinfo=None, microsecond=0).isoformat()


def inscl(code: str | None, name: str | None) -> str | None:
    if not code:
        return None
    return f"({code}) {name}" if name else f"({code})"


def age_text(birth: date, on: date) -> str:
    return age_on(birth, max(on, birth)).thai()


def claim_types(service_types: Iterable[Mapping[str, Any]], profession: str | None) -> list[dict[str, str]]:
    """The active service types (those the profession may provide, when it is known)."""
    out = []
    for st in service_types:
        allowed = st.get("professions") or []
        if not st.get("active", True) or (profession and allowed and profession not in allowed):
            continue
        out.append({"claimType": str(st["code"]), "claimTypeName": str(st.get("name_th") or st["code"])})
    return out


def hospital(hcode: str | None, name: str | None = None) -> dict[str, str | None] | None:
    return {"hcode": hcode, "hname": name} if hcode else None


def nhso_read(reading: CardReading, *, citizen: Mapping[str, Any] | None, types: list[dict[str, str]],
              correlation_id: str, server_now: datetime, image: bool) -> dict[str, Any]:
    """The body of ``GET /api/smartcard/read`` (without ``signedRead``, added by the caller)."""
    card = reading.card
    today = to_bangkok(server_now).date()
    main = citizen.get("main_hcode") if citizen else None
    return {
        "pid": card.pid,
        "titleName": card.name_th.title,
        "fname": card.name_th.first,
        "lname": card.name_th.last,
        "birthDate": be_birth_date(card),
        "sex": card.sex.thai,
        "mainInscl": inscl(citizen.get("right_code"), citizen.get("right_name_th")) if citizen else None,
        "subInscl": inscl(citizen.get("sub_right_code"), citizen.get("sub_right_name_th")) if citizen else None,
        "age": age_text(card.birth_date, today),
        "checkDate": local_time(server_now),
        "claimTypes": types,
        "image": base64.b64encode(card.photo).decode("ascii") if image and card.photo else None,
        "correlationId": correlation_id,
        "hospMain": hospital(main),
        "hospSub": None,
        "cardStatus": reading.status.value,
        "expireDate": card.expiry_date.isoformat() if card.expiry_date else None,
    }


def latest_claim(pid: str, claims: Iterable[Mapping[str, Any]], server_now: datetime) -> dict[str, Any] | None:
    """The newest claim (by creation time) in NHSO's ``latest-authen-code`` shape."""
    dated = [(datetime.fromisoformat(str(c["created_at"])), c) for c in claims if c.get("created_at")]
    if not dated:
        return None
    created, newest = max(dated, key=lambda pair: pair[0])
    return {"pid": pid, "claimCode": newest["code"], "claimType": newest["service_type"],
            "claimDateTime": local_time(created), "hcode": newest.get("hcode"), "status": newest.get("status"),
            "checkDate": local_time(server_now)}
