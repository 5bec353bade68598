"""Card agents and signed card reads: register an agent's key, issue nonces, verify a read.

The protocol (record fields, canonical JSON, Ed25519) is ``card_agent.protocol``.  A smart-card
verification is accepted only with a *fresh read of that very card*:

1. The unit's admin registers the agent's public key (:func:`register_agent`).
2. Before each read the agent, with the unit's device token, asks for a nonce
   (:func:`issue_nonce`): single-use, bound to the agent, valid ``NONCE_TTL``.
3. The agent reads the card, signs the record (PID, names, dates, photo hash, reader, ATR,
   nonce, ``read_at``) and forwards it; :func:`verify_signed_read` checks the agent (known, of
   this unit, not revoked), the signature, the freshness of ``read_at``, the PID, and finally
   uses up the nonce (issued to this agent, unexpired, unused) with a conditional UPDATE, so two
   racing requests cannot both use it.

The nonce is used up in the caller's transaction: if the verification is rolled back, so is the
nonce's use (a retry of the same read inside ``MAX_READ_AGE`` may then succeed).
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from card_agent.protocol import (
    RecordError,
    check_record,
    decode_public_key,
    key_id,
    parse_read_at,
    signature_valid,
)
from oss_registry.units import get_unit
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.card_read_errors import card_read_error
from server.tables.card_agents import CardAgent, CardReadNonce
from thai_civil.pid import mask_pid

log = logging.getLogger("fvs.card_reads")

NONCE_TTL = timedelta(seconds=120)
MAX_READ_AGE = timedelta(seconds=120)
MAX_CLOCK_AHEAD = timedelta(seconds=5)
PURGE_AFTER = timedelta(days=1)
"""Nonces of an agent that expired longer ago than this are deleted when it gets a new one."""


@dataclass(frozen=True)
class VerifiedCardRead:
    """A signed card read that passed every check: evidence for the decision engine."""

    agent_id: int
    agent_name: str
    key_id: str
    hcode: str
    pid: str
    title_th: str | None
    first_name_th: str
    middle_name_th: str | None
    last_name_th: str
    birth_date: str  # ISO, reduced for a partly unknown date
    sex: str  # M or F
    issue_date: date
    expiry_date: date | None  # None: lifelong card
    photo_sha256: str | None
    reader: str
    atr: str
    nonce: str
    read_at: datetime

    def expired_on(self, day: date) -> bool:
        """Whether the card had expired on ``day`` (it is still good on its expiry day)."""
        return self.expiry_date is not None and self.expiry_date < day

    def __repr__(self) -> str:
        return (f"VerifiedCardRead(pid={mask_pid(self.pid)!r}, agent={self.agent_id}, "
                f"reader={self.reader!r}, read_at={self.read_at.isoformat()})")


def _units_agent(session: Session, hcode: str, agent_id: int) -> CardAgent:
    agent = session.get(CardAgent, agent_id)
    if agent is None or agent.hcode != hcode:
        raise card_read_error("CARD_AGENT_NOT_FOUND", agent_id=agent_id)
    return agent


def register_agent(session: Session, principal: Principal, *, hcode: str, name: str,
                   public_key: str) -> CardAgent:
    """A unit admin (or an NHSO admin) registers an agent's base64 Ed25519 public key."""
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    get_unit(session, hcode)
    try:
        raw = decode_public_key(public_key)
    except RecordError as exc:
        raise card_read_error("CARD_AGENT_KEY_INVALID", reason=exc.reason) from None
    kid = key_id(raw)
    taken = session.scalars(select(CardAgent).where(CardAgent.key_id == kid)).first()
    if taken is not None:
        raise card_read_error("CARD_AGENT_KEY_TAKEN", agent_id=taken.id)
    agent = CardAgent(hcode=hcode, name=name, public_key=public_key.strip(), key_id=kid,
                      created_by=principal.id)
    session.add(agent)
    session.flush()
    log.info("card agent %s registered for %s by %s", agent.id, hcode, principal.id)
    return agent


def list_agents(session: Session, principal: Principal, *, hcode: str) -> list[CardAgent]:
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    return list(session.scalars(select(CardAgent).where(CardAgent.hcode == hcode).order_by(CardAgent.id)))


def revoke_agent(session: Session, principal: Principal, *, hcode: str, agent_id: int,
                 now: datetime) -> CardAgent:
    """Revoke an agent: its reads are refused from now on (revoking twice keeps the first time)."""
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    agent = _units_agent(session, hcode, agent_id)
    if agent.revoked_at is None:
        agent.revoked_at = now
        session.flush()
        log.info("card agent %s of %s revoked by %s", agent.id, hcode, principal.id)
    return agent


def issue_nonce(session: Session, principal: Principal, *, agent_id: int, now: datetime) -> CardReadNonce:
    """A single-use nonce for the agent's next read; only a device token of its unit may ask."""
    require_role(principal, Role.UNIT_DEVICE)
    agent = session.get(CardAgent, agent_id)
    if agent is None:
        raise card_read_error("CARD_AGENT_NOT_FOUND", agent_id=agent_id)
    ensure_unit_access(principal, agent.hcode)
    if agent.revoked_at is not None:
        raise card_read_error("CARD_AGENT_REVOKED")
    session.execute(delete(CardReadNonce).where(CardReadNonce.agent_id == agent.id,
                                                CardReadNonce.expires_at < now - PURGE_AFTER))
    row = CardReadNonce(nonce=secrets.token_urlsafe(32), agent_id=agent.id, issued_by=principal.id,
                        issued_at=now, expires_at=now + NONCE_TTL)
    session.add(row)
    session.flush()
    return row


