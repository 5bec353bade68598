"""The APDUs of the Thai national ID applet: SELECT, READ BINARY (``80 B0``), GET RESPONSE.

The card speaks T=0: a read is answered ``61 xx`` ("xx bytes are waiting") and the bytes come
with GET RESPONSE ``00 C0 00 P2 xx``, where ``P2`` is ``01`` for cards whose ATR starts
``3B 67`` (the older chip) and ``00`` for the others.
"""
from __future__ import annotations

from dataclasses import dataclass

#: The Ministry of Interior's application identifier (DF name) on the card.
THAI_ID_AID = bytes.fromhex("A000000054480001")

SW_OK = 0x9000
SW1_MORE_DATA = 0x61  # 61 xx: xx bytes wait for GET RESPONSE
SW1_WRONG_LE = 0x6C  # 6C xx: repeat the command with Le = xx
SW_FILE_NOT_FOUND = 0x6A82

#: ATR prefix of the cards that want GET RESPONSE with P2 = 01.
ATR_PREFIX_P2_01 = bytes.fromhex("3B67")


@dataclass(frozen=True)
class CommandApdu:
    """A command: header, optional data (``Lc`` is derived) and optional ``Le``."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            if not 0 <= getattr(self, name) <= 0xFF:
                raise ValueError(f"{name} must be one byte")
        if len(self.data) > 255:
            raise ValueError("short APDUs carry at most 255 data bytes")
        if self.le is not None and not 0 <= self.le <= 0xFF:
            raise ValueError("Le must be one byte (0 means 256)")

    def to_bytes(self) -> bytes:
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le])
        return out

    def with_le(self, le: int) -> CommandApdu:
        return CommandApdu(self.cla, self.ins, self.p1, self.p2, self.data, le)

    def hex(self) -> str:
        return self.to_bytes().hex(" ").upper()


@dataclass(frozen=True)
class ResponseApdu:
    """A response: data and the status word ``SW1 SW2``."""

    data: bytes
    sw1: int
    sw2: int

    @classmethod
    def from_bytes(cls, raw: bytes) -> ResponseApdu:
        if len(raw) < 2:
            raise ValueError("a response needs at least the two status bytes")
        return cls(bytes(raw[:-2]), raw[-2], raw[-1])

    @property
    def sw(self) -> int:
        return (self.sw1 << 8) | self.sw2

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def sw_hex(self) -> str:
        return f"{self.sw:04X}"


def select_thai_id() -> CommandApdu:
    """``00 A4 04 00 08 A0 00 00 00 54 48 00 01``: select the ID applet by its DF name."""
    return CommandApdu(0x00, 0xA4, 0x04, 0x00, THAI_ID_AID)


def read_binary(offset: int, length: int) -> CommandApdu:
    """``80 B0 P1 P2 02 00 Le``: ``length`` bytes from ``offset`` (``P1 P2``).

    The card takes the wanted length as a two-byte data field (``00 Le``), not as a T=0 ``Le``.
    """
    if not 0 <= offset <= 0x7FFF:
        raise ValueError("offset must fit 15 bits")
    if not 1 <= length <= 0xFF:
        raise ValueError("read 1..255 bytes at a time")
    return CommandApdu(0x80, 0xB0, offset >> 8, offset & 0xFF, bytes([0x00, length]))


def get_response(length: int, p2: int) -> CommandApdu:
    """``00 C0 00 P2 Le``: fetch the ``length`` bytes a ``61 xx`` announced."""
    return CommandApdu(0x00, 0xC0, 0x00, p2, le=length & 0xFF)


def get_response_p2(atr: bytes) -> int:
    """``P2`` of GET RESPONSE for a card with this ATR: ``01`` after ``3B 67``, else ``00``."""
    return 0x01 if atr[:2] == ATR_PREFIX_P2_01 else 0x00
