"""The tablet's pairing with its unit: server address and device token, kept on the device.

The file is written atomically with owner-only permissions (0600): the token lets anyone verify
citizens for the unit.  The QR the console shows carries ``{"url": ..., "token": ...}`` as JSON.
A random device id, made once, tells the server which tablet sent a GPS fix.
"""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

PAIRING_FILE = "pairing.json"
FILE_MODE = 0o600


class PairingError(ValueError):
    """The pairing text or fields are not usable."""


@dataclass(frozen=True)
class Pairing:
    url: str
    token: str

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise PairingError("the server address must start with http:// or https://")
        if not self.token.strip():
            raise PairingError("the device token is empty")


def normalise_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url and "://" not in url:
        url = "http://" + url
    return url


def parse_qr_payload(text: str) -> Pairing:
    """``{"url": ..., "token": ...}`` from the console's QR (as text) → a pairing."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PairingError(f"not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("url"), str) or not isinstance(data.get("token"), str):
        raise PairingError("expected an object with string fields url and token")
    return Pairing(normalise_url(data["url"]), data["token"].strip())


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # an older file with wider rights keeps its mode otherwise
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


class PairingStore:
    """Pairing and device id under the app's data directory."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    @property
    def path(self) -> Path:
        return self.directory / PAIRING_FILE

    def load(self) -> Pairing | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return Pairing(data["url"], data["token"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, pairing: Pairing) -> None:
        data = {"url": pairing.url, "token": pairing.token, "device_id": self.device_id()}
        _write_private(self.path, json.dumps(data))

    def forget(self) -> None:
        """Remove the token (the device id stays: it is the same tablet)."""
        device_id = self.device_id()
        _write_private(self.path, json.dumps({"device_id": device_id}))

    def device_id(self) -> str:
        try:
            value = json.loads(self.path.read_text("utf-8")).get("device_id")
            if isinstance(value, str) and value:
                return value
        except (OSError, ValueError, AttributeError):
            pass
        value = f"tablet-{uuid.uuid4().hex[:16]}"
        _write_private(self.path, json.dumps({"device_id": value}))
        return value
