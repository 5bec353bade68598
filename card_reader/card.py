"""``ThaiIdCard``: what a Thai national ID card holds, parsed from its raw fields.

The record's ``repr`` masks the citizen ID and leaves the photo out, so logging a card (or a
traceback showing one) never writes a full PID.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from card_reader.dates import (
    CardDate,
    DatePrecision,
    InvalidCardDate,
    parse_card_date,
    parse_expiry,
)
from card_reader.errors import CardError, card_error
from card_reader.layout import Field
from card_reader.photo import InvalidPhoto, extract_jpeg
from card_reader.text import Address, PersonName, decode_text
from thai_civil.calendar import format_be_date, today_bangkok
from thai_civil.pid import InvalidPid, mask_pid, validate_pid


class Sex(str, Enum):
    MALE = "1"
    FEMALE = "2"

    @property
    def thai(self) -> str:
        return "ชาย" if self is Sex.MALE else "หญิง"

    @property
    def english(self) -> str:
        return "male" if self is Sex.MALE else "female"


class CardStatus(str, Enum):
    """Whether the card is in force on a given day (a lifelong card always is)."""

    VALID = "valid"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ThaiIdCard:
    pid: str = field(repr=False)
    name_th: PersonName
    name_en: PersonName
    birth: CardDate
    sex: Sex
    issuer: str
    issue_date: date
    expiry_date: date | None  # None: lifelong card
    address: Address
    photo: bytes | None = field(default=None, repr=False)  # JPEG, when it was read

    @property
    def birth_date(self) -> date:
        """The birth date; for a partly unknown one, the day age counts from (see ``dates``)."""
        return self.birth.value

    @property
    def birth_date_precision(self) -> DatePrecision:
        return self.birth.precision

    @property
    def masked_pid(self) -> str:
        return mask_pid(self.pid)

    @property
    def lifelong(self) -> bool:
        return self.expiry_date is None

    def status(self, on: date | None = None) -> CardStatus:
        """``EXPIRED`` when the expiry date is before ``on`` (default: today in Bangkok); the
        card is still good on its expiry day."""
        on = on or today_bangkok()
        if self.expiry_date is not None and self.expiry_date < on:
            return CardStatus.EXPIRED
        return CardStatus.VALID

    def require_valid(self, on: date | None = None) -> ThaiIdCard:
        """This card, or ``CARD_EXPIRED`` for callers that refuse expired cards."""
        if self.status(on) is CardStatus.EXPIRED:
            assert self.expiry_date is not None
            raise card_error("CARD_EXPIRED", expiry=self.expiry_date.isoformat(),
                             expiry_be=format_be_date(self.expiry_date), pid=self.masked_pid)
        return self

    def __repr__(self) -> str:
        return (f"ThaiIdCard(pid={self.masked_pid!r}, name_en={self.name_en.full_spaced!r}, "
                f"birth={self.birth.iso()!r}, expiry={self.expiry_date!s}, "
                f"photo={len(self.photo) if self.photo else 0} bytes)")

    def to_dict(self, *, show_pid: bool = False, on: date | None = None) -> dict[str, Any]:
        """JSON-ready: dates in ISO and Buddhist Era, the PID masked unless ``show_pid``, the
        photo as its size only."""
        return {
            "pid": self.pid if show_pid else self.masked_pid,
            "name_th": {**_name_dict(self.name_th), "full": self.name_th.full},
            "name_en": {**_name_dict(self.name_en), "full": self.name_en.full_spaced},
            "birth_date": self.birth_date.isoformat(),
            "birth_date_precision": self.birth.precision.value,
            "birth_date_th": self.birth.thai(),
            "sex": self.sex.english,
            "sex_th": self.sex.thai,
            "issuer": self.issuer,
            "issue_date": self.issue_date.isoformat(),
            "issue_date_th": format_be_date(self.issue_date),
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "expiry_date_th": format_be_date(self.expiry_date) if self.expiry_date else "ตลอดชีพ",
            "lifelong": self.lifelong,
            "status": self.status(on).value,
            "address": {"house_no": self.address.house_no, "village_no": self.address.village_no,
                        "lane": self.address.lane, "soi": self.address.soi, "road": self.address.road,
                        "subdistrict": self.address.subdistrict, "district": self.address.district,
                        "province": self.address.province, "full": self.address.full},
            "photo_bytes": len(self.photo) if self.photo else 0,
        }


def _name_dict(name: PersonName) -> dict[str, str]:
    return {"title": name.title, "first": name.first, "middle": name.middle, "last": name.last}


def _invalid(fld: Field | str, reason: str) -> CardError:
    return card_error("CARD_DATA_INVALID", field=str(getattr(fld, "value", fld)), reason=reason)


def parse_card(raw: Mapping[Field, bytes], photo_area: bytes | None = None) -> ThaiIdCard:
    """Build the record from the raw bytes of each field (and the photo area, if read).

    Raises ``CARD_DATA_INVALID`` naming the field (never its value) when the PID fails its
    check digit, a date is not a date, or the sex is neither 1 nor 2.
    """
    missing = [f.value for f in Field if f not in raw]
    if missing:
        raise _invalid(missing[0], "not read")
    try:
        pid = validate_pid(raw[Field.PID].decode("ascii", errors="replace"))
    except InvalidPid as exc:
        raise _invalid(Field.PID, exc.reason) from None
    sex_text = decode_text(raw[Field.SEX])
    try:
        sex = Sex(sex_text)
    except ValueError:
        raise _invalid(Field.SEX, "neither 1 (male) nor 2 (female)") from None
    dates: dict[Field, Any] = {}
    for fld in (Field.BIRTH_DATE, Field.ISSUE_DATE, Field.EXPIRY_DATE):
        text = raw[fld].decode("ascii", errors="replace")
        try:
            if fld is Field.BIRTH_DATE:
                dates[fld] = parse_card_date(text, allow_partial=True)
            elif fld is Field.EXPIRY_DATE:
                dates[fld] = parse_expiry(text)
            else:
                dates[fld] = parse_card_date(text).value
        except InvalidCardDate as exc:
            raise _invalid(fld, str(exc)) from None
    photo = None
    if photo_area is not None:
        try:
            photo = extract_jpeg(photo_area)
        except InvalidPhoto as exc:
            raise _invalid("photo", str(exc)) from None
    return ThaiIdCard(
        pid=pid,
        name_th=PersonName.parse(raw[Field.NAME_TH]),
        name_en=PersonName.parse(raw[Field.NAME_EN]),
        birth=dates[Field.BIRTH_DATE],
        sex=sex,
        issuer=decode_text(raw[Field.ISSUER]),
        issue_date=dates[Field.ISSUE_DATE],
        expiry_date=dates[Field.EXPIRY_DATE],
        address=Address.parse(raw[Field.ADDRESS]),
        photo=photo,
    )
