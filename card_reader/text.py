"""Text on the card: TIS-620 bytes padded with spaces, parts separated by ``#``.

A name is ``title#first#middle#last`` (``นาย#สมชาย##ใจดี``: no middle name); an address is
``house#village#lane#soi#road#subdistrict#district#province`` with empty parts left empty.
"""
from __future__ import annotations

from dataclasses import dataclass

ENCODING = "tis-620"
SEPARATOR = "#"
_PADDING = b" \x00"


def decode_text(raw: bytes) -> str:
    """TIS-620 bytes → text, without the trailing padding (spaces or NULs) or a stray ``#``.

    Bytes that TIS-620 does not define (0x80–0xA0 and 0xDB–0xDE, 0xFC–0xFF) become U+FFFD rather
    than failing the whole read; a name holding one is then visibly damaged.
    """
    return raw.rstrip(_PADDING).decode(ENCODING, errors="replace").strip()


def split_parts(text: str, count: int) -> tuple[str, ...]:
    """``text`` cut at ``#`` into exactly ``count`` stripped parts.

    Missing trailing parts are empty; extra parts are joined into the last one with a space, so
    nothing the card holds is dropped.
    """
    if count < 1:
        raise ValueError("count must be positive")
    parts = [p.strip() for p in text.split(SEPARATOR)]
    if len(parts) > count:
        parts = parts[:count - 1] + [" ".join(p for p in parts[count - 1:] if p)]
    parts += [""] * (count - len(parts))
    return tuple(parts)


@dataclass(frozen=True)
class PersonName:
    """A name as the card holds it: title (นาย / Mr.), first, middle (often empty), last."""

    title: str
    first: str
    middle: str
    last: str

    @classmethod
    def parse(cls, raw: bytes) -> PersonName:
        return cls(*split_parts(decode_text(raw), 4))

    @property
    def full(self) -> str:
        """Thai style: the title joined to the first name (``นายสมชาย ใจดี``)."""
        return " ".join(p for p in (self.title + self.first, self.middle, self.last) if p)

    @property
    def full_spaced(self) -> str:
        """Title, names, each separated by a space (``Mr. Somchai Jaidee``)."""
        return " ".join(p for p in (self.title, self.first, self.middle, self.last) if p)


_ADDRESS_PARTS = 8
_LANE, _SOI, _ROAD = "ตรอก", "ซอย", "ถนน"


@dataclass(frozen=True)
class Address:
    """The registered address (house registration), in the card's eight ``#`` parts.

    ``subdistrict``/``district``/``province`` are the last three parts (ตำบล/แขวง, อำเภอ/เขต,
    จังหวัด, with those words as the card holds them).  The middle parts are put where their
    own first word says (ตรอก, ซอย, ถนน) and by position otherwise.  ``parts`` keeps them all.
    """

    house_no: str
    village_no: str
    lane: str
    soi: str
    road: str
    subdistrict: str
    district: str
    province: str
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, raw: bytes) -> Address:
        parts = split_parts(decode_text(raw), _ADDRESS_PARTS)
        middle = {"lane": "", "soi": "", "road": ""}
        by_position = ("lane", "soi", "road")
        for i, part in enumerate(parts[2:5]):
            if not part:
                continue
            if part.startswith(_LANE):
                key = "lane"
            elif part.startswith(_SOI):
                key = "soi"
            elif part.startswith(_ROAD):
                key = "road"
            else:
                key = by_position[i]
            middle[key] = f"{middle[key]} {part}".strip()
        return cls(parts[0], parts[1], middle["lane"], middle["soi"], middle["road"],
                   parts[5], parts[6], parts[7], parts)

    @property
    def full(self) -> str:
        """The address on one line, the non-empty parts separated by spaces."""
        return " ".join(p for p in self.parts if p)
