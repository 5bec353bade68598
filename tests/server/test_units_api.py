"""HTTP API of the unit registry (the app's clock is pinned to Sunday 22/11/2569 10:00 Bangkok)."""
import pytest

from thai_civil.pid import generate_pid

BASE = "/api/v1/units"


def unit(hcode="88001", **over):
    body = {"hcode": hcode, "name": "ร้านยาทดสอบ", "unit_type": "PHARMACY", "address": "1 ถนนพระราม 4",
            "province": "กรุงเทพมหานคร", "phone_officer": "021111111", "latitude": 13.7563, "longitude": 100.5018}
    return {**body, **over}


def staff(**over):
    body = {"pid": generate_pid(), "title": "ภญ.", "first_name": "มาลี", "last_name": "ใจดี",
            "profession": "PHARMACIST", "licence_no": "ภ.12345", "start_date": "01/01/2569",
            "verification_status": "VERIFIED", "schedule": {"text": "MON-FRI 08:30-16:30"}}
    return {**body, **over}


def activate(client, hcode="88001"):
    for status in ("approved", "active"):
        r = client.post(f"{BASE}/{hcode}/status", json={"status": status, "by": "officer"})
        assert r.status_code == 200, r.json()


def test_unit_crud(client):
    r = client.post(BASE, json=unit())
    assert r.status_code == 201, r.json()
    assert r.json()["status"] == "applied" and r.json()["unit_type_name_th"] == "ร้านยา"
    assert client.post(BASE, json=unit()).json()["code"] == "UNIT_EXISTS"
    assert client.post(BASE, json=unit()).status_code == 409
    r = client.put(f"{BASE}/88001", json={**unit(), "name": "ร้านยาใหม่", "geofence_radius_m": 150})
    assert r.status_code == 200 and r.json()["name"] == "ร้านยาใหม่"
    assert client.get(f"{BASE}/88001").json()["geofence_radius_m"] == 150
    assert [u["hcode"] for u in client.get(BASE, params={"province": "กรุงเทพมหานคร"}).json()] == ["88001"]
    assert client.get(BASE, params={"province": "เชียงใหม่"}).json() == []


@pytest.mark.parametrize("over, status, code", [
    ({"hcode": "8800"}, 422, "VALIDATION_ERROR"),
    ({"unit_type": "SPACESHIP"}, 422, "UNKNOWN_UNIT_TYPE"),
    ({"latitude": 51.5, "longitude": -0.12}, 422, "INVALID_COORDINATES"),
    ({"longitude": None}, 422, "INVALID_COORDINATES"),
])
def test_invalid_units(client, over, status, code):
    r = client.post(BASE, json=unit(**over))
    assert (r.status_code, r.json()["code"]) == (status, code)
    assert r.json()["message_th"] and r.json()["message_en"]


def test_unknown_unit_is_404(client):
    for path in ("", "/staff", "/status-events", "/on-duty?profession=NURSE"):
        r = client.get(f"{BASE}/88999{path}")
        assert (r.status_code, r.json()["code"]) == (404, "UNIT_NOT_FOUND"), path
    # readiness answers rather than fails: the decision engine wants the reason
    assert client.get(f"{BASE}/88999/readiness").json()["reasons"][0]["code"] == "NOT_REGISTERED"


def test_status_lifecycle_and_history(client):
    client.post(BASE, json=unit())
    r = client.post(f"{BASE}/88001/status", json={"status": "active", "by": "officer"})
    assert (r.status_code, r.json()["code"]) == (409, "INVALID_STATUS_TRANSITION")
    assert r.json()["allowed"] == ["approved", "withdrawn"]
    activate(client)
    client.post(f"{BASE}/88001/status", json={"status": "suspended", "by": "officer", "reason": "complaint"})
    history = client.get(f"{BASE}/88001/status-events").json()
    assert [(e["from_status"], e["to_status"]) for e in history] == [
        (None, "applied"), ("applied", "approved"), ("approved", "active"), ("active", "suspended")]
    assert history[-1]["reason"] == "complaint"
    assert {e["changed_by"] for e in history} == {"user:root"}   # the caller's token, not the body's "by"


def test_readiness_lists_reasons_then_passes(client):
    client.post(BASE, json=unit(latitude=None, longitude=None))
    r = client.get(f"{BASE}/88001/readiness").json()
    assert not r["ready"]
    assert [x["code"] for x in r["reasons"]] == ["NOT_ACTIVE", "NO_COORDINATES", "NO_VERIFIED_STAFF"]
    assert all(x["message_th"] for x in r["reasons"])
    activate(client)
    client.put(f"{BASE}/88001", json=unit())
    client.post(f"{BASE}/88001/staff", json=staff())
    assert client.get(f"{BASE}/88001/readiness").json() == {
        "hcode": "88001", "at": "2026-11-22T03:00:00Z", "ready": True, "reasons": []}


