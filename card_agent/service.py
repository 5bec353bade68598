"""What the agent does: list terminals, read and sign, confirm a visit with FVS, latest claim.

* **read**: ask FVS for a nonce (its ``issued_at`` also sets the agent's clock offset, so
  ``read_at`` is in the server's time), read the card, sign the record, keep it under a new
  ``correlationId`` for ``read_ttl_s``; add the citizen's rights and the claim types from FVS.
* **confirm-save**: the read under ``correlationId`` must be of ``pid``.  A read older than
  ``refresh_after_s`` is done again (FVS accepts reads up to 120 s old, and typing a phone
  number can take longer): the card must still be in the reader, and must be the same card.
  The signed read goes to ``POST /api/v1/verifications/smart-card`` with
  ``Idempotency-Key: <correlationId>``; the answer is kept, so a repeated confirm-save of the
  same visit answers the same claim without calling FVS again.  When FVS says the read's nonce
  is used up (an earlier attempt was refused, and FVS keeps refused attempts), the card is read
  again once and the request repeated.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from card_agent.errors import FvsError, agent_error
from card_agent.fvs_client import FvsClient
from card_agent.keys import AgentKey
from card_agent.protocol import sign_record
from card_agent.records import card_record, claim_types, latest_claim, local_time, nhso_read
from card_agent.settings import AgentSettings
from card_reader import CardReading, ReaderInfo, list_readers, read_card
from thai_civil.calendar import now_utc
from thai_civil.pid import InvalidPid, mask_pid, validate_pid

log = logging.getLogger("fvs.card_agent")
DEFAULT_CERTIFIER = "RECORDING_STAFF"
"""Who certifies a visit when the caller (NHSO's confirm-save shape) does not say."""

SERVICE_TYPES_TTL_S = 300.0
MAX_STORED_READS = 64


@dataclass
class StoredRead:
    correlation_id: str
    reading: CardReading
    signed: dict[str, Any]
    read_at: datetime  # server time
    expires: float  # monotonic
    answers: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class ConfirmSave:
    """``POST /api/nhso-service/confirm-save``: NHSO's fields, and FVS's optional extras."""

    pid: str
    claim_type: str
    mobile: str | None
    correlation_id: str
    hn: str | None = None
    hcode: str | None = None
    profession: str | None = None
    certifier: str | None = None
    reason_code: str | None = None
    reason_text: str | None = None
    certifier_correlation_id: str | None = None

    def key(self) -> tuple[Any, ...]:
        return (self.pid, self.claim_type, self.mobile, self.hn, self.profession, self.certifier,
                self.reason_code, self.reason_text, self.certifier_correlation_id)


class ReadStore:
    """Signed reads by correlation id, each kept ``ttl_s``; the oldest go first when full."""

    def __init__(self, ttl_s: float, monotonic: Callable[[], float] = time.monotonic):
        self.ttl_s = ttl_s
        self._now = monotonic
        self._reads: OrderedDict[str, StoredRead] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, read: StoredRead) -> None:
        with self._lock:
            self._reads[read.correlation_id] = read
            self._reads.move_to_end(read.correlation_id)
            while len(self._reads) > MAX_STORED_READS:
                self._reads.popitem(last=False)

    def get(self, correlation_id: str | None) -> StoredRead:
        with self._lock:
            read = self._reads.get(correlation_id or "")
            if read is None or read.expires < self._now():
                self._reads.pop(correlation_id or "", None)
                raise agent_error("AGENT_READ_UNKNOWN")
            return read


def _pid(value: str, field_name: str = "pid") -> str:
    try:
        return validate_pid(value)
    except InvalidPid as exc:
        raise agent_error("AGENT_INVALID_INPUT", field=field_name, reason=exc.reason) from None


