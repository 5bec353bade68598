"""TIS-620 text, '#' parts, names, addresses and Buddhist Era card dates (no card needed)."""
from datetime import date

import pytest

from card_reader.dates import DatePrecision, InvalidCardDate, parse_card_date, parse_expiry
from card_reader.text import Address, PersonName, decode_text, split_parts


def tis(text: str, pad_to: int = 100, pad: bytes = b" ") -> bytes:
    raw = text.encode("tis-620")
    return raw + pad * (pad_to - len(raw))


def test_tis620_is_decoded_and_padding_dropped():
    assert decode_text(tis("นายสมชาย")) == "นายสมชาย"
    assert decode_text(tis("ก", 10, b"\x00")) == "ก"
    assert decode_text("ไทย".encode("tis-620")) != "ไทย".encode("tis-620").decode("latin-1")


def test_bytes_outside_tis620_become_replacement_characters():
    assert decode_text(b"\xa1\xfc\xa2") == "ก\ufffdข"


def test_split_parts_keeps_empty_middle_and_pads_missing():
    assert split_parts("นาย#สมชาย##ใจดี", 4) == ("นาย", "สมชาย", "", "ใจดี")
    assert split_parts("นาย#สมชาย", 4) == ("นาย", "สมชาย", "", "")
    assert split_parts("a#b#c#d#e", 4) == ("a", "b", "c", "d e")
    with pytest.raises(ValueError):
        split_parts("a", 0)


def test_person_names_thai_and_english():
    th = PersonName.parse(tis("นาง#มาลี#วรรณ#ศรีสุข"))
    assert (th.title, th.first, th.middle, th.last) == ("นาง", "มาลี", "วรรณ", "ศรีสุข")
    assert th.full == "นางมาลี วรรณ ศรีสุข"
    en = PersonName.parse(tis("Mr.#Somchai##Jaidee"))
    assert en.middle == "" and en.full_spaced == "Mr. Somchai Jaidee"


def test_address_parts_by_position_and_by_their_own_words():
    a = Address.parse(tis("99#หมู่ที่ 3#ตรอกวัด##ถนนสุขุมวิท#แขวงคลองเตย#เขตคลองเตย#กรุงเทพมหานคร", 160))
    assert (a.house_no, a.village_no) == ("99", "หมู่ที่ 3")
    assert (a.lane, a.soi, a.road) == ("ตรอกวัด", "", "ถนนสุขุมวิท")
    assert (a.subdistrict, a.district, a.province) == ("แขวงคลองเตย", "เขตคลองเตย", "กรุงเทพมหานคร")
    # a soi written in the lane's place is still a soi
    b = Address.parse(tis("10##ซอยสุขใจ###ตำบลบางกระสอ#อำเภอเมืองนนทบุรี#จังหวัดนนทบุรี"))
    assert (b.lane, b.soi, b.road) == ("", "ซอยสุขใจ", "")
    assert b.full == "10 ซอยสุขใจ ตำบลบางกระสอ อำเภอเมืองนนทบุรี จังหวัดนนทบุรี"
    assert len(b.parts) == 8


def test_be_dates_convert_to_the_christian_era():
    d = parse_card_date("25300415")
    assert d.value == date(1987, 4, 15) and d.precision is DatePrecision.DAY
    assert d.thai() == "15/04/2530" and d.iso() == "1987-04-15" and d.be_year == 2530
    assert parse_card_date("25430229").value == date(2000, 2, 29)


def test_unknown_day_or_month_follow_civil_code_s16():
    month_only = parse_card_date("25300400", allow_partial=True)
    assert month_only.value == date(1987, 4, 1) and month_only.precision is DatePrecision.MONTH
    assert month_only.iso() == "1987-04" and month_only.thai() == "เดือน เมษายน 2530"
    year_only = parse_card_date("25300000", allow_partial=True)
    assert year_only.value == date(1987, 1, 1) and year_only.precision is DatePrecision.YEAR
    assert year_only.iso() == "1987" and year_only.thai() == "ปี 2530"
    assert parse_card_date("25300015", allow_partial=True).precision is DatePrecision.YEAR


@pytest.mark.parametrize("text", ["2530041", "abcdefgh", "25301332", "25440229", "19870415", "25301300"])
def test_bad_dates_are_refused(text):
    with pytest.raises(InvalidCardDate):
        parse_card_date(text, allow_partial=True)


def test_partial_dates_only_where_allowed():
    with pytest.raises(InvalidCardDate):
        parse_card_date("25300400")


def test_lifelong_expiry():
    assert parse_expiry("99999999") is None
    assert parse_expiry("25740414") == date(2031, 4, 14)
