"""The verification policy, loaded from data (``server/reference/verification_policy.json``)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from server.decision.evidence import Channel

RightRule = Literal["ALLOW", "FLAG", "REFUSE"]


@dataclass(frozen=True)
class AgeGroup:
    id: str
    min_years: int
    max_years: int
    name_th: str
    name_en: str
    primary: tuple[Channel, ...]
    alternative: tuple[Channel, ...]
    special: tuple[Channel, ...]
    proxies: frozenset[str]  # relations that may prove presence for the citizen by LINE + QR

    @property
    def channels(self) -> tuple[Channel, ...]:
        return self.primary + self.alternative + self.special


@dataclass(frozen=True)
class Choice:
    """An entry of a list the documents give (a reason, a certifier), with its display names."""

    code: str
    name_th: str
    name_en: str
    max_age: int | None = None  # the reason fits only citizens of at most this age
    origin: str = "NHSO"  # FVS marks what it added to an NHSO list


@dataclass(frozen=True)
class ChallengeRule:
    """Active liveness: how many head turns, how long the challenge lives, whether it is required."""

    required: bool
    steps: int
    ttl_s: int


@dataclass(frozen=True)
class Policy:
    age_groups: tuple[AgeGroup, ...]
    special_channels_need_appeal: bool
    rights: dict[str, RightRule]
    card_holder_relations: frozenset[str]
    certifiers: tuple[Choice, ...]
    special_reasons: tuple[Choice, ...]
    require_liveness: bool
    challenge: ChallengeRule
    qr_needs_citizen_session: bool

    def group_for(self, age_years: int) -> AgeGroup:
        for group in self.age_groups:
            if group.min_years <= age_years <= group.max_years:
                return group
        raise ValueError(f"no age group covers {age_years} years")

    def right_rule(self, right_code: str | None) -> RightRule:
        return self.rights.get(right_code or "NONE", self.rights.get("*", "REFUSE"))

    def special_reason(self, code: str | None) -> Choice | None:
        return next((r for r in self.special_reasons if r.code == code), None)


def _channels(names: list[str]) -> tuple[Channel, ...]:
    return tuple(Channel(n) for n in names)


def _choices(items: list[dict]) -> tuple[Choice, ...]:
    return tuple(Choice(i["code"], i["name_th"], i["name_en"], i.get("max_age"), i.get("origin", "NHSO"))
                 for i in items)


def parse_policy(data: dict) -> Policy:
    groups = tuple(
        AgeGroup(
            id=g["id"], min_years=g["min_years"], max_years=g["max_years"],
            name_th=g["name_th"], name_en=g["name_en"], primary=_channels(g["primary"]),
            alternative=_channels(g["alternative"]), special=_channels(g["special"]),
            proxies=frozenset(g.get("proxies", ())),
        )
        for g in data["age_groups"]
    )
    covered = sorted((g.min_years, g.max_years) for g in groups)
    for (_, hi), (lo, _) in zip(covered, covered[1:]):
        if lo != hi + 1:
            raise ValueError(f"age groups must be contiguous: gap or overlap between {hi} and {lo}")
    rights = dict(data["rights"])
    if any(rule not in ("ALLOW", "FLAG", "REFUSE") for rule in rights.values()):
        raise ValueError("a right's rule must be ALLOW, FLAG or REFUSE")
    card = data["smart_card"]
    return Policy(
        age_groups=groups,
        special_channels_need_appeal=bool(data["special_channels_need_appeal"]),
        rights=rights,
        card_holder_relations=frozenset(card["holder_relations"]),
        certifiers=_choices(card["certifiers"]),
        special_reasons=_choices(card["reasons"]),
        require_liveness=bool(data["face"]["require_liveness"]),
        challenge=ChallengeRule(bool(data["face"]["challenge"]["required"]), int(data["face"]["challenge"]["steps"]),
                                int(data["face"]["challenge"]["ttl_s"])),
        qr_needs_citizen_session=bool(data["qr"]["citizen_session_required"]),
    )


@lru_cache
def load_policy(path: str | None = None) -> Policy:
    """The packaged policy, or one from ``path`` (a deployment may override it)."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("server.reference").joinpath("verification_policy.json").read_text("utf-8")
    return parse_policy(json.loads(text))
