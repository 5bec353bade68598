"""The memory image a virtual Thai ID card serves, built from test data.

The offsets here are written out on their own (from the published card layout: cardpeek's
"Thai eID" script, which maps a dump of the whole 5,950-byte file, and readers that name the
fields between), not imported from ``card_reader.layout``, so a wrong offset in the reader shows
up as a wrong field.  The neighbours of the fields FVS reads are filled too: the request number
right before the issuer (0xE2–0xF5) would show up in the issuer if it were read from 0xE2.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from thai_civil.calendar import today_bangkok
from thai_civil.pid import generate_pid

IMAGE_SIZE = 5950
PID_AT, NAME_TH_AT, NAME_EN_AT, BIRTH_AT, SEX_AT = 4, 17, 117, 217, 225
REQUEST_NO_AT, ISSUER_AT, ISSUER_CODE_AT, ISSUE_AT, EXPIRY_AT, CARD_TYPE_AT = 226, 246, 346, 359, 367, 375
PHOTO_AT, PHOTO_AREA, ADDRESS_AT, ADDRESS_LEN, CARD_NUMBER_AT = 379, 5118, 5497, 160, 5657
TEXT_LEN = 100
REQUEST_NO = b"REQ-2567-0512-345678"  # 20 bytes at 0xE2, just before the issuer

ATR_3B68 = bytes.fromhex("3B6800000073C84012009000")  # GET RESPONSE 00 C0 00 00
ATR_3B67 = bytes.fromhex("3B6700007320006C689000")  # GET RESPONSE 00 C0 00 01


def sample_pid(seed: int = 7) -> str:
    """A valid, generated citizen ID (never a real person's)."""
    return generate_pid(random.Random(seed), first_digit=1)


def be_yyyymmdd(d: date) -> str:
    return f"{d.year + 543:04d}{d.month:02d}{d.day:02d}"


def _in_years(years: int) -> str:
    today = today_bangkok()
    return be_yyyymmdd(today.replace(year=today.year + years, day=min(today.day, 28)))


@dataclass(frozen=True)
class CardContents:
    pid: str = field(default_factory=sample_pid)
    name_th: str = "นางสาว#สมหญิง##ทดสอบใจดี"
    name_en: str = "Miss#Somying##Thotsopjaidee"
    birth: str = "25300415"  # 15 April 1987
    sex: str = "2"
    issuer: str = "ท้องถิ่นเขตบางรัก/กรุงเทพมหานคร"
    issue: str = field(default_factory=lambda: _in_years(-2))
    expiry: str = field(default_factory=lambda: _in_years(6))
    address: str = "123/45#หมู่ที่ 6##ซอยสุขใจ#ถนนพหลโยธิน#ตำบลบางกระสอ#อำเภอเมืองนนทบุรี#จังหวัดนนทบุรี"
    card_number: str = "12345678901234"
    photo: bytes = b""

    def but(self, **changes: object) -> CardContents:
        return replace(self, **changes)  # type: ignore[arg-type]


def _put(image: bytearray, at: int, data: bytes, size: int) -> None:
    assert len(data) <= size, f"{len(data)} bytes do not fit {size} at {at}"
    image[at:at + len(data)] = data


def build_image(c: CardContents) -> bytes:
    """The card's bytes: text fields TIS-620 and space-padded, the photo zero-padded."""
    image = bytearray(b" " * IMAGE_SIZE)
    image[0:4] = b"\x00\x01\x00\x00"
    _put(image, PID_AT, c.pid.encode("ascii"), 13)
    _put(image, NAME_TH_AT, c.name_th.encode("tis-620"), TEXT_LEN)
    _put(image, NAME_EN_AT, c.name_en.encode("ascii"), TEXT_LEN)
    _put(image, BIRTH_AT, c.birth.encode("ascii"), 8)
    _put(image, SEX_AT, c.sex.encode("ascii"), 1)
    _put(image, REQUEST_NO_AT, REQUEST_NO, ISSUER_AT - REQUEST_NO_AT)
    _put(image, ISSUER_AT, c.issuer.encode("tis-620"), TEXT_LEN)
    _put(image, ISSUER_CODE_AT, b"1001000000000", ISSUE_AT - ISSUER_CODE_AT)
    _put(image, ISSUE_AT, c.issue.encode("ascii"), 8)
    _put(image, EXPIRY_AT, c.expiry.encode("ascii"), 8)
    _put(image, CARD_TYPE_AT, b"01", 2)
    image[PHOTO_AT:PHOTO_AT + PHOTO_AREA] = bytes(PHOTO_AREA)
    _put(image, PHOTO_AT, c.photo, PHOTO_AREA)
    _put(image, ADDRESS_AT, c.address.encode("tis-620"), ADDRESS_LEN)
    _put(image, CARD_NUMBER_AT, c.card_number.encode("ascii"), 14)
    return bytes(image)


def make_card_photo(source: Path, max_bytes: int = 4800) -> bytes:
    """A card-like photo (grey, about 148 × 178) from a face photo, as a JPEG small enough for
    the 5,100 bytes a reader fetches, and large enough to span several 255-byte chunks."""
    from PIL import Image

    with Image.open(source) as original:
        grey = original.convert("L")
    w, h = grey.size  # portrait photos with the head near the top: a head-and-shoulders crop
    side_w = min(int(w * 0.7), int(h * 297 / 356))
    side_h = int(side_w * 356 / 297)
    left = (w - side_w) // 2
    card = grey.crop((left, 0, left + side_w, side_h)).resize((148, 178))
    for quality in (60, 45, 30, 20, 10):
        buf = io.BytesIO()
        card.save(buf, "JPEG", quality=quality)
        if len(buf.getvalue()) <= max_bytes:
            return buf.getvalue()
    raise AssertionError("could not make a photo small enough")