class CardAgentService:
    def __init__(self, settings: AgentSettings, key: AgentKey, fvs: FvsClient, *,
                 reader: Callable[..., CardReading] = read_card,
                 readers: Callable[[], list[ReaderInfo]] = list_readers,
                 clock: Callable[[], datetime] = now_utc, monotonic: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.key = key
        self.fvs = fvs
        self._read_card = reader
        self._list_readers = readers
        self._clock = clock
        self._monotonic = monotonic
        self.store = ReadStore(settings.read_ttl_s, monotonic)
        self._card_lock = threading.Lock()  # one PC/SC conversation at a time
        self._offset = timedelta(0)
        self._types: tuple[float, list[dict[str, Any]]] = (0.0, [])

    # --- time ---------------------------------------------------------------------------------
    def server_now(self) -> datetime:
        """Now in the server's time (the local clock corrected by the last nonce's ``issued_at``)."""
        return self._clock() + self._offset

    # --- terminals ----------------------------------------------------------------------------
    def terminals(self) -> list[dict[str, Any]]:
        with self._card_lock:
            found = self._list_readers()
        return [{"terminalName": r.name, "isPresent": r.card_present} for r in found]

    # --- read ---------------------------------------------------------------------------------
    def _signed_read(self, reader: str | None, *, photo: bool) -> tuple[CardReading, dict[str, Any], datetime]:
        before = self._clock()
        nonce = self.fvs.nonce(self.settings.agent_id)
        after = self._clock()
        self._offset = nonce.issued_at - (before + (after - before) / 2)
        with self._card_lock:
            reading = self._read_card(reader, photo=photo, today=self.server_now().date())
        read_at = self.server_now()
        record = card_record(reading, nonce=nonce.value, read_at=read_at, agent_key_id=self.key.key_id)
        return reading, sign_record(self.key.private_key, record), read_at

    def _service_types(self) -> list[dict[str, Any]]:
        expires, cached = self._types
        if expires < self._monotonic():
            cached = self.fvs.service_types()
            self._types = (self._monotonic() + SERVICE_TYPES_TTL_S, cached)
        return cached

    def read(self, *, image: bool) -> dict[str, Any]:
        reading, signed, read_at = self._signed_read(self.settings.reader, photo=image)
        correlation_id = str(uuid.uuid4())
        self.store.put(StoredRead(correlation_id, reading, signed, read_at,
                                  self._monotonic() + self.settings.read_ttl_s))
        log.info("card %s read in %s (correlation %s)", reading.card.masked_pid, reading.reader, correlation_id)
        citizen = self.fvs.citizen(reading.card.pid)
        types = claim_types(self._service_types(), self.settings.profession)
        body = nhso_read(reading, citizen=citizen, types=types, correlation_id=correlation_id,
                         server_now=self.server_now(), image=image)
        body["signedRead"] = signed
        return body

    def _fresh(self, stored: StoredRead, *, force: bool = False) -> StoredRead:
        """The stored read, or a new read of the same card when it is older than allowed (or
        ``force``: its nonce was used by an earlier, refused attempt)."""
        age = self.server_now() - stored.read_at
        if not force and age <= timedelta(seconds=self.settings.refresh_after_s):
            return stored
        reading, signed, read_at = self._signed_read(stored.reading.reader, photo=False)
        if reading.card.pid != stored.reading.card.pid:
            raise agent_error("AGENT_CARD_CHANGED")
        log.info("card %s read again for confirm-save (correlation %s)", reading.card.masked_pid,
                 stored.correlation_id)
        fresh = StoredRead(stored.correlation_id, reading, signed, read_at, stored.expires, stored.answers)
        self.store.put(fresh)
        return fresh

    # --- confirm-save -------------------------------------------------------------------------
    # NHSO's confirm-save names no certifier: the staff member recording the visit certifies it.
    def confirm_save(self, request: ConfirmSave) -> dict[str, Any]:
        pid = _pid(request.pid)
        stored = self.store.get(request.correlation_id)
        if (done := stored.answers.get(request.key())) is not None:
            return done
        if request.hcode and request.hcode != self.settings.hcode:
            raise agent_error("AGENT_HCODE_MISMATCH", hcode=self.settings.hcode, given=request.hcode)
        certifier_read = None
        if request.certifier_correlation_id:
            certifier_read = self._fresh(self.store.get(request.certifier_correlation_id)).signed
        stored = self._fresh(stored)
        holder = stored.reading.card.pid
        payload = {
            "pid": pid, "hcode": self.settings.hcode,
            "profession": request.profession or self.settings.profession,
            "service_type": request.claim_type, "phone": request.mobile, "hn": request.hn,
            "card_read": stored.signed,
            # a relative's card: FVS checks the relationship in its relatives registry
            "card_holder_pid": holder if holder != pid else None,
            "certifier": request.certifier or DEFAULT_CERTIFIER,
            "certifier_card_read": certifier_read,
            "reason_code": request.reason_code, "reason_text": request.reason_text,
        }
        try:
            answer = self.fvs.verify_smart_card(payload, idempotency_key=request.correlation_id)
        except FvsError as exc:
            # FVS keeps a refused attempt on record, and the read's nonce with it: a second try of
            # the same visit (say, with the phone number added) needs a new read of the card.
            if exc.code != "CARD_READ_NONCE_INVALID":
                raise
            stored = self._fresh(stored, force=True)
            payload["card_read"] = stored.signed
            answer = self.fvs.verify_smart_card(payload, idempotency_key=request.correlation_id)
        claim = answer.get("claim") if isinstance(answer, dict) else None
        if not isinstance(claim, dict) or "code" not in claim:
            raise agent_error("FVS_BAD_ANSWER", status=201)
        created = datetime.fromisoformat(str(claim.get("created_at") or self.server_now().isoformat()))
        result = {"pid": pid, "claimType": claim.get("service_type", request.claim_type),
                  "claimCode": claim["code"], "createdDate": local_time(created),
                  "correlationId": request.correlation_id, "status": claim.get("status"),
                  "replayed": bool(answer.get("replayed", False))}
        stored.answers[request.key()] = result
        log.info("claim %s for %s (correlation %s)", claim["code"], mask_pid(pid), request.correlation_id)
        return result

    # --- latest claim -------------------------------------------------------------------------
    def latest_authen_code(self, pid: str) -> dict[str, Any]:
        pid = _pid(pid)
        found = latest_claim(pid, self.fvs.claims(pid), self.server_now())
        if found is None:
            raise agent_error("AGENT_NO_CLAIM")
        return found
