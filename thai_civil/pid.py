"""Thai citizen identification number (PID): validation, masking, generation.

13 digits; the last is a check digit: ``(11 - sum(d_i * (13 - i) for i in 0..11) % 11) % 10``.
"""
from __future__ import annotations

import random
import re

from thai_civil.errors import CATALOGUE, ThaiCivilError

_DIGITS = re.compile(r"^[0-9]{13}$")


class InvalidPid(ThaiCivilError):
    """The value is not a valid 13-digit Thai citizen ID (code ``INVALID_PID``); ``reason`` says
    why in English (also in ``details``)."""

    def __init__(self, reason: str):
        th, en = CATALOGUE.messages("INVALID_PID")
        super().__init__("INVALID_PID", th, en, {"reason": reason})
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def check_digit(first12: str) -> int:
    if len(first12) != 12 or not all("0" <= c <= "9" for c in first12):
        raise InvalidPid("need exactly 12 digits to compute a check digit")
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def normalize_pid(value: str) -> str:
    """Strip the spaces and dashes people type (``1-2345-67890-12-1``)."""
    return re.sub(r"[\s-]", "", str(value))


def validate_pid(value: str) -> str:
    """Return the normalised PID or raise :class:`InvalidPid` saying why."""
    pid = normalize_pid(value)
    if not _DIGITS.match(pid):
        raise InvalidPid("PID must be exactly 13 digits")
    if pid[0] == "0":
        raise InvalidPid("PID cannot start with 0")
    if check_digit(pid[:12]) != int(pid[12]):
        raise InvalidPid("PID check digit does not match")
    return pid


def is_valid_pid(value: str) -> bool:
    try:
        validate_pid(value)
    except InvalidPid:
        return False
    return True


def mask_pid(pid: str) -> str:
    """Everything but the last four digits hidden: ``*********0121``."""
    pid = normalize_pid(pid)
    if len(pid) <= 4:
        return "*" * len(pid)
    return "*" * (len(pid) - 4) + pid[-4:]


def generate_pid(rng: random.Random | None = None, first_digit: int | None = None) -> str:
    """A random but valid PID (for demo data and tests)."""
    rng = rng or random.Random()
    first = str(first_digit if first_digit is not None else rng.randint(1, 8))
    body = first + "".join(str(rng.randint(0, 9)) for _ in range(11))
    return body + str(check_digit(body))