def test_staff_crud_schedule_and_copy_to_all_days(client):
    client.post(BASE, json=unit())
    r = client.post(f"{BASE}/88001/staff", json=staff(registration_type="PART_TIME"))
    assert r.status_code == 201, r.json()
    member = r.json()
    assert member["pid_masked"].startswith("*********") and member["schedule"]["text"] == "MON-FRI 08:30-16:30"
    sid = member["id"]
    r = client.put(f"{BASE}/88001/staff/{sid}/schedule",
                   json={"days": {"MON": ["13:00-16:30", "08:30-12:00"], "HOL": ["09:00-12:00"]}})
    assert r.json()["schedule"]["days"] == {"MON": ["08:30-12:00", "13:00-16:30"], "HOL": ["09:00-12:00"]}
    r = client.put(f"{BASE}/88001/staff/{sid}/schedule", json={"copy_from": "MON"})
    assert r.json()["schedule"]["text"] == "MON-HOL 08:30-12:00,13:00-16:30"
    r = client.put(f"{BASE}/88001/staff/{sid}/schedule", json={"copy_from": "MON", "include_holidays": False})
    assert r.json()["schedule"]["text"] == "MON-SUN 08:30-12:00,13:00-16:30"
    assert client.get(f"{BASE}/88001/staff").json()[0]["id"] == sid
    assert client.delete(f"{BASE}/88001/staff/{sid}").status_code == 204
    r = client.get(f"{BASE}/88001/staff/{sid}")
    assert (r.status_code, r.json()["code"]) == (404, "STAFF_NOT_FOUND")


@pytest.mark.parametrize("over, code", [
    ({"schedule": {"text": "MON 22:00-06:00"}}, "INVALID_SCHEDULE"),
    ({"schedule": {"days": {"MON": ["08:00-12:00", "11:00-13:00"]}}}, "INVALID_SCHEDULE"),
    ({"schedule": {"days": {"MON": ["08:00-09:00", "10:00-11:00", "12:00-13:00"]}}}, "INVALID_SCHEDULE"),
    ({"licence_no": "12"}, "INVALID_LICENCE"),
    ({"profession": "DENTIST", "licence_no": "ท.1234"}, "PROFESSION_NOT_AT_UNIT_TYPE"),
    ({"profession": "ASTRONAUT"}, "UNKNOWN_PROFESSION"),
    ({"pid": "1234567890123"}, "INVALID_PID"),
])
def test_invalid_staff(client, over, code):
    client.post(BASE, json=unit())
    r = client.post(f"{BASE}/88001/staff", json=staff(**over))
    assert (r.status_code, r.json()["code"]) == (422, code)


def test_update_staff_conflict_and_end_date(client):
    client.post(BASE, json=unit())
    first = staff()
    a = client.post(f"{BASE}/88001/staff", json=first).json()
    b = client.post(f"{BASE}/88001/staff", json=staff()).json()
    r = client.put(f"{BASE}/88001/staff/{b['id']}", json={**staff(), "pid": first["pid"]})
    assert (r.status_code, r.json()["code"]) == (409, "STAFF_EXISTS")
    r = client.put(f"{BASE}/88001/staff/{a['id']}", json={**first, "end_date": "2026-12-31", "schedule": None})
    assert r.json()["end_date"] == "2026-12-31" and r.json()["schedule"]["text"] == "MON-FRI 08:30-16:30"


@pytest.mark.parametrize("at, names", [
    (None, ["weekend"]),                                      # Sunday 22/11 10:00 Bangkok (the app clock)
    ("2026-11-23T10:00:00", ["weekday"]),                     # naive = Bangkok: Monday 10:00
    ("2026-11-22T23:30:00Z", ["weekday"]),                    # UTC Sunday = Bangkok Monday 06:30
    ("2026-12-07T10:00:00+07:00", ["holiday"]),               # Monday, substitution public holiday
    ("2026-11-23T21:00:00+07:00", []),
])
def test_on_duty(client, at, names):
    client.post(BASE, json=unit())
    activate(client)
    for name, text in (("weekday", "MON-FRI 06:00-17:00"), ("weekend", "SAT,SUN 09:00-17:00"),
                       ("holiday", "HOL 08:00-12:00")):
        assert client.post(f"{BASE}/88001/staff", json=staff(first_name=name, schedule={"text": text})).status_code == 201
    params = {"profession": "pharmacist", **({"at": at} if at else {})}
    r = client.get(f"{BASE}/88001/on-duty", params=params)
    assert r.status_code == 200, r.json()
    assert [s["first_name"] for s in r.json()["staff"]] == names
    assert r.json()["holiday"] is (names == ["holiday"])


