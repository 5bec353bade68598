"""Claim code format: two capital letters (the service type's prefix), nine random digits and a
Luhn check digit computed over the prefix (A=10 … Z=35) and the nine digits — ``PP1005187798``.

The check digit catches any single mistyped digit and most swapped neighbours when a unit
types a code by hand.  Uniqueness is the database's job (a unique constraint); the random part
has 10⁹ values per prefix, and a collision is simply retried.
"""
from __future__ import annotations

import re
import secrets

CODE_RE = re.compile(r"^[A-Z]{2}\d{10}$")


def _luhn_digits(prefix: str, body: str) -> str:
    return "".join(str(ord(c) - 55) for c in prefix) + body


def check_digit(prefix: str, body: str) -> int:
    """The Luhn digit that makes ``prefix + body + digit`` valid."""
    total = 0
    for i, ch in enumerate(reversed(_luhn_digits(prefix, body))):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def make_code(prefix: str, number: int | None = None) -> str:
    if not re.fullmatch(r"[A-Z]{2}", prefix):
        raise ValueError("the prefix must be two capital letters")
    body = f"{secrets.randbelow(10**9) if number is None else number:09d}"
    if len(body) != 9:
        raise ValueError("the number must have at most nine digits")
    return f"{prefix}{body}{check_digit(prefix, body)}"


def is_valid_code(code: str) -> bool:
    code = (code or "").strip().upper()
    return bool(CODE_RE.match(code)) and check_digit(code[:2], code[2:11]) == int(code[11])
