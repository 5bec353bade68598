"""A small committed or in-transaction world for console tests: two active units (a pharmacy
and a dental clinic) with on-duty staff, people of every role, citizens, claims (active, and
smart-card ones waiting for appeal) and refused attempts for the dashboard."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.lifecycle import UnitStatus
from oss_registry.managers import add_manager, approve_manager
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, add_staff
from oss_registry.units import UnitData, create_unit
from server.services import access, appeals, card_read_records, card_reads, claims
from server.services.access import Role
from server.tables import Citizen, Claim, VerificationAttempt

try:
    from thai_civil.pid import generate_pid
except ImportError:  # pragma: no cover - before the move
    from oss_registry.thai_id import generate_pid  # type: ignore[no-redef]

PASSWORD = "console test password 1"
PHARMACY = UnitData("97001", "ร้านยาคอนโซลทดสอบ", "PHARMACY", "9 ถนนสุขุมวิท", "กรุงเทพมหานคร", "021234567", "029876543",
                    "pharmacy@example.org", 13.7563, 100.5018, 100)
CLINIC = UnitData("97002", "คลินิกทันตกรรมคอนโซล", "DENTAL_CLINIC", "5 ถนนนิมมานเหมินท์", "เชียงใหม่", "053111111", None, None,
                  None, None, 100)
ACCOUNTS = {"admin97001": (Role.UNIT_ADMIN, "97001"), "staff97001": (Role.UNIT_STAFF, "97001"),
            "admin97002": (Role.UNIT_ADMIN, "97002"), "reviewer": (Role.NHSO_REVIEWER, None),
            "nhsoadmin": (Role.NHSO_ADMIN, None)}


@dataclass
class ConsoleWorld:
    adults: list[str] = field(default_factory=list)
    elders: list[str] = field(default_factory=list)
    active_codes: list[str] = field(default_factory=list)
    appeal_codes: list[str] = field(default_factory=list)  # filed appeals waiting for NHSO
    unfiled_code: str = ""  # a smart-card claim of 97001 whose appeal is not filed yet
    other_unit_code: str = ""
    manager_id: int = 0


def _citizen(session: Session, birth: date, first: str) -> str:
    pid = generate_pid()
    session.add(Citizen(pid=pid, title_th="นาย", first_name_th=first, last_name_th="ทดสอบคอนโซล", birth_date=birth,
                        sex="M", right_code="UCS", phone="0812345678"))
    session.flush()
    return pid


def _claim(session: Session, principal, *, pid: str, hcode: str, service_type: str, profession: str, channel: str,
           method: str, status: str, at: datetime, certifier: str = "SELF", certifier_pid: str | None = None,
           appeal_reason: str | None = None) -> str:
    facts = claims.ClaimFacts(method=method, certifier=certifier, certifier_pid=certifier_pid,
                              appeal_reason=appeal_reason)
    draft = claims.ClaimDraft(pid=pid, hcode=hcode, service_type=service_type, profession=profession, channel=channel,
                              service_date=(at + timedelta(hours=7)).date(), service_at=at, phone="0812345678",
                              status=status, hn="HN001", right_code="UCS", facts=facts)
    return claims.issue(session, draft, principal=principal).code


class _CardReader:
    """The unit's registered card agent: real nonces, real signed reads, kept with their claims."""

    def __init__(self, session: Session, device: access.Principal, now: datetime):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from card_agent.protocol import public_key_b64

        self.session, self.device, self.key = session, device, Ed25519PrivateKey.generate()
        admin = access.Principal("user:admin97001", Role.UNIT_ADMIN, "97001")
        self.agent = card_reads.register_agent(session, admin, hcode="97001", name="เครื่องอ่านบัตรหน้าร้าน",
                                               public_key=public_key_b64(self.key))

    def keep(self, code: str, pid: str, at: datetime) -> None:
        import hashlib

        from card_agent.protocol import format_read_at, sign_record

        nonce = card_reads.issue_nonce(self.session, self.device, agent_id=self.agent.id, now=at).nonce
        record = {"format": "fvs-card-read/1", "pid": pid, "title_th": "นาย", "first_name_th": "ทดสอบ",
                  "middle_name_th": None, "last_name_th": "คอนโซล", "birth_date": "1950-01-03", "sex": "M",
                  "issue_date": "2021-03-15", "expiry_date": None, "photo_sha256": hashlib.sha256(_photo()).hexdigest(),
                  "reader": "Feitian SCR301 00 00", "atr": "3B6800000073C84012009000", "nonce": nonce,
                  "read_at": format_read_at(at - timedelta(seconds=2)), "agent_key_id": self.agent.key_id}
        signed = sign_record(self.key, record)
        read = card_reads.verify_signed_read(self.session, hcode="97001", signed_read=signed, expected_pid=pid, now=at)
        claim_id = self.session.scalars(select(Claim.id).where(Claim.code == code)).one()
        card_read_records.keep(self.session, read=read, signed=signed, purpose=card_read_records.ReadPurpose.HOLDER,
                               by=self.device.id, now=at, claim_id=claim_id)


