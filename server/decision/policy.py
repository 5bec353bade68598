"""The verification policy, loaded from data (``server/reference/verification_policy.json``)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from server.decision.evidence import Channel


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

    @property
    def channels(self) -> tuple[Channel, ...]:
        return self.primary + self.alternative + self.special


@dataclass(frozen=True)
class Policy:
    age_groups: tuple[AgeGroup, ...]
    special_channels_need_appeal: bool
    line_proxy_relations: frozenset[str]
    smart_card_holder_relations: frozenset[str]
    phone_pattern: re.Pattern[str]
    require_liveness: bool

    def group_for(self, age_years: int) -> AgeGroup:
        for group in self.age_groups:
            if group.min_years <= age_years <= group.max_years:
                return group
        raise ValueError(f"no age group covers {age_years} years")


def _channels(names: list[str]) -> tuple[Channel, ...]:
    return tuple(Channel(n) for n in names)


def parse_policy(data: dict) -> Policy:
    groups = tuple(
        AgeGroup(
            id=g["id"], min_years=g["min_years"], max_years=g["max_years"],
            name_th=g["name_th"], name_en=g["name_en"], primary=_channels(g["primary"]),
            alternative=_channels(g["alternative"]), special=_channels(g["special"]),
        )
        for g in data["age_groups"]
    )
    covered = sorted((g.min_years, g.max_years) for g in groups)
    for (_, hi), (lo, _) in zip(covered, covered[1:]):
        if lo != hi + 1:
            raise ValueError(f"age groups must be contiguous: gap or overlap between {hi} and {lo}")
    return Policy(
        age_groups=groups,
        special_channels_need_appeal=bool(data["special_channels_need_appeal"]),
        line_proxy_relations=frozenset(data["line_proxy_relations"]),
        smart_card_holder_relations=frozenset(data["smart_card_holder_relations"]),
        phone_pattern=re.compile(data["phone_pattern"]),
        require_liveness=bool(data["face"]["require_liveness"]),
    )


@lru_cache
def load_policy(path: str | None = None) -> Policy:
    """The packaged policy, or one from ``path`` (a deployment may override it)."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("server.reference").joinpath("verification_policy.json").read_text("utf-8")
    return parse_policy(json.loads(text))
