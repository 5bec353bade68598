"""Screens one by one on the real app and server: pairing by QR, a refused token, professions off
duty, live ID validation, GPS freshness and mock flag, text size and language switches."""
from __future__ import annotations

import json
import re
import stat

import cv2

from fvs_app.gps.fixed import FixedGps
from tests.fvs_app.conftest import World
from tests.fvs_app.flows import image_camera, pair, tap_digits, to_citizen
from tests.fvs_app.kivy_driver import ARTIFACTS, Driver
from tests.fvs_app.live_server import PEOPLE, UNIT, UNIT_POINT


def qr_image(text: str, name: str):
    modules = cv2.QRCodeEncoder.create().encode(text)
    image = cv2.resize(modules, None, fx=12, fy=12, interpolation=cv2.INTER_NEAREST)
    image = cv2.copyMakeBorder(image, 60, 60, 60, 60, cv2.BORDER_CONSTANT, value=255)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    return path


def test_pairing_by_the_console_qr_is_stored_privately_and_shows_readiness(ui: Driver, world: World) -> None:
    screen = ui.screen("pairing")
    ui.screenshot("00-pairing-empty")
    image_camera(ui, qr_image(json.dumps({"url": world.proxy.url, "token": world.token}), "console-qr.png"))
    ui.tap(screen.ids.scan)
    ui.wait(lambda: screen.checked, "paired through the QR")
    assert screen.ready and ui.app.hcode == UNIT and ui.app.unit_name in screen.ids.unit.text
    assert screen.ids.status.text == "พร้อมให้บริการยืนยันตัวตน"
    stored = ui.app.store.path
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert json.loads(stored.read_text())["token"] == world.token
    ui.screenshot("01-pairing-ready")

    ui.tap(screen.ids.forget)
    assert ui.app.store.load() is None and not ui.app.paired and screen.ids.start.disabled


def test_a_wrong_token_is_refused_with_the_server_reason(ui: Driver, world: World) -> None:
    screen = pair(ui, world.proxy.url, "fvs_dev_not-a-real-token")
    assert not screen.checked and screen.message_kind == "error" and screen.ids.start.disabled
    assert screen.message and screen.message.isascii() is False  # the server's Thai message
    assert ui.app.store.load() is None
    ui.screenshot("01b-pairing-refused")


def test_professions_off_duty_are_disabled_with_the_reason(ui: Driver, world: World) -> None:
    token = world.server.call("POST", "/units/77006/device-tokens", json={"name": "lab tablet"})["token"]
    screen = pair(ui, world.proxy.url, token)
    assert screen.checked
    ui.tap(screen.ids.start)
    prof = ui.screen("profession")
    ui.wait(lambda: prof.professions and not prof.busy, "professions")
    by_code = {b.profession_code: b for b in prof.ids.list.children if hasattr(b, "profession_code")}
    physician = next(p for p in prof.professions if p["code"] == "PHYSICIAN")
    assert physician["on_duty"] is False and physician["reason"]["code"] == "NO_STAFF"
    assert by_code["PHYSICIAN"].disabled
    notes = [w.text for w in prof.ids.list.children if not hasattr(w, "profession_code")]
    assert physician["reason"]["message_th"] in notes
    for item in prof.professions:
        assert by_code[item["code"]].disabled is (not item["on_duty"])
    ui.screenshot("02-profession")


def test_the_citizen_id_is_checked_while_it_is_typed(ui: Driver, world: World) -> None:
    to_citizen(ui, world.proxy.url, world.token)
    screen = ui.screen("citizen")
    pid = world.with_phone.pid
    tap_digits(ui, pid[:12])
    assert screen.state == "INCOMPLETE" and "12/13" in screen.ids.pid_state.text
    wrong = str((int(pid[12]) + 1) % 10)
    tap_digits(ui, wrong)
    assert screen.state == "BAD_CHECK_DIGIT" and screen.ids.next.disabled and not screen.citizen
    ui.screenshot("03a-citizen-bad-check-digit")
    ui.tap(screen.ids.pad.keys["del"])
    tap_digits(ui, pid[12])
    ui.wait(lambda: screen.citizen.get("pid") == pid, "the person panel")
    assert screen.ids.pid.text == f"{pid[0]}-{pid[1:5]}-{pid[5:10]}-{pid[10:12]}-{pid[12]}"
    assert not screen.ids.next.disabled


def test_a_stale_fix_blocks_capture_and_a_mock_fix_is_flagged(ui: Driver, world: World) -> None:
    to_citizen(ui, world.proxy.url, world.token)
    screen = ui.screen("citizen")
    tap_digits(ui, world.with_phone.pid)
    ui.wait(lambda: screen.citizen.get("pid") == world.with_phone.pid, "the person panel")
    ui.app.gps = FixedGps(*UNIT_POINT, accuracy_m=8.0, age_s=600)
    ui.app.gps.start()
    ui.tap(screen.ids.next)
    location = ui.screen("location")
    ui.wait(lambda: ui.app.screens.current == "location" and location.message_kind == "error", "the stale fix")
    assert not location.fresh and location.ids.next.disabled
    assert "เก่าเกินไป" in location.ids.status.text
    shown_age = re.search(r"วัดเมื่อ (\d+) วินาทีที่แล้ว", location.ids.fix.text)
    assert shown_age and 600 <= int(shown_age.group(1)) < 660  # the screen refreshes the age as it grows
    ui.screenshot("04a-location-stale")

    ui.app.gps = FixedGps(*UNIT_POINT, accuracy_m=8.0, mocked=True)
    ui.tap(location.ids.refresh)
    ui.wait(lambda: location.mocked, "the mock flag")
    assert location.fresh and "mock" in location.ids.status.text
    ui.screenshot("04b-location-mocked")
    ui.app.gps = FixedGps(*UNIT_POINT, accuracy_m=8.0)
    ui.tap(location.ids.refresh)
    ui.wait(lambda: location.message_kind == "ok" and not location.mocked, "a sound fix")
    ui.screenshot("04-location")
    ui.tap(location.ids.next)
    ui.wait(lambda: ui.app.screens.current == "capture", "capture screen")

    capture = ui.screen("capture")
    camera = image_camera(ui, PEOPLE / "obama" / "obama2.jpg")
    ui.app.gps = FixedGps(*UNIT_POINT, accuracy_m=8.0, age_s=900)  # the fix went stale meanwhile
    ui.app.gps.start()
    ui.tap(capture.ids.capture)
    ui.wait(lambda: capture.message_kind == "error", "capture refused")
    assert capture.phase == "preview" and "GPS" in capture.ids.status.text
    assert camera.position == 0                                    # no photo was taken
    ui.screenshot("05a-capture-refused-stale-gps")


def test_text_size_and_language_switches(ui: Driver, world: World) -> None:
    pair(ui, world.proxy.url, world.token)
    bar = ui.app.root.ids.bar.ids
    title = ui.screen("pairing").ids.unit
    normal = title.font_size
    ui.tap(bar.size_l)
    assert ui.app.font_scale == 1.5 and title.font_size == normal * 1.5
    ui.screenshot("12-text-size-large")
    ui.tap(bar.size_m)
    assert title.font_size == normal * 1.25
    ui.tap(bar.lang)
    assert ui.app.lang == "en" and ui.screen("pairing").ids.start.text == "Start"
    assert ui.screen("pairing").ids.status.text == "Ready to verify"
    assert ui.screen("pairing").ids.unit.text.startswith("Unit: ")
    ui.screenshot("13-english")
    ui.tap(bar.lang)
    assert ui.screen("pairing").ids.start.text == "เริ่มให้บริการ"
