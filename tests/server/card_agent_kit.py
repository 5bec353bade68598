"""A registered card agent for tests: its Ed25519 key, nonces from the server, signed reads."""
from __future__ import annotations

from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from card_agent.protocol import format_read_at, public_key_b64, sign_record
from tests.conftest import FIXED_NOW
from tests.server.conftest import ADULT, bearer

NOW = FIXED_NOW


class Agent:
    """A registered agent: its id, key, and helpers to get nonces and sign reads."""

    def __init__(self, client, world, hcode: str, name: str = "reader"):
        self.key = Ed25519PrivateKey.generate()
        self.hcode = hcode
        self.world = world
        r = client.post(f"/api/v1/units/{hcode}/card-agents", headers=bearer(world.unit_admin[hcode]),
                        json={"name": name, "public_key": public_key_b64(self.key)})
        assert r.status_code == 201, r.text
        self.id, self.key_id = r.json()["id"], r.json()["key_id"]
        self.client = client

    def nonce(self) -> str:
        r = self.client.post(f"/api/v1/card-agents/{self.id}/nonces", headers=bearer(self.world.device[self.hcode]))
        assert r.status_code == 201, r.text
        return r.json()["nonce"]

    def record(self, *, pid: str = ADULT, nonce: str | None = None, read_at=None) -> dict:
        return {"format": "fvs-card-read/1", "pid": pid, "title_th": "นาย", "first_name_th": "ทดสอบ",
                "middle_name_th": None, "last_name_th": "ระบบ", "birth_date": "1990-05-01", "sex": "M",
                "issue_date": "2024-01-10", "expiry_date": "2032-05-01", "photo_sha256": None,
                "reader": "Virtual PCD 00 00", "atr": "3B6800000073C84012009000",
                "nonce": nonce or self.nonce(), "read_at": format_read_at(read_at or NOW - timedelta(seconds=3)),
                "agent_key_id": self.key_id}

    def signed(self, **kwargs) -> dict:
        return sign_record(self.key, self.record(**kwargs))
