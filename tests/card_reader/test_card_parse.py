"""From raw field bytes to ``ThaiIdCard``: validation, masking, status, the photo (no card needed).

The raw fields are cut from the test card image at its own offsets (``card_image``).
"""
from datetime import date

import pytest

from card_reader import CardError, CardStatus, DatePrecision, Sex, parse_card
from card_reader.layout import Field
from card_reader.photo import InvalidPhoto, extract_jpeg
from tests.card_reader import card_image as ci
from tests.card_reader.card_image import CardContents, build_image

SLICES = {
    Field.PID: (ci.PID_AT, 13), Field.NAME_TH: (ci.NAME_TH_AT, 100), Field.NAME_EN: (ci.NAME_EN_AT, 100),
    Field.BIRTH_DATE: (ci.BIRTH_AT, 8), Field.SEX: (ci.SEX_AT, 1), Field.ISSUER: (ci.ISSUER_AT, 100),
    Field.ISSUE_DATE: (ci.ISSUE_AT, 8), Field.EXPIRY_DATE: (ci.EXPIRY_AT, 8),
    Field.ADDRESS: (ci.ADDRESS_AT, 160),
}
JPEG = b"\xff\xd8\xff\xe0" + b"body" * 50 + b"\xff\xd9"


def raw_fields(contents: CardContents) -> dict[Field, bytes]:
    image = build_image(contents)
    return {f: image[at:at + n] for f, (at, n) in SLICES.items()}


def photo_area(contents: CardContents) -> bytes:
    return build_image(contents)[ci.PHOTO_AT:ci.PHOTO_AT + 20 * 255]


def test_every_field_parsed():
    c = CardContents(birth="25300415", issue="25650520", expiry="25740414", photo=JPEG)
    card = parse_card(raw_fields(c), photo_area(c))
    assert card.pid == c.pid
    assert (card.name_th.title, card.name_th.first, card.name_th.last) == ("นางสาว", "สมหญิง", "ทดสอบใจดี")
    assert card.name_en.full_spaced == "Miss Somying Thotsopjaidee"
    assert card.birth_date == date(1987, 4, 15) and card.birth_date_precision is DatePrecision.DAY
    assert card.sex is Sex.FEMALE and card.sex.thai == "หญิง"
    assert card.issuer == "ท้องถิ่นเขตบางรัก/กรุงเทพมหานคร"
    assert (card.issue_date, card.expiry_date) == (date(2022, 5, 20), date(2031, 4, 14))
    assert card.address.province == "จังหวัดนนทบุรี" and card.address.house_no == "123/45"
    assert card.photo == JPEG


def test_pid_is_masked_in_repr_and_dict():
    c = CardContents()
    card = parse_card(raw_fields(c))
    assert c.pid not in repr(card) and card.masked_pid in repr(card)
    assert card.to_dict()["pid"] == "*********" + c.pid[-4:]
    assert c.pid not in str(card.to_dict())
    assert card.to_dict(show_pid=True)["pid"] == c.pid


def test_bad_check_digit_is_invalid_data_without_the_pid():
    c = CardContents()
    bad = c.pid[:12] + str((int(c.pid[12]) + 1) % 10)
    with pytest.raises(CardError) as err:
        parse_card(raw_fields(c.but(pid=bad)))
    assert err.value.code == "CARD_DATA_INVALID" and err.value.details["field"] == "pid"
    assert bad not in str(err.value.to_dict())


@pytest.mark.parametrize("changes, field", [({"sex": "3"}, "sex"), ({"birth": "2530XX15"}, "birth_date"),
                                            ({"issue": "25650000"}, "issue_date"),
                                            ({"expiry": "25741399"}, "expiry_date")])
def test_invalid_fields_are_named(changes, field):
    with pytest.raises(CardError) as err:
        parse_card(raw_fields(CardContents(**changes)))
    assert err.value.code == "CARD_DATA_INVALID" and err.value.details["field"] == field
    assert err.value.message_th and err.value.message_en


def test_status_expired_valid_and_lifelong():
    card = parse_card(raw_fields(CardContents(expiry="25690101")))  # 1 Jan 2026
    assert card.status(date(2026, 1, 1)) is CardStatus.VALID  # still good on its expiry day
    assert card.status(date(2026, 1, 2)) is CardStatus.EXPIRED
    with pytest.raises(CardError) as err:
        card.require_valid(date(2026, 1, 2))
    assert err.value.code == "CARD_EXPIRED" and err.value.details["expiry"] == "2026-01-01"
    assert err.value.details["expiry_be"] == "01/01/2569" and "01/01/2569" in err.value.message_th
    assert card.require_valid(date(2025, 12, 31)) is card
    lifelong = parse_card(raw_fields(CardContents(expiry="99999999", birth="24800000")))
    assert lifelong.lifelong and lifelong.expiry_date is None
    assert lifelong.status(date(2100, 1, 1)) is CardStatus.VALID
    assert lifelong.birth_date == date(1937, 1, 1) and lifelong.birth_date_precision is DatePrecision.YEAR
    assert lifelong.to_dict()["expiry_date_th"] == "ตลอดชีพ"


def test_photo_trimmed_at_its_end_and_checked():
    assert extract_jpeg(JPEG + bytes(300)) == JPEG
    assert extract_jpeg(JPEG + b"\x20" * 30) == JPEG
    truncated = JPEG[:-2]
    assert extract_jpeg(truncated + bytes(40)) == truncated
    with pytest.raises(InvalidPhoto):
        extract_jpeg(bytes(5100))
    c = CardContents(photo=b"GIF89a" + bytes(100))
    with pytest.raises(CardError) as err:
        parse_card(raw_fields(c), photo_area(c))
    assert err.value.details["field"] == "photo"
