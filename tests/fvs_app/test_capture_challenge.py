"""The capture screen answers the server's head-turn challenge: the frontal photo, a frame while
the citizen looks at the camera, then one frame per asked step, in order, with the challenge id —
and the server, which judges the frames itself, issues the claim."""
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
    real_verify, real_challenge = client.verify_face, client.create_challenge
    asked: list[dict[str, Any]] = []

    def challenge(hcode: str) -> dict[str, Any]:
        asked.append(real_challenge(hcode))
        return asked[-1]

    client.create_challenge = challenge

    def verify(form: dict[str, str], photo: Any, frames: Any, key: str) -> dict[str, Any]:
        sent.append({"form": dict(form), "frames": list(frames), "photo": photo})
        return real_verify(form, photo, frames, key)

    client.verify_face = verify
    result = capture_and_wait(ui, challenge_shot="06-capture-challenge")
    (given,) = asked
    assert sorted(given["steps"]) == ["left", "right"]  # the server chose the order
    assert camera.taken == ["photo", "hold", *given["steps"]]
    assert sent and sent[0]["form"]["challenge_id"] == given["challenge_id"]
    assert [f.name for f in sent[0]["frames"]] == ["frame-0.jpg", "frame-1.jpg", "frame-2.jpg"]
    shapes = [decode_image(f.data).shape for f in [sent[0]["photo"], *sent[0]["frames"]]]
    assert all(max(shape[:2]) <= 1280 for shape in shapes)
    # The two turned frames are mirror images: the turn is in the pixels that were sent.
    left, right = (decode_image(f.data) for f in sent[0]["frames"][1:])
    assert left.shape == right.shape and abs(left[:, ::-1].astype(int) - right.astype(int)).mean() < 8
    assert result.outcome == "ISSUED"
    assert result.code in [c["code"] for c in claims_of(world.server, citizen.pid)]
