"""The card agent against a real FVS app and the virtual card.

* FVS: the tests' app (``make_test_app``: the migrated test database, the test's session, the
  clock pinned to ``FIXED_NOW``) and the ``world`` data; the agent forwards to its real
  ``POST /api/v1/verifications/smart-card``, which issues a real claim code (or refuses with
  FVS's own error).
* The agent: ``build_app`` with FVS's TestClient as its HTTP client, a fresh Ed25519 key
  registered with FVS by the unit's admin, and the unit's device token.
* The card: ``tests/card_reader``'s rig (pcscd + vpcd + the emulator), imported below.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from card_agent.keys import AgentKey, generate_key
from card_agent.serve import build_app
from card_agent.settings import AgentSettings
from server.tables import Citizen
from tests.card_reader import conftest as card_rig
from tests.card_reader.card_image import CardContents
from tests.conftest import FIXED_NOW, make_test_app
from tests.server import conftest as server_fixtures
from tests.server.conftest import World, bearer
from thai_civil.calendar import now_utc

# Fixtures shared with tests/card_reader (the virtual card) and tests/server (the units, tokens).
pcsc_context = card_rig.pcsc_context
card_photo = card_rig.card_photo
contents = card_rig.contents
insert_card = card_rig.insert_card
world = server_fixtures.world

AGENT_TOKEN = "local-agent-token-0123456789"
AGENT_BASE = "http://127.0.0.1:8189"
ELDER_BIRTH = "24930101"  # 1 January 1950: over 60, smart card allowed with an appeal
ADULT_BIRTH = "25300415"  # 15 April 1987: 16-60, smart card not a channel of the group


@pytest.fixture
def app(settings, session):
    application = make_test_app(settings, session)
    return application


@pytest.fixture
def fvs(app) -> Iterator[TestClient]:
    """FVS over HTTP (in process); requests carry no token of their own."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@dataclass
class Rig:
    world: World
    key: AgentKey
    agent_id: int
    settings: AgentSettings
    client: TestClient  # the agent, with the local token
    fvs: TestClient
    clock_shift: list[timedelta]

    def citizen(self, session: Session, contents: CardContents, birth: date, right: str = "UCS") -> None:
        session.add(Citizen(pid=contents.pid, title_th="นางสาว", first_name_th="สมหญิง", last_name_th="ทดสอบใจดี",
                            birth_date=birth, sex="F", right_code=right, sub_right_code=None, main_hcode="99001"))
        session.commit()


def make_settings(tmp_path: Path, world: World, agent_id: int, key_path: Path, **changes: Any) -> AgentSettings:
    values: dict[str, Any] = {
        "test_server_url": "http://testserver", "production_server_url": "https://fvs.example.org",
        "device_token": world.device[world.pharmacy], "token": AGENT_TOKEN, "agent_id": agent_id,
        "hcode": world.pharmacy, "key_path": key_path, "profession": "PHARMACIST",
        "allowed_origins": ("https://console.fvs.example",)}
    values.update(changes)
    return AgentSettings(**values)


@pytest.fixture
def rig(app, fvs, world, tmp_path) -> Iterator[Rig]:
    """The agent with a registered key.  ``clock_shift`` moves both clocks (FVS's pinned one and
    the agent's) forward together, as time passes for both."""
    key = generate_key(tmp_path / "agent" / "key.pem")
    r = fvs.post(f"/api/v1/units/{world.pharmacy}/card-agents", headers=bearer(world.unit_admin[world.pharmacy]),
                 json={"name": "เครื่องอ่านบัตรหน้าร้าน", "public_key": key.public_key})
    assert r.status_code == 201, r.text
    agent_id = r.json()["id"]
    settings = make_settings(tmp_path, world, agent_id, key.path)
    shift = [timedelta(0)]
    app.state.clock = lambda: FIXED_NOW + shift[0]
    agent_app = build_app(settings, http=fvs, clock=lambda: now_utc() + shift[0])
    with TestClient(agent_app, base_url=AGENT_BASE, raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {AGENT_TOKEN}"
        yield Rig(world, key, agent_id, settings, client, fvs, shift)
