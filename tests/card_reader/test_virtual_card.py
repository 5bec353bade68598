"""Reading through the real pcscd + vpcd from the card emulator: every field, both GET RESPONSE
variants, and each way a read goes wrong."""
import json
from datetime import date

import pytest

from card_reader import CardError, CardStatus, DatePrecision, Sex, list_readers, read_card
from card_reader.channel import ApduChannel
from card_reader.pcsc import PcscContext
from card_reader.reader import read_fields
from tests.card_reader.card_image import ATR_3B67, ATR_3B68, REQUEST_NO, be_yyyymmdd
from tests.card_reader.conftest import READER, run_cli


def card_error(**kwargs) -> CardError:
    with pytest.raises(CardError) as err:
        read_card(**kwargs)
    return err.value


@pytest.mark.parametrize("atr", [ATR_3B68, ATR_3B67], ids=["get-response-p2-00", "get-response-p2-01"])
def test_full_read_every_field(insert_card, contents, atr):
    insert_card(contents, atr=atr)
    reading = read_card(READER, photo=True)
    card = reading.card
    assert reading.reader == READER and reading.atr == atr
    assert reading.status is CardStatus.VALID and not reading.expired
    assert card.pid == contents.pid
    for name, written in ((card.name_th, contents.name_th), (card.name_en, contents.name_en)):
        assert (name.title, name.first, name.middle, name.last) == tuple(written.split("#"))
    assert card.birth_date == date(1987, 4, 15) and card.birth_date_precision is DatePrecision.DAY
    assert card.sex is Sex.FEMALE
    assert card.issuer == contents.issuer and REQUEST_NO.decode() not in card.issuer
    assert be_yyyymmdd(card.issue_date) == contents.issue
    assert card.expiry_date is not None and be_yyyymmdd(card.expiry_date) == contents.expiry
    assert "#".join(card.address.parts) == contents.address
    assert card.address.soi == "ซอยสุขใจ" and card.address.district == "อำเภอเมืองนนทบุรี"
    assert card.photo == contents.photo  # byte for byte what the card served, padding trimmed


def test_a_card_that_announces_too_much_gets_the_length_it_asks_for(insert_card, contents):
    """61 FF for a 13-byte read: GET RESPONSE 00 C0 00 00 FF is answered 6C 0D and repeated."""
    insert_card(contents, announce_255=True)
    card = read_card(READER, photo=True).card
    assert card.pid == contents.pid and card.issuer == contents.issuer
    assert card.photo == contents.photo


def test_first_reader_with_a_card_is_chosen_and_listed(insert_card, contents):
    insert_card(contents)
    listed = {r.name: r for r in list_readers()}
    assert listed[READER].card_present and listed[READER].atr == ATR_3B68
    reading = read_card()
    assert reading.reader == READER and reading.card.pid == contents.pid
    assert reading.card.photo is None


def test_without_photo_flag_no_photo_chunk_is_read(insert_card, contents):
    card = insert_card(contents, vanish_at=0)  # would leave the reader at the first photo read
    assert read_card(READER).card.pid == contents.pid
    assert card.exited(within_s=0.5) is None  # still in the reader: no photo APDU was sent


def test_the_wrong_get_response_variant_is_refused_by_the_card(insert_card, contents):
    """The rig is strict: a 3B 67 card answers 6A 86 to GET RESPONSE with P2 = 00, so the
    passing 3B 67 read above really used P2 = 01."""
    insert_card(contents, atr=ATR_3B67)
    with PcscContext() as context:
        handle = context.connect(READER)
        try:
            channel = ApduChannel(handle)
            assert channel.get_response_p2 == 0x01
            channel.get_response_p2 = 0x00
            with pytest.raises(CardError) as err:
                read_fields(channel)
        finally:
            handle.disconnect()
    assert err.value.code == "CARD_TRANSMISSION_FAILED" and err.value.details["sw"] == "6A86"
    assert err.value.details["step"] == "pid"


