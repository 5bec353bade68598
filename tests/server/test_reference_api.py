"""Reference data for clients: service types, professions, and which professions of a unit are
on duty now (with the reason when nobody is)."""
from datetime import date

from sqlalchemy import select

from oss_registry.tables import Staff
from tests.server.conftest import bearer


def test_service_types_and_professions_are_listed(client, world):
    device = bearer(world.device[world.pharmacy])
    services = client.get("/api/v1/service-types", headers=device).json()
    assert {"PG0060001", "PG0070001"} <= {s["code"] for s in services}
    pp = next(s for s in services if s["code"] == "PG0070001")
    assert pp["prefix"] == "PP" and isinstance(pp["professions"], list) and pp["active"] is True
    professions = client.get("/api/v1/professions", headers=device).json()
    assert any(p["code"] == "PHARMACIST" and p["name_th"] for p in professions)
    assert client.get("/api/v1/service-types", headers={"Authorization": ""}).status_code == 401


def test_a_units_professions_with_who_is_on_duty(client, world, session):
    device = bearer(world.device[world.pharmacy])
    url = f"/api/v1/units/{world.pharmacy}/professions"
    now = client.get(url, headers=device).json()  # Sunday 10:00 Bangkok
    assert [p["code"] for p in now] == ["PHARMACIST"]  # what a pharmacy's type allows
    assert now[0]["on_duty"] is True and now[0]["staff_count"] == 1 and now[0]["reason"] is None
    night = client.get(url, params={"at": "2026-11-22T23:00:00+07:00"}, headers=device).json()
    assert night[0]["on_duty"] is False and night[0]["reason"]["code"] == "OFF_DUTY" and night[0]["reason"]["message_th"]
    staff = session.scalars(select(Staff).where(Staff.hcode == world.pharmacy)).one()
    staff.end_date = date(2026, 6, 30)
    session.commit()
    gone = client.get(url, headers=device).json()
    assert (gone[0]["on_duty"], gone[0]["staff_count"], gone[0]["reason"]["code"]) == (False, 0, "NO_STAFF")
    assert client.get(f"/api/v1/units/{world.clinic}/professions", headers=device).status_code == 403


def test_the_verification_policy_lists_are_served(client, world):
    policy = client.get("/api/v1/verification-policy", headers=bearer(world.device[world.pharmacy])).json()
    assert [g["id"] for g in policy["age_groups"]] == ["CHILD", "ADULT", "ELDER"]
    assert policy["age_groups"][1]["proxies"] == []  # adults prove presence themselves
    reasons = {r["code"]: r for r in policy["special_reasons"]}
    assert reasons["CHILD_UNDER_7"]["max_age"] == 6 and reasons["UNCONSCIOUS"]["name_th"] == "หมดสติ"
    assert reasons["FACE_PROBLEM"]["origin"] == "FVS"
    assert {c["code"] for c in policy["certifiers"]} == {"GUARDIAN", "CAREGIVER", "RECORDING_STAFF"}
    assert policy["rights"]["UCS"] == "ALLOW" and policy["rights"]["*"] == "REFUSE"