def _photo() -> bytes:
    """A small PNG, as a unit would attach a photo of a document."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 160), (250, 248, 240))
    draw = ImageDraw.Draw(img)
    draw.rectangle((10, 10, 230, 150), outline=(30, 60, 120), width=4)
    for y in range(40, 140, 20):
        draw.line((30, y, 210, y), fill=(90, 90, 90), width=2)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def build(session: Session, now: datetime) -> ConsoleWorld:
    """Everything, flushed into ``session`` (the caller commits or rolls back)."""
    world = ConsoleWorld()
    pharmacy = create_unit(session, PHARMACY, by="test", status=UnitStatus.ACTIVE)
    clinic = create_unit(session, CLINIC, by="test", status=UnitStatus.ACTIVE)
    add_staff(session, pharmacy, StaffData(pid=generate_pid(), title="ภญ.", first_name="มาลี", last_name="ใจดี",
                                           profession="PHARMACIST", licence_no="ภ.12345", start_date=date(2020, 1, 1),
                                           verification_status="VERIFIED"), WeeklySchedule.parse("ALL 00:00-24:00"))
    add_staff(session, clinic, StaffData(pid=generate_pid(), title="ทพ.", first_name="สมชาย", last_name="ฟันดี",
                                         profession="DENTIST", licence_no="ท.1234", start_date=date(2020, 1, 1),
                                         verification_status="PENDING"), WeeklySchedule.parse("MON-FRI 08:00-16:00"))
    manager = add_manager(session, clinic, generate_pid(), "SIGNATORY", "thaid")
    approve_manager(session, manager.id, by="test", at=now)
    world.manager_id = manager.id
    for username, (role, hcode) in ACCOUNTS.items():
        access.create_account(session, username=username, display_name=f"ผู้ใช้ {username}", role=role,
                              password=PASSWORD, hcode=hcode)
    device = access.Principal("device:1", Role.UNIT_DEVICE, "97001", "tablet")
    other = access.Principal("device:2", Role.UNIT_DEVICE, "97002", "tablet")
    for i in range(3):
        world.adults.append(_citizen(session, date(1990, 5, 1 + i), f"ผู้ใหญ่{i + 1}"))
        world.elders.append(_citizen(session, date(1950, 1, 1 + i), f"ผู้สูงอายุ{i + 1}"))
    for i, pid in enumerate(world.adults):
        world.active_codes.append(_claim(session, device, pid=pid, hcode="97001", service_type="PG0070001",
                                         profession="PHARMACIST", channel="FACE" if i % 2 == 0 else "LINE_QR",
                                         method="FACE_1TO1" if i % 2 == 0 else "LINE_QR_SELF", status="ACTIVE",
                                         at=now - timedelta(days=i, minutes=5)))
    for i, pid in enumerate(world.elders[:2]):
        world.appeal_codes.append(_claim(session, device, pid=pid, hcode="97001", service_type="PG0070001",
                                         profession="PHARMACIST", channel="SMART_CARD", method="SMART_CARD_RELATIVE",
                                         status="PENDING_APPEAL", at=now - timedelta(hours=3 + 30 * i),
                                         certifier="CHILD", certifier_pid=world.adults[0],
                                         appeal_reason="ผู้สูงอายุสแกนใบหน้าไม่ผ่าน"))
        session.add(VerificationAttempt(pid=pid, hcode="97001", channel="FACE", outcome="REFUSED",
                                        reason_codes="FACE_MISMATCH,SPOOF_SUSPECTED", similarity=0.21,
                                        principal_id="device:1", created_at=now - timedelta(hours=3 + 30 * i, minutes=10)))
    for i, code in enumerate(world.appeal_codes):
        files = [appeals.Upload("ใบรับรองแพทย์.png", _photo())] if i == 0 else []
        appeals.file_appeal(session, principal=device, code=code, text="ผู้สูงอายุมากับบุตร สแกนใบหน้าไม่ผ่านสองครั้ง",
                            reason_code="FACE_PROBLEM", attachments=files, now=now - timedelta(hours=2 + 30 * i))
    world.unfiled_code = _claim(session, device, pid=world.elders[2], hcode="97001", service_type="FVS-CI",
                                profession="PHARMACIST", channel="SMART_CARD", method="SMART_CARD_SELF",
                                status="PENDING_APPEAL", at=now - timedelta(hours=1), certifier="GUARDIAN",
                                appeal_reason="หมดสติ ญาตินำส่ง")
    session.add(VerificationAttempt(pid=world.adults[0], hcode="97001", channel="FACE", outcome="REFUSED",
                                    reason_codes="OUTSIDE_GEOFENCE", distance_m=450.0, principal_id="device:1",
                                    created_at=now - timedelta(hours=1)))
    session.add(VerificationAttempt(pid=world.elders[2], hcode="97001", channel="LINE_QR", outcome="REFUSED",
                                    reason_codes="QR_INVALID", principal_id="device:1",
                                    created_at=now - timedelta(hours=1, minutes=8)))
    reader = _CardReader(session, device, now)
    reader.keep(world.unfiled_code, world.elders[2], now - timedelta(hours=1, minutes=1))
    reader.keep(world.appeal_codes[0], world.adults[0], now - timedelta(hours=3, minutes=1))
    world.other_unit_code = _claim(session, other, pid=world.elders[2], hcode="97002", service_type="FVS-DENT",
                                   profession="DENTIST", channel="LINE_QR", method="LINE_QR_SELF", status="ACTIVE",
                                   at=now - timedelta(hours=2))
    session.flush()
    return world
