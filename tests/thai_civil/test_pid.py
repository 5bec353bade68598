import random

import pytest

from thai_civil.pid import (
    InvalidPid,
    check_digit,
    generate_pid,
    is_valid_pid,
    mask_pid,
    validate_pid,
)


def with_check(first12: str) -> str:
    return first12 + str(check_digit(first12))


@pytest.mark.parametrize(
    "first12, expected",
    [
        # sum = 1*13+1*12+0*11+1*10+7*9+0*8+0*7+2*6+0*5+3*4+4*3+5*2 = 144; 144 % 11 = 1; 11-1 = 10 → 0
        ("110170020345", 0),
        # sum = 3*13 + 1*12 = 51; 51 % 11 = 7; 11-7 = 4
        ("310000000000", 4),
        # sum % 11 == 0 → 11 % 10 = 1
        ("100000000001", (11 - (13 + 2) % 11) % 10),
        # sum % 11 == 1 → 10 % 10 = 0: the "10 becomes 0" edge
        ("100000000004", (11 - (13 + 8) % 11) % 10),
    ],
)
def test_check_digit_formula(first12, expected):
    assert check_digit(first12) == expected


def test_known_valid_and_every_wrong_check_digit_refused():
    pid = with_check("110170020345")
    assert validate_pid(pid) == pid
    for wrong in set("0123456789") - {pid[-1]}:
        with pytest.raises(InvalidPid, match="check digit"):
            validate_pid(pid[:12] + wrong)


@pytest.mark.parametrize(
    "value, reason",
    [
        ("", "13 digits"),
        ("110170020345", "13 digits"),  # 12 digits
        ("11017002034500", "13 digits"),  # 14 digits
        ("11017002034a0", "13 digits"),
        ("０１２３４５６７８９０１２", "13 digits"),  # full-width digits are not accepted
        (with_check("010170020345"), "start with 0"),
    ],
)
def test_malformed_pids_refused_with_reason(value, reason):
    with pytest.raises(InvalidPid, match=reason):
        validate_pid(value)


def test_spaces_and_dashes_are_normalised():
    pid = with_check("110170020345")
    typed = f"{pid[0]}-{pid[1:5]}-{pid[5:10]}-{pid[10:12]}-{pid[12]}"
    assert validate_pid(typed) == pid
    assert validate_pid(f" {pid} ") == pid


def test_generated_pids_are_valid_and_deterministic():
    a = [generate_pid(random.Random(7)) for _ in range(3)]
    assert len(set(a)) == 1
    rng = random.Random(1)
    assert all(is_valid_pid(generate_pid(rng)) for _ in range(500))


def test_mask_keeps_only_last_four():
    assert mask_pid("1101700203450") == "*********3450"
    assert mask_pid("12") == "**"
