"""Face policy by age band: which threshold a verification uses, how long a template stays valid,
and whether face may be a primary channel.  The numbers are data (``models/data/face_policy.json``,
or a deployment's own file); the thresholds themselves live in each pack's manifest
(``thresholds.bands``) because every recogniser has its own score scale.

What the server calls::

    policy = load_face_policy()                       # or load_face_policy(path)
    band = policy.band_for(age_years)                 # AgeBand of the citizen on the service date
    threshold = threshold_for(engine, age_years)      # the band's operating threshold of this pack
    role = face_role(engine, age_years)               # "primary" | "alternative" | "none"
    if template_expired(age_at_enrolment, enrolled_on, service_date):
        raise template_expired_error(age_at_enrolment, enrolled_on)   # FACE_TEMPLATE_EXPIRED

Ages are completed years (``thai_civil.calendar.age_on(...).years``).  Template expiry
adds whole months to the enrolment date with the Civil and Commercial Code convention used for
ages (a missing day is the month's last day).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from models.errors import FaceError
from models.manifest import BandThreshold, Manifest, age_ranges_problem
from thai_civil.calendar import add_months

DEFAULT_POLICY = Path(__file__).resolve().parent / "data" / "face_policy.json"
FACE_ROLES = ("primary", "alternative", "none")  # strongest first


@dataclass(frozen=True)
class AgeBand:
    """One age band of the face policy (ages in completed years, ``max_age`` None = no limit)."""

    id: str
    min_age: int
    max_age: int | None
    name_th: str
    name_en: str
    far_target: float  # false-accept rate the band's threshold must hold
    face_role: str  # the most face may be in this band: primary | alternative | none
    template_valid_months: int  # validity of a template enrolled at an age in this band

    def covers(self, age: int) -> bool:
        return self.min_age <= age and (self.max_age is None or age <= self.max_age)

    @property
    def label(self) -> str:
        return f"{self.min_age}+" if self.max_age is None else f"{self.min_age}-{self.max_age}"


@dataclass(frozen=True)
class FacePolicy:
    """The age bands, the FNMR above which face cannot be primary, and how to re-enrol."""

    bands: tuple[AgeBand, ...]
    primary_max_fnmr: float
    re_enrol_source: str

    def band_for(self, age_years: int) -> AgeBand:
        """The band covering ``age_years`` (ValueError for a negative age)."""
        if age_years < 0:
            raise ValueError(f"age {age_years} is negative")
        return next(b for b in self.bands if b.covers(age_years))

    def template_expires_on(self, age_at_enrolment: int, enrolled_on: date) -> date:
        """First day on which a template enrolled on ``enrolled_on`` is no longer valid."""
        months = self.band_for(age_at_enrolment).template_valid_months
        return add_months(enrolled_on, months)

    def template_expired(self, age_at_enrolment: int, enrolled_on: date, on: date) -> bool:
        """Whether the template may no longer be used on date ``on``."""
        return on >= self.template_expires_on(age_at_enrolment, enrolled_on)


def parse_face_policy(data: dict[str, Any]) -> FacePolicy:
    """Build a :class:`FacePolicy` from its JSON form (ValueError naming the problem)."""
    try:
        bands = tuple(
            AgeBand(
                id=str(b["id"]),
                min_age=int(b["min_age"]),
                max_age=None if b["max_age"] is None else int(b["max_age"]),
                name_th=str(b["name_th"]),
                name_en=str(b["name_en"]),
                far_target=float(b.get("far_target", 0.001)),
                face_role=str(b["face_role"]),
                template_valid_months=int(b["template_valid_months"]),
            )
            for b in data["bands"]
        )
        policy = FacePolicy(
            bands=bands,
            primary_max_fnmr=float(data["primary_max_fnmr"]),
            re_enrol_source=str(data["re_enrol_source"]),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"invalid face policy: missing or malformed {exc}") from exc
    if not bands:
        raise ValueError("invalid face policy: no bands")
    problem = age_ranges_problem([(b.min_age, b.max_age) for b in bands])
    if problem:
        raise ValueError(f"invalid face policy: {problem}")
    for band in bands:
        if not 0.0 < band.far_target < 1.0:
            raise ValueError(f"invalid face policy: band {band.id} far_target not in (0, 1)")
        if band.face_role not in FACE_ROLES:
            raise ValueError(
                f"invalid face policy: band {band.id} face_role {band.face_role!r} is not one "
                f"of {', '.join(FACE_ROLES)}"
            )
        if band.template_valid_months <= 0:
            raise ValueError(f"invalid face policy: band {band.id} template_valid_months <= 0")
    if len({b.id for b in bands}) != len(bands):
        raise ValueError("invalid face policy: band ids must be unique")
    if not 0.0 < policy.primary_max_fnmr <= 1.0:
        raise ValueError("invalid face policy: primary_max_fnmr not in (0, 1]")
    return policy


@lru_cache
def load_face_policy(path: str | os.PathLike[str] | None = None) -> FacePolicy:
    """The packaged policy, or a deployment's own file at ``path``."""
    source = Path(path) if path else DEFAULT_POLICY
    return parse_face_policy(json.loads(source.read_text(encoding="utf-8")))


# --- per-pack answers ------------------------------------------------------------------------
def _manifest(manifest_or_engine: Any) -> Manifest:
    """A :class:`Manifest`, or the manifest of a :class:`~models.engine.FaceEngine`."""
    return getattr(manifest_or_engine, "manifest", manifest_or_engine)


