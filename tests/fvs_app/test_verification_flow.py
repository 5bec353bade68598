"""The whole walk-in on the real app against a real server: pair → profession → citizen → GPS →
capture with the head-turn challenge → the claim code; an impostor refused with the next step;
the network cut while the server answers → an honest message, then the same claim."""
from __future__ import annotations

from tests.fvs_app.conftest import World
from tests.fvs_app.flows import (
    capture_and_wait,
    enter_citizen,
    follow_instructions,
    to_capture,
    to_citizen,
)
from tests.fvs_app.kivy_driver import Driver
from tests.fvs_app.live_server import challenges_offered, claims_of

VERIFY_LINE = b"POST /api/v1/verifications/face HTTP/1.1"


def test_a_citizen_is_verified_and_gets_the_claim_code(ui: Driver, world: World) -> None:
    citizen = world.with_phone
    to_citizen(ui, world.proxy.url, world.token)
    screen = enter_citizen(ui, citizen, "PG0070001")
    assert screen.phone == citizen.phone and screen.phone_known  # the known phone is filled in
    assert citizen.name_th.split()[0] in screen.ids.person.text and "ปี" in screen.ids.person.text
    ui.screenshot("03-citizen")
    to_capture(ui)
    camera = follow_instructions(ui, "obama")
    ui.wait(lambda: ui.screen("capture").hint == "hint.ok", "the on-tablet face hint")
    ui.screenshot("05-capture")
    result = capture_and_wait(ui, challenge_shot="06-capture-challenge")
    ui.screenshot("07-result-claim")

    assert result.outcome == "ISSUED", (result.title, result.details, result.reasons)
    issued = claims_of(world.server, citizen.pid)
    assert [c["code"] for c in issued] == [result.code] == [result.ids.code.text]
    assert issued[0]["method"] == "FACE_1TO1" and issued[0]["service_type"] == "PG0070001"
    assert issued[0]["phone"] == citizen.phone
    if challenges_offered(world.server, world.token):       # active liveness: frames answered the challenge
        steps = ui.screen("capture").steps
        assert steps and camera.taken == ["photo", "hold", *steps] and ui.app.visit.challenge_id
    else:                                                   # a server without it: the photo alone
        assert camera.taken == ["photo"] and not ui.app.visit.frames
    assert "PG0070001" in result.details and world.server.url not in result.details

    ui.tap(ui.app.root.ids.bar.ids.today)
    today = ui.screen("today")
    ui.wait(lambda: today.total >= 1 and not today.busy, "today's claims")
    assert result.code in [c["code"] for c in today.claims]
    ui.screenshot("08-today")
    ui.type_into(today.ids.pid, citizen.pid)
    ui.tap(today.ids.find)
    ui.wait(lambda: not today.busy and [c["pid"] for c in today.claims] == [citizen.pid], "search by PID")
    ui.type_into(today.ids.pid, "1101700203450")               # a valid ID with no claim today
    ui.tap(today.ids.find)
    ui.wait(lambda: not today.busy and today.total == 0 and not today.claims, "no claim for another ID")


def test_an_impostor_is_refused_with_the_next_step(ui: Driver, world: World) -> None:
    citizen = world.with_phone
    to_citizen(ui, world.proxy.url, world.token)
    enter_citizen(ui, citizen, "FVS-CI")
    to_capture(ui)
    follow_instructions(ui, "biden")
    result = capture_and_wait(ui)
    assert result.outcome == "REFUSED"
    assert result.answer.error.status == 422
    body = result.answer.body
    assert body["code"] in ("FACE_MISMATCH", "LIVENESS_CHALLENGE_FAILED"), body
    assert body["message_th"] in result.details                 # the server's reason, in Thai
    assert all(r["message_th"] in result.reasons for r in body["reasons"]) if len(body["reasons"]) > 1 else True
    assert body["next_channels"] and result.next_steps == body["next_channels"]
    if "LINE_QR" in body["next_channels"]:
        assert "LINE" in result.ids.next_steps.text
        ui.wait(lambda: result.has_qr or result.qr_status.startswith("โหลด QR ไม่ได้"), "the unit QR")
    ui.screenshot("09-result-refused")
    assert not [c for c in claims_of(world.server, citizen.pid) if c["service_type"] == "FVS-CI"]
    assert result.has_qr, result.qr_status


def test_a_lost_answer_is_resent_with_the_same_key_and_gives_the_same_claim(ui: Driver, world: World) -> None:
    citizen = world.without_phone
    to_citizen(ui, world.proxy.url, world.token)
    enter_citizen(ui, citizen, "PG0070001", phone="0812345678")
    to_capture(ui)
    follow_instructions(ui, "obama")
    world.proxy.cut_next_response(VERIFY_LINE)
    ui.tap(ui.screen("capture").ids.capture)
    result = ui.screen("result")
    # The server made the claim, the answer was lost and the network stays down: retries fail.
    ui.wait(lambda: result.phase == "WAITING_NETWORK" and len(result.attempts) >= 2, "retries while down",
            timeout=120)
    assert world.proxy.cuts == 1 and not world.proxy.listening
    assert result.code == "" and result.outcome == ""        # no code is made up
    assert "ยังไม่มีรหัสเคลม" in result.ids.status.text and "ส่งคำขอเดิมซ้ำ" in result.ids.status.text
    assert not result.ids.retry_now.disabled
    ui.screenshot("10-result-no-answer")
    on_server = claims_of(world.server, citizen.pid)
    assert len(on_server) == 1                               # the lost answer did make a claim

    world.proxy.start()                                      # the network is back
    ui.wait(lambda: result.phase == "ANSWERED", "the answer after the network returns", timeout=120)
    ui.screenshot("11-result-after-retry")
    assert result.outcome == "ISSUED" and result.code == on_server[0]["code"]
    assert result.answer.body["replayed"] is True and "รหัสเดิม" in result.details
    assert len(set(result.attempts)) == 1 and len(result.attempts) >= 3  # one Idempotency-Key throughout
    assert [c["code"] for c in claims_of(world.server, citizen.pid)] == [result.code]
