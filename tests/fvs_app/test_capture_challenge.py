"""The capture screen answers a head-turn challenge: the frontal photo, a frame while the citizen
looks at the camera, then one frame per asked step, in order, with the challenge id.

The challenge here is handed to the app by the test (the server's challenge endpoint may not be
there yet); the verification itself goes to the real server, which ignores fields it does not know.
"""
from __future__ import annotations

from typing import Any

from fvs_app.imaging import decode_image
from tests.fvs_app.conftest import World
from tests.fvs_app.flows import (
    capture_and_wait,
    enter_citizen,
    follow_instructions,
    to_capture,
    to_citizen,
)
from tests.fvs_app.kivy_driver import Driver
from tests.fvs_app.live_server import claims_of


def test_frames_follow_the_challenge_steps_in_order(ui: Driver, world: World) -> None:
    citizen = world.second
    to_citizen(ui, world.proxy.url, world.token)
    enter_citizen(ui, citizen, "FVS-CI")
    to_capture(ui)
    camera = follow_instructions(ui, "obama")
    client = ui.app.client
    sent: list[dict[str, Any]] = []
    real_verify = client.verify_face
    client.create_challenge = lambda hcode: {
        "challenge_id": "test-challenge-1", "steps": ["left", "right"], "expires_at": "2100-01-01T00:00:00+00:00",
        "instructions_th": "หันหน้าไปทางซ้าย แล้วหันไปทางขวา", "instructions_en": "Turn left, then right"}

    def verify(form: dict[str, str], photo: Any, frames: Any, key: str) -> dict[str, Any]:
        sent.append({"form": dict(form), "frames": list(frames), "photo": photo})
        return real_verify(form, photo, frames, key)

    client.verify_face = verify
    result = capture_and_wait(ui, challenge_shot="06-capture-challenge")
    assert camera.taken == ["photo", "hold", "left", "right"]
    assert sent and sent[0]["form"]["challenge_id"] == "test-challenge-1"
    assert [f.name for f in sent[0]["frames"]] == ["frame-0.jpg", "frame-1.jpg", "frame-2.jpg"]
    shapes = [decode_image(f.data).shape for f in [sent[0]["photo"], *sent[0]["frames"]]]
    assert all(max(shape[:2]) <= 1280 for shape in shapes)
    # The "left" frame is the mirror of the "right" one: the turn is in the pixels that were sent.
    left, right = (decode_image(f.data) for f in sent[0]["frames"][1:])
    assert left.shape == right.shape and abs(left[:, ::-1].astype(int) - right.astype(int)).mean() < 8
    assert result.outcome == "ISSUED"
    assert result.code in [c["code"] for c in claims_of(world.server, citizen.pid)]
