"""The app's logic without a window: ID check digit, pairing file, resending with one key,
error classification, image size, capture hints."""
from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from fvs_app.api_client import ApiError, FvsClient, NoAnswer, Upload
from fvs_app.background import Background
from fvs_app.config import RetryPolicy
from fvs_app.hints import FaceCounter, capture_hint
from fvs_app.imaging import decode_image, encode_jpeg
from fvs_app.pairing import PairingError, PairingStore, parse_qr_payload
from fvs_app.submission import FaceRequest, FaceSender, Outcome, Phase, SendState
from fvs_app.thai_id import PidState, check_digit, pid_state


@pytest.mark.parametrize("pid, state", [
    ("", PidState.EMPTY), ("110170020345", PidState.INCOMPLETE), ("1101700203450", PidState.VALID),
    ("1101700203451", PidState.BAD_CHECK_DIGIT), ("0101700203450", PidState.STARTS_WITH_ZERO),
])
def test_pid_state(pid: str, state: PidState) -> None:
    assert pid_state(pid) == state


def test_check_digit_is_mod_11() -> None:
    digits = "110170020345"
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits))
    assert check_digit(digits) == (11 - total % 11) % 10 == 0


def test_pairing_is_kept_owner_only_and_forgotten(tmp_path: Path) -> None:
    store = PairingStore(tmp_path / "app")
    device = store.device_id()
    pairing = parse_qr_payload(json.dumps({"url": "fvs.example.th/", "token": " fvs_dev_abc "}))
    assert (pairing.url, pairing.token) == ("http://fvs.example.th", "fvs_dev_abc")
    store.save(pairing)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.load() == pairing and store.device_id() == device
    store.forget()
    assert store.load() is None and store.device_id() == device
    assert "fvs_dev_abc" not in store.path.read_text()


@pytest.mark.parametrize("text", ["not json", "[]", '{"url": 1, "token": "x"}', '{"url": "ftp://x", "token": "t"}'])
def test_bad_qr_payloads(text: str) -> None:
    with pytest.raises(PairingError):
        parse_qr_payload(text)


class _Timer:
    def __init__(self, log: list, delay: float, callback: Any):
        self.delay, self.callback, self.cancelled = delay, callback, False
        log.append(self)

    def cancel(self) -> None:
        self.cancelled = True


def _sender(answers: list[Any]) -> tuple[FaceSender, list[SendState], list[_Timer], list[str]]:
    """A sender whose background runs inline and whose timers wait to be fired by the test."""
    states: list[SendState] = []
    timers: list[_Timer] = []
    keys: list[str] = []

    def send(request: FaceRequest) -> dict[str, Any]:
        keys.append(request.idempotency_key)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    background = Background(post=lambda callback: callback(), workers=1)
    background.run = lambda work, done, failed: _inline(work, done, failed)  # type: ignore[method-assign]
    request = FaceRequest({"pid": "1"}, Upload("p.jpg", b"x"))
    sender = FaceSender(request, send, background, lambda d, cb: _Timer(timers, d, cb),
                        RetryPolicy(delays_s=(1.0, 3.0)), states.append)
    return sender, states, timers, keys


def _inline(work: Any, done: Any, failed: Any) -> None:
    try:
        result = work()
    except Exception as exc:
        failed(exc)
        return
    done(result)


def test_no_answer_is_resent_with_the_same_key_until_the_claim_comes() -> None:
    claim = {"claim": {"code": "PP1005187794"}, "replayed": True}
    sender, states, timers, keys = _sender([NoAnswer("RemoteProtocolError", True),
                                            NoAnswer("ConnectError", False), claim])
    sender.start()
    assert states[-1].phase == Phase.WAITING_NETWORK and timers[-1].delay == 1.0
    timers[-1].callback()
    assert states[-1].phase == Phase.WAITING_NETWORK and timers[-1].delay == 3.0
    sender.retry_now()                      # staff press "send again now"
    assert timers[-1].cancelled
    assert states[-1].phase == Phase.ANSWERED and states[-1].answer.outcome == Outcome.ISSUED
    assert states[-1].answer.body == claim and len(keys) == 3 and len(set(keys)) == 1


