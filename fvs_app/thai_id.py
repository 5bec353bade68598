"""Thai citizen ID (PID) checks for live validation while it is typed.

13 digits; the last is the check digit ``(11 - sum(d[i] * (13 - i) for i in 0..11) % 11) % 10``.
"""
from __future__ import annotations

from enum import StrEnum

PID_LENGTH = 13


class PidState(StrEnum):
    EMPTY = "EMPTY"
    INCOMPLETE = "INCOMPLETE"
    BAD_CHECK_DIGIT = "BAD_CHECK_DIGIT"
    STARTS_WITH_ZERO = "STARTS_WITH_ZERO"
    VALID = "VALID"


def check_digit(first12: str) -> int:
    """The check digit of the first 12 digits."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError("need exactly 12 digits")
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def pid_state(digits: str) -> PidState:
    """Where a PID being typed stands: empty, incomplete, wrong, or valid."""
    if not digits:
        return PidState.EMPTY
    if not digits.isdigit() or len(digits) > PID_LENGTH:
        return PidState.BAD_CHECK_DIGIT
    if len(digits) < PID_LENGTH:
        return PidState.INCOMPLETE
    if digits[0] == "0":
        return PidState.STARTS_WITH_ZERO
    if check_digit(digits[:12]) != int(digits[12]):
        return PidState.BAD_CHECK_DIGIT
    return PidState.VALID


def format_pid(digits: str) -> str:
    """Group as printed on the card: ``1-2345-67890-12-3`` (partial input grouped as far as it goes)."""
    groups = (1, 4, 5, 2, 1)
    parts, start = [], 0
    for size in groups:
        if start >= len(digits):
            break
        parts.append(digits[start:start + size])
        start += size
    return "-".join(parts)


def mask_pid(pid: str) -> str:
    """All but the last four digits hidden, as the server logs them."""
    return "*" * max(0, len(pid) - 4) + pid[-4:]
