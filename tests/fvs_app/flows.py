"""Steps of a verification as staff do them, tapping the real widgets."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from fvs_app.camera.image_files import ImageFileCamera
from tests.fvs_app.kivy_driver import Driver
from tests.fvs_app.live_server import PEOPLE, Citizen
from tests.fvs_app.posing_camera import PosingCamera, centred_pair

# Face centre x of the photos used for head turns (from the face core's detector box).
TURN_SOURCES = {"obama": (PEOPLE / "obama" / "obama2.jpg", 339.5), "biden": (PEOPLE / "biden" / "biden1.jpg", 569.5)}


def turning_person(who: str) -> dict[str, np.ndarray]:
    """``as_taken`` is the photo (head turned to the subject's right); ``mirrored`` turned left."""
    path, centre = TURN_SOURCES[who]
    as_taken, mirrored = centred_pair(path, centre)
    return {"as_taken": as_taken, "mirrored": mirrored}


def follow_instructions(ui: Driver, who: str) -> PosingCamera:
    """A camera whose subject does what the capture screen asks (see :mod:`posing_camera`)."""
    images = turning_person(who)
    # obama2 and biden1 are turned one way; which way is "left" depends on the photo's own yaw.
    left_key = "mirrored" if who == "obama" else "as_taken"
    right_key = "as_taken" if who == "obama" else "mirrored"
    capture = ui.screen("capture")

    def resolve(asked: str) -> str:
        if asked == "hold":  # looking at the camera, still turned away from the first asked side
            first = capture.steps[0] if capture.steps else "left"
            return "right" if first == "left" else "left"
        return asked

    poses = {"photo": images[right_key], "left": images[left_key], "right": images[right_key]}
    camera = PosingCamera(poses, lambda: capture.pose, resolve)
    ui.app.camera = camera
    return camera


def pair(ui: Driver, url: str, token: str) -> Any:
    screen = ui.screen("pairing")
    ui.type_into(screen.ids.url, url)
    ui.type_into(screen.ids.token, token)
    ui.tap(screen.ids.save)
    ui.wait(lambda: screen.checked or (screen.message_kind == "error" and not screen.busy), "pairing answer")
    return screen


def tap_digits(ui: Driver, digits: str) -> None:
    pad = ui.screen("citizen").ids.pad
    for digit in digits:
        ui.tap(pad.keys[digit])


def to_citizen(ui: Driver, url: str, token: str, profession: str = "PHARMACIST") -> None:
    screen = pair(ui, url, token)
    assert screen.ready, screen.message
    ui.tap(screen.ids.start)
    prof = ui.screen("profession")
    ui.wait(lambda: prof.professions and not prof.busy, "professions")
    button = next(b for b in prof.ids.list.children if getattr(b, "profession_code", None) == profession)
    ui.tap(button)
    ui.wait(lambda: ui.app.screens.current == "citizen", "citizen screen")


def enter_citizen(ui: Driver, citizen: Citizen, service_type: str, phone: str = "0891234567") -> Any:
    screen = ui.screen("citizen")
    if screen.pid:
        ui.tap(ui.screen("citizen").ids.pad.keys["clear"])
    tap_digits(ui, citizen.pid)
    ui.wait(lambda: screen.citizen.get("pid") == citizen.pid, "citizen panel")
    if not citizen.phone:
        assert screen.target == "phone" and screen.phone == ""
        tap_digits(ui, phone)
    screen.ids.service.text = screen.service_label(service_type)
    ui.pump(2)
    assert ui.app.visit.service_type == service_type
    return screen


def to_capture(ui: Driver) -> None:
    ui.tap(ui.screen("citizen").ids.next)
    location = ui.screen("location")
    ui.wait(lambda: ui.app.screens.current == "location" and location.fresh, "a fresh GPS fix")
    ui.tap(location.ids.next)
    ui.wait(lambda: ui.app.screens.current == "capture", "capture screen")


def capture_and_wait(ui: Driver, outcome_phase: str = "ANSWERED", challenge_shot: str | None = None) -> Any:
    """Tap Capture and wait for the answer; ``challenge_shot`` saves the head-turn instruction."""
    capture = ui.screen("capture")
    ui.tap(capture.ids.capture)
    if challenge_shot:
        ui.wait(lambda: capture.pose in ("left", "right") or ui.app.screens.current == "result", "the challenge")
        if capture.pose in ("left", "right"):
            ui.screenshot(challenge_shot)
    result = ui.screen("result")
    ui.wait(lambda: ui.app.screens.current == "result" and result.phase == outcome_phase, f"result {outcome_phase}",
            timeout=120)
    return result


def image_camera(ui: Driver, *paths: Path) -> ImageFileCamera:
    camera = ImageFileCamera(list(paths))
    ui.app.camera = camera
    return camera