def band_for(age_years: int, policy: FacePolicy | None = None) -> AgeBand:
    """The policy band of a citizen aged ``age_years`` on the service date."""
    return (policy or load_face_policy()).band_for(age_years)


def manifest_bands(
    manifest_or_engine: Any, band: AgeBand
) -> tuple[BandThreshold, ...]:
    """The pack's band thresholds overlapping a policy band (empty when the pack has none)."""
    hi = band.max_age if band.max_age is not None else 10**6
    return tuple(
        b
        for b in _manifest(manifest_or_engine).thresholds.bands
        if b.min_age <= hi and (b.max_age is None or b.max_age >= band.min_age)
    )


def band_threshold(manifest_or_engine: Any, band: AgeBand) -> BandThreshold | None:
    """The pack's threshold entry answering a policy band: the strictest of its bands that
    overlap it (None when the pack has no band thresholds)."""
    entries = manifest_bands(manifest_or_engine, band)
    return max(entries, key=lambda b: b.threshold) if entries else None


def threshold_for(
    manifest_or_engine: Any, age_years: int, policy: FacePolicy | None = None
) -> float:
    """The cosine threshold a verification of a citizen aged ``age_years`` must reach.

    The pack's threshold for the policy band of that age; when the pack's bands are cut
    differently from the policy's, the strictest pack band overlapping the policy band; the
    global ``thresholds.verify`` when the pack has no band thresholds (e.g. a site's own
    manifest not yet measured by age).
    """
    entry = band_threshold(manifest_or_engine, band_for(age_years, policy))
    return _manifest(manifest_or_engine).thresholds.verify if entry is None else entry.threshold


def face_role(manifest_or_engine: Any, age_years: int, policy: FacePolicy | None = None) -> str:
    """The most face may be for a citizen of this age with this pack.

    The band's ``face_role`` from the policy, lowered from ``primary`` to ``alternative`` when
    the pack's threshold for the band was not estimable at its FAR target or its measured FNMR
    exceeds ``primary_max_fnmr`` (or the pack has no band thresholds at all).
    """
    policy = policy or load_face_policy()
    band = policy.band_for(age_years)
    if band.face_role != "primary":
        return band.face_role
    entries = manifest_bands(manifest_or_engine, band)
    usable = bool(entries) and all(
        e.source.estimable and e.source.fnmr is not None and e.source.fnmr <= policy.primary_max_fnmr
        for e in entries
    )
    return "primary" if usable else "alternative"


def check_manifest(manifest_or_engine: Any, policy: FacePolicy | None = None) -> list[str]:
    """Problems between a pack's band thresholds and the policy (empty list = consistent).

    The server should log these at start-up: a pack measured for other bands or a looser FAR
    target than the policy asks still works (:func:`threshold_for` takes the strictest
    overlapping band) but its figures do not answer the policy.
    """
    policy = policy or load_face_policy()
    manifest = _manifest(manifest_or_engine)
    if not manifest.thresholds.bands:
        verify = manifest.thresholds.verify
        return [f"pack {manifest.id} has no band thresholds: every band uses verify {verify}"]
    problems = []
    for band in policy.bands:
        entries = manifest_bands(manifest, band)
        if [(e.min_age, e.max_age) for e in entries] != [(band.min_age, band.max_age)]:
            problems.append(f"pack {manifest.id} has no threshold cut for band {band.label}")
        for e in entries:
            if e.far_target > band.far_target:
                problems.append(
                    f"pack {manifest.id} band {band.label}: threshold chosen for FAR "
                    f"{e.far_target:g}, the policy asks {band.far_target:g}"
                )
            if not e.source.estimable:
                problems.append(
                    f"pack {manifest.id} band {band.label}: FAR target not estimable from "
                    f"{e.source.impostor_pairs} impostor pairs of {e.source.dataset}"
                )
    return problems


# --- template ageing -------------------------------------------------------------------------
def template_expires_on(
    age_at_enrolment: int, enrolled_on: date, policy: FacePolicy | None = None
) -> date:
    """First day on which a template enrolled at that age on that date is no longer valid."""
    return (policy or load_face_policy()).template_expires_on(age_at_enrolment, enrolled_on)


def template_expired(
    age_at_enrolment: int, enrolled_on: date, on: date, policy: FacePolicy | None = None
) -> bool:
    """Whether a template enrolled at ``age_at_enrolment`` on ``enrolled_on`` has expired on
    ``on`` (the service date)."""
    return (policy or load_face_policy()).template_expired(age_at_enrolment, enrolled_on, on)


def template_expired_error(
    age_at_enrolment: int, enrolled_on: date, policy: FacePolicy | None = None
) -> FaceError:
    """``FACE_TEMPLATE_EXPIRED`` with the dates and how to re-enrol (the server adds the next
    channels)."""
    policy = policy or load_face_policy()
    band = policy.band_for(age_at_enrolment)
    return FaceError(
        "FACE_TEMPLATE_EXPIRED",
        details={
            "age_at_enrolment": age_at_enrolment,
            "enrolled_on": enrolled_on.isoformat(),
            "expired_on": policy.template_expires_on(age_at_enrolment, enrolled_on).isoformat(),
            "valid_months": band.template_valid_months,
            "re_enrol_source": policy.re_enrol_source,
        },
    )
