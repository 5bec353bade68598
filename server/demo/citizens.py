"""Demo citizens: valid PIDs, Thai names, every age from newborn to 95, realistic rights."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.demo.thai_names import FEMALE_NAMES, MALE_NAMES, SURNAMES
from server.tables import Citizen
from thai_civil.calendar import age_on
from thai_civil.pid import generate_pid

# Rough shares of the Thai population by scheme; SSS only for working ages.
_RIGHT_WEIGHTS = [("UCS", 0.74), ("SSS", 0.16), ("OFC", 0.07), ("LGO", 0.02), ("BKK", 0.01)]
# Registered main units (hospitals) that demo citizens belong to.
_MAIN_HCODES = ["10662", "10669", "10670", "10713", "11001", "10682"]


def _title(sex: str, age_years: int, married: bool) -> str:
    if age_years < 15:
        return "ด.ช." if sex == "M" else "ด.ญ."
    if sex == "M":
        return "นาย"
    return "นาง" if married else "นางสาว"


def _ucs_sub_right(age_years: int, rng: random.Random) -> str:
    if age_years <= 12:
        return "71"
    if age_years >= 60:
        return "77"
    return rng.choices(["89", "72", "74"], weights=[0.9, 0.07, 0.03])[0]


def _sub_right(right: str, age_years: int, rng: random.Random) -> str | None:
    if right == "UCS":
        return _ucs_sub_right(age_years, rng)
    if right == "SSS":
        return rng.choice(["S1", "S2"])
    if right == "OFC":
        if age_years < 18:
            return "O2"
        return "O3" if age_years >= 60 else rng.choice(["O1", "O2"])
    if right == "LGO":
        return rng.choice(["L1", "L2"])
    return None


def _birth_date(rng: random.Random, today: date, index: int) -> date:
    # A few fixed edge cases first: born on 29 February, and a birthday today.
    if index == 0:
        return date(2004, 2, 29)
    if index == 1:
        return today.replace(year=today.year - 16) if not (today.month == 2 and today.day == 29) else today
    return today - timedelta(days=rng.randint(0, 95 * 365))


def make_citizen(rng: random.Random, today: date, index: int) -> Citizen:
    sex = rng.choice("MF")
    birth = _birth_date(rng, today, index)
    years = age_on(birth, today).years
    right = rng.choices([r for r, _ in _RIGHT_WEIGHTS], weights=[w for _, w in _RIGHT_WEIGHTS])[0]
    if right == "SSS" and not 15 <= years <= 60:
        right = "UCS"
    first_th, first_en = rng.choice(MALE_NAMES if sex == "M" else FEMALE_NAMES)
    last_th, last_en = rng.choice(SURNAMES)
    has_phone = years >= 12 and rng.random() < 0.9
    return Citizen(
        pid=generate_pid(rng, first_digit=1 if years < 40 else rng.choice([1, 3])),
        title_th=_title(sex, years, married=rng.random() < 0.5),
        first_name_th=first_th, last_name_th=last_th,
        first_name_en=first_en if rng.random() < 0.7 else None,
        last_name_en=last_en if rng.random() < 0.7 else None,
        birth_date=birth, sex=sex,
        phone=f"0{rng.choice('689')}{rng.randint(0, 99_999_999):08d}" if has_phone else None,
        right_code=right, sub_right_code=_sub_right(right, years, rng),
        main_hcode=rng.choice(_MAIN_HCODES),
    )


def demo_laser_code(pid: str) -> str:
    """The card's laser code of a demo citizen (from their PID, so the main draw is unchanged):
    what the LINE registration asks for (docs/line.md)."""
    r = random.Random(pid)
    return r.choice(["JC", "JT", "ME", "AA", "BE"]) + f"{r.randrange(10**10):010d}"


def load_demo_citizens(session: Session, count: int, rng: random.Random, today: date) -> int:
    """Add ``count`` citizens (skipping PIDs already present); returns how many were added."""
    existing = set(session.scalars(select(Citizen.pid)))
    added = 0
    for index in range(count):
        citizen = make_citizen(rng, today, index)
        if citizen.pid in existing:
            continue
        citizen.laser_code = demo_laser_code(citizen.pid)
        existing.add(citizen.pid)
        session.add(citizen)
        added += 1
    session.flush()
    return added