def test_busy_server_is_retried_after_retry_after_and_refusals_are_final() -> None:
    busy = ApiError(503, "FACE_BUSY", "ไม่ว่าง", "busy", {}, retry_after=7.0)
    refused = ApiError(422, "FACE_MISMATCH", "ใบหน้าไม่ตรง", "mismatch", {"next_channels": ["LINE_QR"]})
    sender, states, timers, keys = _sender([busy, refused])
    sender.start()
    assert states[-1].phase == Phase.WAITING_SERVER and timers[-1].delay == 7.0
    timers[-1].callback()
    assert states[-1].answer.outcome == Outcome.REFUSED and states[-1].answer.body["next_channels"] == ["LINE_QR"]
    sender.retry_now()
    assert len(keys) == 2                   # nothing is sent after an answer


def test_abandoned_sending_stops_retrying() -> None:
    sender, states, timers, keys = _sender([NoAnswer("ConnectError", False)])
    sender.start()
    sender.abandon()
    assert states[-1].phase == Phase.ABANDONED and timers[-1].cancelled and len(keys) == 1


def test_client_reads_error_bodies_and_tells_lost_answers_from_refused_connections() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/me"):
            return httpx.Response(401, json={"code": "UNAUTHENTICATED", "message_th": "โทเคนไม่ถูกต้อง",
                                             "message_en": "Invalid token"})
        if request.url.path.endswith("/verifications/face"):
            assert request.headers["Idempotency-Key"] == "k-1"
            return httpx.Response(503, headers={"Retry-After": "4"}, json={"code": "FACE_BUSY"})
        raise httpx.ReadError("connection reset")

    client = FvsClient("http://fvs.test", "tok", transport=httpx.MockTransport(handler))
    with pytest.raises(ApiError) as error:
        client.me()
    assert (error.value.status, error.value.code, error.value.message_th) == (401, "UNAUTHENTICATED", "โทเคนไม่ถูกต้อง")
    with pytest.raises(ApiError) as busy:
        client.verify_face({"pid": "1"}, Upload("p.jpg", b"x"), [Upload("f.jpg", b"y")], "k-1")
    assert busy.value.retry_after == 4.0
    with pytest.raises(NoAnswer) as lost:
        client.citizen("1101700203450")
    assert lost.value.maybe_received
    refused = FvsClient("http://127.0.0.1:9", "tok", connect_timeout=1)
    with pytest.raises(NoAnswer) as down:
        refused.me()
    assert not down.value.maybe_received


def test_captures_are_resized_to_1280_and_jpeg_encoded() -> None:
    frame = np.random.default_rng(1).integers(0, 255, (2000, 1500, 3), dtype=np.uint8)
    data = encode_jpeg(frame)
    assert data[:2] == b"\xff\xd8"
    assert decode_image(data).shape == (1280, 960, 3)
    small = np.zeros((480, 640, 3), np.uint8)
    assert decode_image(encode_jpeg(small)).shape == (480, 640, 3)


def test_hints_say_too_dark_and_count_faces_when_a_detector_is_available() -> None:
    from tests.fvs_app.live_server import PEOPLE, SHARED

    assert capture_hint(np.full((480, 640, 3), 20, np.uint8), FaceCounter()).key == "hint.dark"
    yunet = SHARED / "models" / "opencv_zoo" / "face_detection_yunet_2023mar.onnx"
    if not yunet.is_file():
        pytest.skip("YuNet model absent")
    faces = FaceCounter(str(yunet))
    assert faces.available
    one = decode_image((PEOPLE / "obama" / "obama2.jpg").read_bytes())
    assert capture_hint(one, faces).key == "hint.ok"
    group = min((SHARED / "faces" / "group").iterdir())
    assert capture_hint(decode_image(group.read_bytes()), faces).key in ("hint.many", "hint.far")
    assert capture_hint(np.full((480, 640, 3), 128, np.uint8), faces).key == "hint.no_face"


def test_fvs_app_command_reports_a_missing_thai_font_as_a_clean_error() -> None:
    import typer
    from typer.testing import CliRunner

    from server.cli.app import app_command

    cli = typer.Typer()
    cli.command("app")(app_command)
    cli.command("other")(lambda: None)
    result = CliRunner().invoke(cli, ["app", "--font", "/nonexistent/ThaiFont.ttf", "--gps", "13.7,100.5"])
    assert result.exit_code == 2
    body = json.loads(result.stdout[result.stdout.index("{"):])  # Kivy may log before it
    assert body["code"] == "THAI_FONT_MISSING" and "fonts-thai-tlwg-ttf" in body["message_th"]
