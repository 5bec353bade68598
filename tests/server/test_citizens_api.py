from thai_civil.pid import check_digit

PID = "1101700203450"


def citizen(**over):
    body = {
        "pid": PID, "title_th": "นาย", "first_name_th": "สมชาย", "last_name_th": "ใจดี",
        "first_name_en": "Somchai", "last_name_en": "Jaidee",
        "birth_date": "27/06/2540", "sex": "M", "phone": "0812345678",
        "right_code": "UCS", "sub_right_code": "89", "main_hcode": "10662",
    }
    body.update(over)
    return body


def test_create_then_update_then_get(client):
    r = client.put(f"/api/v1/citizens/{PID}", json=citizen())
    assert r.status_code == 201, r.json()
    out = r.json()
    assert out["birth_date"] == "1997-06-27" and out["birth_date_be"] == "27/06/2540"
    # the app's clock is pinned to 22/11/2569
    assert out["age"]["text_th"] == "29 ปี 4 เดือน 26 วัน"
    assert out["right_name_th"].startswith("สิทธิหลักประกัน")

    r = client.put(f"/api/v1/citizens/{PID}", json=citizen(phone="0998887777", birth_date="1997-06-27"))
    assert r.status_code == 200
    assert client.get(f"/api/v1/citizens/{PID}").json()["phone"] == "0998887777"


def test_pid_with_dashes_is_normalised(client):
    dashed = f"{PID[0]}-{PID[1:5]}-{PID[5:10]}-{PID[10:12]}-{PID[12]}"
    assert client.put(f"/api/v1/citizens/{PID}", json=citizen(pid=dashed)).status_code == 201


def test_unknown_right_and_sub_right_refused(client):
    r = client.put(f"/api/v1/citizens/{PID}", json=citizen(right_code="XYZ", sub_right_code=None))
    assert (r.status_code, r.json()["code"]) == (422, "UNKNOWN_RIGHT")
    r = client.put(f"/api/v1/citizens/{PID}", json=citizen(sub_right_code="S1"))
    assert (r.status_code, r.json()["code"]) == (422, "UNKNOWN_SUB_RIGHT")
    assert client.get(f"/api/v1/citizens/{PID}").status_code == 404  # nothing half-written


def test_bad_fields_refused(client):
    assert client.put(f"/api/v1/citizens/{PID}", json=citizen(birth_date="27/06/1997")).json()["code"] == "INVALID_DATE"
    assert client.put(f"/api/v1/citizens/{PID}", json=citizen(birth_date="01/01/2570")).json()["code"] == "BIRTH_DATE_IN_FUTURE"
    assert client.put(f"/api/v1/citizens/{PID}", json=citizen(phone="12345")).json()["code"] == "VALIDATION_ERROR"
    other = "3" + "1" * 11
    other += str(check_digit(other))
    assert client.put(f"/api/v1/citizens/{other}", json=citizen()).json()["code"] == "PID_MISMATCH"


def test_search_by_name_and_pid_prefix(client):
    client.put(f"/api/v1/citizens/{PID}", json=citizen())
    assert client.get("/api/v1/citizens", params={"q": "สมชาย"}).json()["total"] >= 1
    assert client.get("/api/v1/citizens", params={"q": PID[:6]}).json()["items"][0]["pid"] == PID
    assert client.get("/api/v1/citizens", params={"q": "ไม่มีชื่อนี้"}).json() == {"items": [], "total": 0}
