"""``fvs card`` (``server/cli/card.py``) through typer's CliRunner against the virtual card."""
import json

from typer.testing import CliRunner

from server.cli.card import app
from tests.card_reader.conftest import READER

runner = CliRunner()


def test_read_json_masks_the_pid_and_saves_the_photo(insert_card, contents, tmp_path):
    insert_card(contents)
    photo = tmp_path / "card.jpg"
    res = runner.invoke(app, ["read", "--json", "--reader", READER, "--photo", str(photo)])
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert contents.pid not in res.stdout
    assert body["card"]["pid"] == "*********" + contents.pid[-4:]
    assert body["reader"] == READER and body["status"] == "valid"
    assert body["card"]["name_th"]["full"] == "นางสาวสมหญิง ทดสอบใจดี"
    assert body["card"]["birth_date"] == "1987-04-15" and body["card"]["birth_date_th"] == "15/04/2530"
    assert body["card"]["sex"] == "female" and body["card"]["issuer"] == contents.issuer
    assert body["card"]["address"]["province"] == "จังหวัดนนทบุรี"
    assert body["card"]["photo_bytes"] == len(contents.photo) and body["photo_file"] == str(photo)
    assert photo.read_bytes() == contents.photo


def test_show_pid_and_text_output(insert_card, contents):
    insert_card(contents)
    shown = runner.invoke(app, ["read", "--json", "--show-pid"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["card"]["pid"] == contents.pid
    text = runner.invoke(app, ["read"])
    assert text.exit_code == 0
    assert contents.pid not in text.stdout and contents.pid[-4:] in text.stdout
    assert "นางสาวสมหญิง ทดสอบใจดี" in text.stdout and "not read" in text.stdout


def test_readers_lists_the_virtual_reader(insert_card, contents):
    insert_card(contents)
    res = runner.invoke(app, ["readers", "--json"])
    readers = {r["name"]: r for r in json.loads(res.stdout)["readers"]}
    assert readers[READER]["card_present"] and readers[READER]["atr"].startswith("3B 68")
    plain = runner.invoke(app, ["readers"])
    assert f"{READER}\tcard" in plain.stdout


def test_errors_print_the_uniform_body_and_exit_2(pcsc_context):
    res = runner.invoke(app, ["read", "--json", "--reader", READER])
    assert res.exit_code == 2
    body = json.loads(res.stdout)
    assert body["code"] == "CARD_ABSENT" and body["message_th"] and body["message_en"]


def test_refuse_expired(insert_card, contents):
    insert_card(contents.but(issue="25580101", expiry="25660101"))
    flagged = runner.invoke(app, ["read", "--json"])
    assert flagged.exit_code == 0 and json.loads(flagged.stdout)["status"] == "expired"
    refused = runner.invoke(app, ["read", "--json", "--refuse-expired"])
    assert refused.exit_code == 2
    body = json.loads(refused.stdout)
    assert body["code"] == "CARD_EXPIRED" and body["expiry"] == "2023-01-01"
    assert contents.pid not in refused.stdout
