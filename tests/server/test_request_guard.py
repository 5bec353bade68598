"""What a hostile client sends is refused with a 4xx, never a 500: oversized bodies, NUL
characters, unbounded numbers and dates, malformed PIDs; every answer carries protective headers
and a request id that cannot smuggle a citizen ID into the logs."""
from __future__ import annotations

import logging

import pytest

from server.settings import Settings
from tests.conftest import make_test_app
from tests.server.conftest import ADULT, bearer

NO_AUTH = {"Authorization": ""}


def test_a_huge_json_body_is_refused_before_it_is_read(client):
    body = b'{"username": "' + b"a" * (2 * 1024 * 1024) + b'", "password": "x"}'
    r = client.post("/api/v1/auth/login", content=body, headers={**NO_AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "PAYLOAD_TOO_LARGE"
    assert r.json()["limit_bytes"] == Settings().max_json_bytes


def test_a_chunked_body_is_counted(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 64 * 1024  # 2.5 MiB, no Content-Length

    r = client.post("/api/v1/auth/login", content=chunks(), headers={**NO_AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "PAYLOAD_TOO_LARGE"


def test_uploads_have_their_own_larger_limit(settings, session, world):
    app = make_test_app(settings.model_copy(update={"max_body_bytes": 200_000}), session)
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        files = {"file": ("units.csv", b"x" * 300_000, "text/csv")}
        r = c.post("/api/v1/units/import.csv", files=files, headers=bearer(world.nhso_admin))
        assert r.status_code == 413 and r.json()["limit_bytes"] == 200_000
        small = {"file": ("units.csv", b"hcode\n", "text/csv")}
        assert c.post("/api/v1/units/import.csv", files=small, headers=bearer(world.nhso_admin)).status_code == 422


@pytest.mark.parametrize("path", [
    "/api/v1/units?province=a%00b", "/api/v1/claims/A%00B", "/api/v1/units/99001/on-duty?profession=a%00b",
])
def test_nul_in_path_or_query_is_refused(client, world, path):
    r = client.get(path)
    assert r.status_code == 422 and r.json()["code"] == "INVALID_INPUT"


def test_nul_in_a_json_login_is_a_client_error(client):
    r = client.post("/api/v1/auth/login", json={"username": "a\u0000b", "password": "x"}, headers=NO_AUTH)
    assert r.status_code in (401, 422), r.text  # SQLite stores it (unknown user); PostgreSQL cannot (422)
    assert r.json()["code"] in ("BAD_CREDENTIALS", "INVALID_INPUT")


@pytest.mark.parametrize("query", [
    "offset=9223372036854775808", "offset=-1", "limit=100000",
])
def test_citizen_search_paging_is_bounded(client, query):
    assert client.get(f"/api/v1/citizens?{query}").status_code == 422


@pytest.mark.parametrize("path", ["/api/v1/claims", "/api/v1/reports/claims"])
@pytest.mark.parametrize("query", ["recorded_to=9999-12-31", "recorded_from=0001-01-01", "service_to=31/12/9999"])
def test_dates_outside_the_calendar_fvs_knows_are_refused(client, path, query):
    r = client.get(f"{path}?{query}")
    assert r.status_code == 422 and r.json()["code"] == "INVALID_DATE", r.text


def test_faces_verify_validates_and_normalises_the_pid(client, world):
    r = client.post("/api/v1/faces/verify", data={"pid": "123"}, files={"photo": ("p.jpg", b"x", "image/jpeg")})
    assert r.status_code == 422 and r.json()["code"] == "INVALID_PID"
    dashed = f"{ADULT[0]}-{ADULT[1:5]}-{ADULT[5:10]}-{ADULT[10:12]}-{ADULT[12]}"
    r = client.post("/api/v1/faces/verify", data={"pid": dashed}, files={"photo": ("p.jpg", b"x", "image/jpeg")})
    # the PID was accepted (and normalised); what fails now is the face service itself
    assert r.json()["code"] == "MODEL_UNAVAILABLE", r.text


def test_protective_headers_and_no_server_banner(client):
    r = client.get("/api/v1/auth/me")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    assert "server" not in r.headers
    assert client.get("/healthz").headers.get("cache-control") is None  # only /api answers are no-store


def test_a_request_id_that_looks_like_a_pid_is_replaced(client):
    assert client.get("/healthz", headers={"X-Request-ID": "trace-42"}).headers["x-request-id"] == "trace-42"
    assert client.get("/healthz", headers={"X-Request-ID": ADULT}).headers["x-request-id"] != ADULT


def test_a_pid_written_with_separators_is_masked_in_the_access_log(client, world, caplog):
    dashed = f"{ADULT[0]}-{ADULT[1:5]}-{ADULT[5:10]}-{ADULT[10:12]}-{ADULT[12]}"
    with caplog.at_level(logging.INFO):
        client.get(f"/api/v1/citizens/{dashed}")
    text = "\n".join(r.getMessage() + " " + str(getattr(r, "path", "")) for r in caplog.records)
    assert dashed not in text and ADULT not in text
    assert f"*********{ADULT[-4:]}" in text
