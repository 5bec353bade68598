"""Sending an SMS: the interface, the development provider, and loading a real one by name.

A provider is any object with ``send(phone: str, text: str) -> None`` that raises on failure.
The default, :class:`LogSms`, writes the message to the server log (development and tests: the
OTP is read from the log).  A real provider is plugged in with ``FVS_LINE_SMS_PROVIDER`` set to
``"package.module:factory"`` — a callable with no arguments returning a provider (it reads its own
credentials, e.g. from its own environment variables).
"""
from __future__ import annotations

import importlib
import logging
from typing import Protocol, runtime_checkable

from thai_civil.phone import normalize_phone

log = logging.getLogger("fvs.sms")


@runtime_checkable
class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None:
        """Deliver ``text`` to the Thai mobile number ``phone`` (``08…``); raise on failure."""


def masked_phone(phone: str) -> str:
    p = normalize_phone(phone)
    return "*" * max(0, len(p) - 4) + p[-4:]


class LogSms:
    """The development provider: the SMS goes to the server log (logger ``fvs.sms``) and, for
    in-process tests, to :attr:`outbox`.  Never for production: anyone reading the log sees the
    codes."""

    def __init__(self) -> None:
        self.outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.outbox.append((normalize_phone(phone), text))
        del self.outbox[:-100]
        log.warning("SMS (development provider) to %s: %s", masked_phone(phone), text,
                    extra={"sms_to": masked_phone(phone), "sms_text": text})


def load_sender(spec: str | None) -> SmsSender:
    """``"log"`` (or empty) → :class:`LogSms`; ``"module:factory"`` → ``factory()``."""
    if not spec or spec.strip().lower() == "log":
        return LogSms()
    module_name, _, attr = spec.partition(":")
    if not attr:
        raise ValueError(f"FVS_LINE_SMS_PROVIDER must be 'log' or 'module:factory', not {spec!r}")
    sender = getattr(importlib.import_module(module_name), attr)()
    if not isinstance(sender, SmsSender):
        raise TypeError(f"{spec} did not return an object with send(phone, text)")
    return sender
