"""Helpers for appeal tests: a smart-card claim issued over HTTP on a signed read, small real
attachments (a JPEG and a PNG drawn at test time, a one-page PDF), filing through the API."""
from __future__ import annotations

import io

from tests.server.card_agent_kit import Agent
from tests.server.conftest import ELDER, bearer

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
TEXT = "ผู้สูงอายุหมดสติ ญาตินำบัตรมาที่ร้าน สแกนใบหน้าไม่ผ่านสองครั้ง"


def image_bytes(fmt: str = "JPEG", colour: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (160, 120), colour)
    ImageDraw.Draw(img).rectangle((20, 20, 140, 100), outline=(0, 0, 0), width=3)
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def card_body(world, agent: Agent, pid: str = ELDER, **changes) -> dict:
    body = {"pid": pid, "hcode": agent.hcode, "profession": "PHARMACIST", "service_type": "FVS-CI",
            "phone": "0812345678", "certifier": "GUARDIAN", "reason_code": "UNCONSCIOUS",
            "reason_text": "หมดสติ", "card_read": agent.signed(pid=pid)}
    return {**body, **changes}


def issue_card_claim(client, world, agent: Agent, pid: str = ELDER, **changes) -> dict:
    r = client.post("/api/v1/verifications/smart-card", json=card_body(world, agent, pid, **changes),
                    headers=bearer(world.device[agent.hcode]))
    assert r.status_code == 201, r.json()
    return r.json()["claim"]


def file_appeal(client, token: str, code: str, *, text: str = TEXT, files=None, reason_code: str | None = None):
    data = {"text": text} | ({"reason_code": reason_code} if reason_code else {})
    if files is None:
        files = [("attachments", ("bed.jpg", image_bytes(), "image/jpeg")),
                 ("attachments", ("letter.pdf", PDF, "application/pdf"))]
    return client.post(f"/api/v1/claims/{code}/appeal", data=data, files=files or None, headers=bearer(token))