CSV = ("hcode,name,unit_type,address,province,latitude,longitude,geofence_radius_m,status\r\n"
       "88101,ร้านยาหนึ่ง,PHARMACY,1 ถนนสุขุมวิท,กรุงเทพมหานคร,13.7367,100.5600,100,active\r\n")


def test_csv_import_export(client):
    r = client.post(f"{BASE}/import.csv", files={"file": ("units.csv", ("\ufeff" + CSV).encode(), "text/csv")})
    assert r.status_code == 201, r.json()
    assert r.json() == {"imported": 1, "keys": ["88101"]}
    staff_csv = ("hcode,pid,title,first_name,last_name,profession,licence_no,start_date,verification_status,schedule\n"
                 f'88101,{generate_pid()},ภก.,สมชาย,ใจดี,PHARMACIST,ภ.12345,01/01/2569,VERIFIED,"ALL 08:00-20:00"\n')
    r = client.post(f"{BASE}/staff/import.csv", files={"file": ("staff.csv", staff_csv.encode(), "text/csv")})
    assert r.status_code == 201, r.json()
    assert client.get(f"{BASE}/88101/readiness").json()["ready"]
    r = client.get(f"{BASE}/export.csv")
    assert r.headers["content-type"].startswith("text/csv") and "88101,ร้านยาหนึ่ง" in r.text
    assert "MON-HOL 08:00-20:00" in client.get(f"{BASE}/staff/export.csv", params={"hcode": "88101"}).text


def test_csv_with_one_bad_row_saves_nothing(client):
    bad = CSV + "88102,คลินิก,SPACESHIP,2 ถนน,เชียงใหม่,,,,\r\n" + "8810,x,PHARMACY,3 ถนน,ภูเก็ต,,,,\r\n"
    r = client.post(f"{BASE}/import.csv", files={"file": ("units.csv", bad.encode(), "text/csv")})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "CSV_INVALID" and body["count"] == 2
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (3, "unit_type", "UNKNOWN_UNIT_TYPE"), (4, "hcode", "INVALID_HCODE")]
    assert client.get(f"{BASE}/88101").status_code == 404


def test_a_file_that_is_not_utf8_is_refused(client):
    r = client.post(f"{BASE}/import.csv", files={"file": ("units.csv", CSV.encode("tis-620"), "text/csv")})
    assert (r.status_code, r.json()["code"]) == (422, "CSV_INVALID")
    assert r.json()["errors"][0]["row"] == 1


def test_a_csv_over_the_size_limit_is_refused(client, monkeypatch):
    from server.api import units as units_api
    monkeypatch.setattr(units_api, "CSV_MAX_BYTES", 64)
    r = client.post(f"{BASE}/import.csv", files={"file": ("units.csv", CSV.encode(), "text/csv")})
    assert (r.status_code, r.json()["code"]) == (413, "CSV_TOO_LARGE")
    assert client.get(f"{BASE}/88101").status_code == 404


@pytest.mark.parametrize("path, code", [
    ("/88001/readiness?at=9999-12-31T23:59:00Z", "INVALID_DATETIME"),     # would overflow in Bangkok
    ("/88001/on-duty?profession=PHARMACIST&at=0001-01-01T00:00:00", "INVALID_DATETIME"),
    ("/88001/staff/99999999999999999999", "VALIDATION_ERROR"),            # larger than the id column
    ("/88001/staff/0", "VALIDATION_ERROR"),
])
def test_out_of_range_input_is_a_422_not_a_500(client, path, code):
    client.post(BASE, json=unit())
    r = client.get(f"{BASE}{path}")
    assert (r.status_code, r.json()["code"]) == (422, code)


def test_too_long_csv_values_are_reported_per_row(client):
    bad = CSV + f"88102,{'ร' * 201},PHARMACY,2 ถนน,เชียงใหม่,,,,\r\n"
    r = client.post(f"{BASE}/import.csv", files={"file": ("units.csv", bad.encode(), "text/csv")})
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert (error["row"], error["column"], error["code"]) == (3, "name", "INVALID_UNIT")
    assert "200" in error["message_th"] and "200" in error["message_en"]


def test_copying_an_empty_day_and_changing_to_an_unsuitable_unit_type_are_refused(client):
    client.post(BASE, json=unit())
    sid = client.post(f"{BASE}/88001/staff", json=staff()).json()["id"]
    r = client.put(f"{BASE}/88001/staff/{sid}/schedule", json={"copy_from": "SUN"})
    assert (r.status_code, r.json()["code"]) == (422, "INVALID_SCHEDULE")
    assert client.get(f"{BASE}/88001/staff/{sid}").json()["schedule"]["text"] == "MON-FRI 08:30-16:30"
    r = client.put(f"{BASE}/88001", json=unit(unit_type="DENTAL_CLINIC"))
    assert (r.status_code, r.json()["code"]) == (422, "PROFESSION_NOT_AT_UNIT_TYPE")