def test_no_card_in_the_reader(pcsc_context):
    assert not {r.name: r for r in list_readers()}[READER].card_present
    err = card_error(reader=READER)
    assert err.code == "CARD_ABSENT" and err.details["reader"] == READER
    assert card_error().code == "CARD_ABSENT"


def test_unknown_reader_name(pcsc_context):
    err = card_error(reader="No Such Reader 99")
    assert err.code == "CARD_READER_NOT_FOUND" and READER in err.details["readers"]
    assert "No Such Reader 99" in err.message_en and "No Such Reader 99" in err.message_th


def test_no_reader_at_all(empty_pcscd):
    res = run_cli(["read", "--json"], PCSCLITE_CSOCK_NAME=empty_pcscd)
    assert res.returncode == 2, res.stderr
    body = json.loads(res.stdout)
    assert body["code"] == "CARD_NO_READER" and body["message_th"] and body["message_en"]
    listed = run_cli(["readers", "--json"], PCSCLITE_CSOCK_NAME=empty_pcscd)
    assert listed.returncode == 0 and json.loads(listed.stdout) == {"readers": []}


def test_no_pcsc_service(tmp_path):
    res = run_cli(["readers"], PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    assert res.returncode == 2
    assert json.loads(res.stdout)["code"] == "CARD_SERVICE_UNAVAILABLE"


def test_card_removed_while_the_photo_is_read(insert_card, contents):
    card = insert_card(contents, vanish_at=3)
    err = card_error(reader=READER, photo=True)
    assert err.code == "CARD_REMOVED" and err.details["step"] == "photo 4/20"
    assert card.exited() == 0  # the emulator really left


def test_unknown_card_select_fails(insert_card, contents):
    insert_card(contents, select_sw="6A82")
    err = card_error(reader=READER)
    assert err.code == "CARD_UNKNOWN" and err.details["sw"] == "6A82"


def test_expired_card_is_read_and_flagged_or_refused(insert_card, contents):
    insert_card(contents.but(issue="25580101", expiry="25660101"))  # expired 1 Jan 2023
    reading = read_card(READER)
    assert reading.status is CardStatus.EXPIRED and reading.expired
    assert reading.card.expiry_date == date(2023, 1, 1)
    assert reading.to_dict()["status"] == "expired"
    err = card_error(reader=READER, refuse_expired=True)
    assert err.code == "CARD_EXPIRED" and err.details["expiry"] == "2023-01-01"
    assert err.details["pid"] == "*********" + contents.pid[-4:]
    # a day before expiry the same card is in force
    assert read_card(READER, today=date(2022, 12, 31)).status is CardStatus.VALID


def test_lifelong_card_with_unknown_birth_day_and_month(insert_card, contents):
    insert_card(contents.but(birth="24800000", expiry="99999999"))
    reading = read_card(READER)
    assert reading.status is CardStatus.VALID and reading.card.lifelong
    assert reading.card.birth_date == date(1937, 1, 1)
    assert reading.card.birth_date_precision is DatePrecision.YEAR


def test_a_long_address_is_read_whole(insert_card, contents):
    address = ("1234/567#หมู่ที่ 12#ตรอกวัดใหม่#ซอยเพชรเกษม 69#ถนนเพชรเกษม#ตำบลประตูชัย"
               "#อำเภอพระนครศรีอยุธยา#จังหวัดพระนครศรีอยุธยา")
    assert 100 < len(address.encode("tis-620")) <= 160
    insert_card(contents.but(address=address))
    card = read_card(READER).card
    assert "#".join(card.address.parts) == address
    assert card.address.province == "จังหวัดพระนครศรีอยุธยา" and card.address.lane == "ตรอกวัดใหม่"


def test_a_card_with_a_bad_pid_is_invalid_data(insert_card, contents):
    pid = contents.pid
    insert_card(contents.but(pid=pid[:12] + str((int(pid[12]) + 1) % 10)))
    err = card_error(reader=READER)
    assert err.code == "CARD_DATA_INVALID" and err.details["field"] == "pid"
