"""``fvs units`` and ``fvs staff`` against a real SQLite file."""
import json

import pytest
from typer.testing import CliRunner

from server.cli.main import app
from server.settings import get_settings
from thai_civil.pid import generate_pid

runner = CliRunner()

UNITS = ("hcode,name,unit_type,address,province,latitude,longitude,status\n"
         "88201,ร้านยาซีแอลไอ,PHARMACY,1 ถนนพหลโยธิน,กรุงเทพมหานคร,13.80,100.55,active\n")


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    monkeypatch.setenv("FVS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FVS_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    yield tmp_path
    get_settings.cache_clear()


def _json(result):
    return json.loads(result.stdout)


def test_demo_unit_is_ready_and_has_a_pharmacist_every_day(cli_db):
    assert runner.invoke(app, ["demo", "load", "--citizens", "0"]).exit_code == 0
    result = runner.invoke(app, ["units", "ready", "77001", "--at", "2026-12-07T10:00:00+07:00"])
    assert result.exit_code == 0, result.output
    assert _json(result)["ready"] is True
    for at in ("2026-12-07T19:59", "2026-11-22T08:00", "2026-12-31T12:00"):   # holiday, Sunday, NYE
        result = runner.invoke(app, ["staff", "on-duty", "77001", "PHARMACIST", "--at", at])
        assert result.exit_code == 0, result.output
        assert len(_json(result)["staff"]) >= 1, at


def test_not_ready_exits_1_and_unknown_profession_fails_cleanly(cli_db):
    result = runner.invoke(app, ["units", "ready", "99999"])
    assert result.exit_code == 1 and _json(result)["reasons"][0]["code"] == "NOT_REGISTERED"
    result = runner.invoke(app, ["staff", "on-duty", "99999", "PHARMACIST"])
    assert result.exit_code == 2 and _json(result)["code"] == "UNIT_NOT_FOUND"
    result = runner.invoke(app, ["staff", "on-duty", "77001", "PHARMACIST", "--at", "yesterday"])
    assert result.exit_code == 2 and _json(result)["code"] == "INVALID_DATETIME"


def test_import_units_and_staff(cli_db):
    units = cli_db / "units.csv"
    units.write_text("\ufeff" + UNITS, encoding="utf-8")
    result = runner.invoke(app, ["units", "import", str(units)])
    assert result.exit_code == 0, result.output
    assert _json(result) == {"imported": 1, "keys": ["88201"]}
    staff = cli_db / "staff.csv"
    staff.write_text("hcode,pid,title,first_name,last_name,profession,licence_no,start_date,verification_status,"
                     f'schedule\n88201,{generate_pid()},ภญ.,มาลี,ใจดี,PHARMACIST,ภ.12345,01/01/2569,VERIFIED,'
                     '"ALL 08:00-20:00"\n', encoding="utf-8")
    result = runner.invoke(app, ["staff", "import", str(staff)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["units", "ready", "88201"]).exit_code == 0


def test_import_with_a_bad_row_writes_nothing(cli_db):
    bad = cli_db / "bad.csv"
    bad.write_text(UNITS + "88202,คลินิก,SPACESHIP,2 ถนน,เชียงใหม่,,,\n", encoding="utf-8")
    result = runner.invoke(app, ["units", "import", str(bad)])
    assert result.exit_code == 2
    body = _json(result)
    assert body["code"] == "CSV_INVALID"
    assert [(e["row"], e["code"]) for e in body["errors"]] == [(3, "UNKNOWN_UNIT_TYPE")]
    assert runner.invoke(app, ["units", "ready", "88201"]).exit_code == 1   # nothing landed
