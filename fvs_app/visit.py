"""What the staff have entered for the walk-in being verified, screen by screen."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fvs_app.api_client import Upload
from fvs_app.gps.base import Fix

PHONE_DIGITS = (9, 10)


def phone_valid(phone: str) -> bool:
    """A Thai phone: starts with 0, 9–10 digits (the server's rule)."""
    return phone.isdigit() and phone.startswith("0") and len(phone) in PHONE_DIGITS


@dataclass
class Visit:
    hcode: str
    profession: str = ""
    profession_name: str = ""
    pid: str = ""
    citizen: dict[str, Any] | None = None
    phone: str = ""
    service_type: str = ""
    fix: Fix | None = None
    photo: Upload | None = None
    frames: list[Upload] = field(default_factory=list)
    challenge_id: str | None = None

    def form(self, device_id: str) -> dict[str, str]:
        """The verification's form fields (GPS included when there is a fix)."""
        if self.fix is None:
            raise ValueError("no GPS fix")
        form = {"pid": self.pid, "hcode": self.hcode, "profession": self.profession,
                "service_type": self.service_type, "phone": self.phone, "device_id": device_id, **self.fix.form()}
        if self.challenge_id:
            form["challenge_id"] = self.challenge_id
        return form

    def clear_capture(self) -> None:
        self.photo, self.frames, self.challenge_id = None, [], None

    def next_citizen(self) -> None:
        """Keep unit and profession; forget the person."""
        self.pid, self.citizen, self.phone, self.fix = "", None, "", None
        self.clear_capture()
