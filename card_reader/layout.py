"""Where each field lives in the Thai ID applet's data: the read plan.

Offsets are ``P1 P2`` of ``80 B0 P1 P2 02 00 Le``.  Public readers disagree on the issuer
(``00 F6`` for 100 bytes in most, ``00 E2`` for 120 bytes in one): the 20 bytes at ``00 E2`` are
the card request number, so the issuer is read at ``00 F6``.  The address is read whole, 160
bytes (many readers take only the first 100).  ``docs/smart-card.md`` gives the evidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from card_reader.apdu import CommandApdu, read_binary


class Field(str, Enum):
    PID = "pid"
    NAME_TH = "name_th"
    NAME_EN = "name_en"
    BIRTH_DATE = "birth_date"
    SEX = "sex"
    ISSUER = "issuer"
    ISSUE_DATE = "issue_date"
    EXPIRY_DATE = "expiry_date"
    ADDRESS = "address"


@dataclass(frozen=True)
class FieldSpec:
    """One field: ``length`` bytes at ``offset``."""

    field: Field
    offset: int
    length: int

    def command(self) -> CommandApdu:
        return read_binary(self.offset, self.length)


#: The text fields, in the order they are read.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(Field.PID, 0x0004, 0x0D),          # 13 ASCII digits
    FieldSpec(Field.NAME_TH, 0x0011, 0x64),      # TIS-620, title#first#middle#last
    FieldSpec(Field.NAME_EN, 0x0075, 0x64),      # ASCII, title#first#middle#last
    FieldSpec(Field.BIRTH_DATE, 0x00D9, 0x08),   # YYYYMMDD, Buddhist Era, 00 for unknown parts
    FieldSpec(Field.SEX, 0x00E1, 0x01),          # "1" male, "2" female
    FieldSpec(Field.ISSUER, 0x00F6, 0x64),       # TIS-620, the issuing office (00 E2: request no.)
    FieldSpec(Field.ISSUE_DATE, 0x0167, 0x08),   # YYYYMMDD, Buddhist Era
    FieldSpec(Field.EXPIRY_DATE, 0x016F, 0x08),  # YYYYMMDD, Buddhist Era; 99999999 = lifelong
    FieldSpec(Field.ADDRESS, 0x1579, 0xA0),      # TIS-620, parts separated by '#', up to 1619
)

FIELD_SPECS: dict[Field, FieldSpec] = {spec.field: spec for spec in FIELDS}

#: The photo: 20 chunks of 255 bytes from 01 7B (each next chunk P1 + 1, P2 - 1, i.e. +255).
PHOTO_OFFSET = 0x017B
PHOTO_CHUNK = 0xFF
PHOTO_CHUNKS = 20


def photo_commands() -> tuple[CommandApdu, ...]:
    """The 20 reads of the photo: ``80 B0 01 7B``, ``80 B0 02 7A``, … ``80 B0 14 68``."""
    return tuple(read_binary(PHOTO_OFFSET + i * PHOTO_CHUNK, PHOTO_CHUNK) for i in range(PHOTO_CHUNKS))
