"""Every 4xx answer has the uniform body with a stable code and Thai + English messages."""
import pytest


def _assert_uniform(body):
    assert set(body) >= {"code", "message_th", "message_en"}
    assert body["code"].isupper()
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in body["message_th"])  # Thai script
    assert body["message_en"]


@pytest.mark.parametrize("pid", ["1234567890123", "123", "abcdefghijklm", "0101700203453"])
def test_invalid_pid_in_path_is_422_invalid_pid(client, pid):
    r = client.get(f"/api/v1/citizens/{pid}")
    assert r.status_code == 422
    body = r.json()
    _assert_uniform(body)
    assert body["code"] == "INVALID_PID"
    assert body["errors"][0]["field"] == "pid"


def test_invalid_pid_in_body_is_422_invalid_pid(client):
    payload = {
        "pid": "1101700203451", "title_th": "นาย", "first_name_th": "ก", "last_name_th": "ข",
        "birth_date": "01/01/2530", "sex": "M", "right_code": "UCS",
    }
    r = client.put("/api/v1/citizens/1101700203450", json=payload)
    assert r.status_code == 422
    assert r.json()["code"] == "INVALID_PID"


@pytest.mark.parametrize(
    "method, path, status, code",
    [
        ("get", "/no/such/path", 404, "NOT_FOUND"),
        ("delete", "/healthz", 405, "METHOD_NOT_ALLOWED"),
        ("get", "/api/v1/citizens?limit=0", 422, "VALIDATION_ERROR"),
    ],
)
def test_framework_errors_use_the_uniform_body(client, method, path, status, code):
    r = getattr(client, method)(path)
    assert r.status_code == status
    _assert_uniform(r.json())
    assert r.json()["code"] == code


def test_malformed_json_is_422_not_500(client):
    r = client.put(
        "/api/v1/citizens/1101700203450", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    _assert_uniform(r.json())


def test_request_id_is_echoed_or_made(client):
    assert client.get("/healthz", headers={"x-request-id": "abc-123"}).headers["x-request-id"] == "abc-123"
    made = client.get("/healthz", headers={"x-request-id": "bad id with spaces"}).headers["x-request-id"]
    assert made != "bad id with spaces" and len(made) == 32


def test_a_unique_constraint_race_is_409_not_500(app, client):
    from sqlalchemy.exc import IntegrityError

    def racing_insert():
        raise IntegrityError("INSERT INTO units ...", {}, Exception("duplicate key value violates unique constraint"))

    app.add_api_route("/_test/race", racing_insert, methods=["POST"])
    r = client.post("/_test/race")
    assert (r.status_code, r.json()["code"]) == (409, "CONFLICT") and r.json()["message_th"]
