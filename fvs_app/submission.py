"""Sending a face verification until the server answers, always with the same Idempotency-Key.

A request that got no answer may still have reached the server and made a claim; sending it again
with the same key returns that claim (``replayed``) instead of a second one, so the sender keeps
trying — after a growing delay, or at once when asked — until an answer comes or staff stop it.
A 503 (models busy or loading) is retried after its ``Retry-After``.  No claim code is ever
made up here: only the server's answer carries one.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from fvs_app.api_client import ApiError, NoAnswer, Upload
from fvs_app.background import Background
from fvs_app.config import RetryPolicy


@dataclass(frozen=True)
class FaceRequest:
    form: dict[str, str]
    photo: Upload
    frames: tuple[Upload, ...] = ()
    idempotency_key: str = field(default_factory=lambda: str(uuid.uuid4()))


class Outcome(StrEnum):
    ISSUED = "ISSUED"      # 201: the claim
    REFUSED = "REFUSED"    # 422: reasons and next channels
    EXISTS = "EXISTS"      # 409 CLAIM_EXISTS: a live claim of today
    FAILED = "FAILED"      # any other error answer (token revoked, bad request…)


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    body: dict[str, Any]
    error: ApiError | None = None


class Phase(StrEnum):
    SENDING = "SENDING"
    WAITING_NETWORK = "WAITING_NETWORK"
    WAITING_SERVER = "WAITING_SERVER"
    ANSWERED = "ANSWERED"
    ABANDONED = "ABANDONED"


@dataclass(frozen=True)
class SendState:
    phase: Phase
    attempt: int
    delay_s: float = 0.0
    detail: str = ""
    answer: Answer | None = None


class Cancellable(Protocol):
    def cancel(self) -> None: ...


CallLater = Callable[[float, Callable[[], None]], Cancellable]
RETRYABLE_STATUS = {502, 503, 504}


def classify(error: ApiError) -> Answer:
    if error.status == 422:
        return Answer(Outcome.REFUSED, error.body, error)
    if error.status == 409 and error.code == "CLAIM_EXISTS":
        return Answer(Outcome.EXISTS, error.body, error)
    return Answer(Outcome.FAILED, error.body, error)


class FaceSender:
    """Drives one :class:`FaceRequest` to an answer; every state change goes to ``on_state``."""

    def __init__(self, request: FaceRequest, send: Callable[[FaceRequest], dict[str, Any]], background: Background,
                 call_later: CallLater, policy: RetryPolicy, on_state: Callable[[SendState], None]):
        self.request = request
        self._send = send
        self._background = background
        self._call_later = call_later
        self._policy = policy
        self._on_state = on_state
        self._attempt = 0
        self._timer: Cancellable | None = None
        self._in_flight = False
        self.state = SendState(Phase.SENDING, 0)

    def start(self) -> None:
        self._try()

    def retry_now(self) -> None:
        """Send again at once (staff pressed the button) unless a try is already on its way."""
        if self.state.phase in (Phase.WAITING_NETWORK, Phase.WAITING_SERVER):
            self._cancel_timer()
            self._try()

    def abandon(self) -> None:
        self._cancel_timer()
        if self.state.phase != Phase.ANSWERED:
            self._set(SendState(Phase.ABANDONED, self._attempt))

    # --- internals ----------------------------------------------------------------------------
    def _set(self, state: SendState) -> None:
        self.state = state
        self._on_state(state)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _try(self) -> None:
        if self._in_flight or self.state.phase in (Phase.ANSWERED, Phase.ABANDONED):
            return
        self._attempt += 1
        self._in_flight = True
        self._set(SendState(Phase.SENDING, self._attempt))
        self._background.run(lambda: self._send(self.request), self._answered, self._failed)

    def _answered(self, body: dict[str, Any]) -> None:
        self._in_flight = False
        if self.state.phase == Phase.ABANDONED:
            return
        self._set(SendState(Phase.ANSWERED, self._attempt, answer=Answer(Outcome.ISSUED, body)))

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        if self.state.phase == Phase.ABANDONED:
            return
        if isinstance(exc, NoAnswer):
            self._wait(Phase.WAITING_NETWORK, self._policy.delay(self._attempt), exc.detail)
        elif isinstance(exc, ApiError) and exc.status in RETRYABLE_STATUS:
            delay = exc.retry_after if exc.retry_after is not None else self._policy.delay(self._attempt)
            message = exc.message_th or exc.message_en or exc.code
            self._wait(Phase.WAITING_SERVER, delay, message)
        elif isinstance(exc, ApiError):
            self._set(SendState(Phase.ANSWERED, self._attempt, answer=classify(exc)))
        else:
            self._wait(Phase.WAITING_NETWORK, self._policy.delay(self._attempt), type(exc).__name__)

    def _wait(self, phase: Phase, delay: float, detail: str) -> None:
        self._set(SendState(phase, self._attempt, delay, detail))
        self._timer = self._call_later(delay, self._try)
