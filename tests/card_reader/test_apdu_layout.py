"""The APDUs and the read plan, byte for byte."""
import itertools

import pytest

from card_reader.apdu import (
    CommandApdu,
    ResponseApdu,
    get_response,
    get_response_p2,
    read_binary,
    select_thai_id,
)
from card_reader.layout import FIELD_SPECS, FIELDS, Field, photo_commands


def h(text: str) -> bytes:
    return bytes.fromhex(text)


def test_select_the_moi_applet():
    assert select_thai_id().to_bytes() == h("00A4040008A000000054480001")


def test_reads_carry_the_length_as_data():
    assert read_binary(0x0004, 0x0D).to_bytes() == h("80B00004 02000D")
    assert read_binary(0x1579, 0x64).to_bytes() == h("80B01579 020064")


def test_get_response_variants_follow_the_atr():
    assert get_response_p2(h("3B6700007320006C689000")) == 0x01
    assert get_response_p2(h("3B6800000073C84012009000")) == 0x00
    assert get_response_p2(h("3B7818000073C84013009000")) == 0x00
    assert get_response(0x0D, 0x01).to_bytes() == h("00C000010D")
    assert get_response(0x64, 0x00).to_bytes() == h("00C0000064")


def test_field_offsets_and_lengths():
    expected = {
        Field.PID: (0x0004, 0x0D), Field.NAME_TH: (0x0011, 0x64), Field.NAME_EN: (0x0075, 0x64),
        Field.BIRTH_DATE: (0x00D9, 8), Field.SEX: (0x00E1, 1), Field.ISSUER: (0x00F6, 0x64),
        Field.ISSUE_DATE: (0x0167, 8), Field.EXPIRY_DATE: (0x016F, 8), Field.ADDRESS: (0x1579, 0xA0),
    }
    assert {f: (s.offset, s.length) for f, s in FIELD_SPECS.items()} == expected
    assert [s.field for s in FIELDS] == list(Field)


def test_photo_is_twenty_chunks_p1_up_p2_down():
    cmds = [c.to_bytes() for c in photo_commands()]
    assert len(cmds) == 20
    assert cmds[0] == h("80B0017B0200FF") and cmds[1] == h("80B0027A0200FF")
    assert cmds[-1] == h("80B014680200FF")
    for prev, nxt in itertools.pairwise(cmds):
        assert nxt[2] == prev[2] + 1 and nxt[3] == prev[3] - 1


def test_apdu_limits():
    with pytest.raises(ValueError):
        read_binary(0x8000, 1)
    with pytest.raises(ValueError):
        read_binary(0, 0)
    with pytest.raises(ValueError):
        CommandApdu(0x100, 0, 0, 0)
    with pytest.raises(ValueError):
        ResponseApdu.from_bytes(b"\x90")
    r = ResponseApdu.from_bytes(h("0102610D"))
    assert (r.data, r.sw1, r.sw2, r.sw_hex(), r.ok) == (b"\x01\x02", 0x61, 0x0D, "610D", False)