def _checked(signed_read: Mapping[str, object] | None) -> tuple[dict[str, str | None], str]:
    if signed_read is None:
        raise card_read_error("CARD_READ_UNSIGNED")
    if not isinstance(signed_read, Mapping):
        raise card_read_error("CARD_READ_MALFORMED", reason="the signed read is not a JSON object")
    signature = signed_read.get("signature")
    if signed_read.get("record") is None or not signature:
        raise card_read_error("CARD_READ_UNSIGNED")
    if not isinstance(signature, str):
        raise card_read_error("CARD_READ_MALFORMED", reason="the signature is not a string")
    try:
        return check_record(signed_read["record"]), signature
    except RecordError as exc:
        raise card_read_error("CARD_READ_MALFORMED", reason=exc.reason) from None


def _use_nonce(session: Session, agent: CardAgent, nonce: str, now: datetime) -> None:
    """Mark the nonce used, atomically: only an unused, unexpired nonce of this agent."""
    done = session.execute(
        update(CardReadNonce)
        .where(CardReadNonce.nonce == nonce, CardReadNonce.agent_id == agent.id,
               CardReadNonce.used_at.is_(None), CardReadNonce.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False))
    if done.rowcount == 1:  # type: ignore[attr-defined]
        return
    row = session.get(CardReadNonce, nonce)
    if row is None:
        reason = "unknown"
    elif row.agent_id != agent.id:
        reason = "issued to another agent"
    elif row.used_at is not None:
        reason = "already used"
    else:
        reason = "expired"
    raise card_read_error("CARD_READ_NONCE_INVALID", reason=reason)


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise card_read_error("CARD_READ_MALFORMED", reason=f"{name} is not an ISO date") from None


def verify_signed_read(session: Session, *, hcode: str, signed_read: Mapping[str, object] | None,
                       expected_pid: str, now: datetime) -> VerifiedCardRead:
    """Accept a signed card read of ``expected_pid`` made moments ago by an agent of ``hcode``.

    Raises :class:`~server.services.card_read_errors.CardReadError`: ``CARD_READ_UNSIGNED``,
    ``CARD_READ_MALFORMED``, ``CARD_AGENT_UNKNOWN``, ``CARD_AGENT_REVOKED``,
    ``CARD_AGENT_OTHER_UNIT``, ``CARD_READ_SIGNATURE_INVALID``, ``CARD_READ_STALE``,
    ``CARD_READ_IN_FUTURE``, ``CARD_READ_OTHER_CARD``, ``CARD_READ_NONCE_INVALID``.
    The nonce is used up (in the caller's transaction) only when everything else holds.
    """
    record, signature = _checked(signed_read)
    kid = str(record["agent_key_id"])
    agent = session.scalars(select(CardAgent).where(CardAgent.key_id == kid)).first()
    if agent is None:
        raise card_read_error("CARD_AGENT_UNKNOWN", agent_key_id=kid)
    if agent.revoked_at is not None:
        raise card_read_error("CARD_AGENT_REVOKED", agent_id=agent.id)
    if agent.hcode != hcode:
        raise card_read_error("CARD_AGENT_OTHER_UNIT", agent_id=agent.id)
    if not signature_valid(decode_public_key(agent.public_key), record, signature):
        log.warning("card read with a bad signature from agent %s of %s", agent.id, hcode)
        raise card_read_error("CARD_READ_SIGNATURE_INVALID", agent_id=agent.id)
    read_at = parse_read_at(str(record["read_at"]))
    if now - read_at > MAX_READ_AGE:
        raise card_read_error("CARD_READ_STALE", max_age_s=int(MAX_READ_AGE.total_seconds()),
                              age_s=int((now - read_at).total_seconds()))
    if read_at - now > MAX_CLOCK_AHEAD:
        raise card_read_error("CARD_READ_IN_FUTURE", ahead_s=int((read_at - now).total_seconds()))
    pid = str(record["pid"])
    if pid != expected_pid:
        raise card_read_error("CARD_READ_OTHER_CARD", card_pid=mask_pid(pid),
                              expected_pid=mask_pid(expected_pid))
    issue_date = _date(record["issue_date"], "issue_date")
    expiry_date = _date(record["expiry_date"], "expiry_date")
    sex = str(record["sex"])
    if sex not in ("M", "F"):
        raise card_read_error("CARD_READ_MALFORMED", reason="sex must be M or F")
    _use_nonce(session, agent, str(record["nonce"]), now)
    log.info("signed card read of %s accepted from agent %s of %s", mask_pid(pid), agent.id, hcode)
    assert issue_date is not None
    return VerifiedCardRead(
        agent_id=agent.id, agent_name=agent.name, key_id=kid, hcode=hcode, pid=pid,
        title_th=record.get("title_th"), first_name_th=str(record["first_name_th"]),
        middle_name_th=record.get("middle_name_th"), last_name_th=str(record["last_name_th"]),
        birth_date=str(record["birth_date"]), sex=sex, issue_date=issue_date, expiry_date=expiry_date,
        photo_sha256=record.get("photo_sha256"), reader=str(record["reader"]), atr=str(record["atr"]),
        nonce=str(record["nonce"]), read_at=read_at)
