"""Accuracy by age: labelled photo folders, genuine/impostor pairs with ages, and FNMR/FMR/TAR by
age band and age gap.  Shared by ``face_fairness.py`` (reports) and ``face_thresholds.py
--by-band`` (derives the band thresholds written into the manifests).

File names carry identity and age (completed years), searched recursively:

* FG-NET: ``PPPAxx[a-z].JPG`` — ``078A11.JPG`` is person 078 at 11, ``001A43a.JPG`` a second
  photo of person 001 at 43;
* generic: ``<identity>_<age>[_anything].<jpg|jpeg|png>`` — identity is everything before the
  first ``_<1-3 digits>`` field followed by ``_`` or the extension (``somchai_k_34_2.jpg`` is
  ``somchai_k`` at 34).  Other files are listed as skipped.

Pairs.  Every pair of two photos of one identity is *genuine*; the younger photo plays the
enrolled template, the older one the probe (a verification comes after enrolment).  Pairs of
different identities are *impostors*: all of them, or a seeded uniform sample of ``max_impostors``
when there are more.

A pair's band is the **probe's** age band: the citizen's age on the service date is what the
server looks up.  In the band table

* impostor pairs have *both* photos in the band (an impostor of a child's identity is another
  child: demographically matched impostors, as in NIST FRVT's demographic reports, are the hard
  case and what a stolen child's card meets);
* genuine pairs have the probe in the band and a template the policy still accepts (age gap
  within ``template_valid_months`` of the template's band) — the errors the service would make.

The age-gap table takes every genuine pair and every impostor pair by the years between the two
photos, each judged at the probe's band threshold.  The ageing table splits genuine pairs by the
template's band and the gap: where FNMR climbs with the gap, templates of that band must expire.

A FAR point f is reported only with at least ``min_false_accepts / f`` impostor pairs (default
10: the threshold then rests on the 10th-highest impostor score or beyond); its threshold is the
lowest accepting at most floor(f·N) impostors (``_common.threshold_at_far``).  Pairs share
photos, so they are not independent: read the counts as an upper bound of the evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from _common import threshold_at_far
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from models.engine import FaceEngine
from models.errors import FaceError
from models.face_policy import AgeBand, FacePolicy

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
FGNET_NAME = re.compile(r"^(?P<id>\d{3})A(?P<age>\d{2})[a-z]?\.(?:jpe?g|png)$", re.IGNORECASE)
GENERIC_NAME = re.compile(
    r"^(?P<id>.+?)_(?P<age>\d{1,3})(?:_[^/]*)?\.(?:jpe?g|png)$", re.IGNORECASE
)
AGE_GAPS: tuple[tuple[int, int | None], ...] = ((0, 2), (3, 5), (6, 10), (11, None))
FAR_POINTS = (1e-2, 1e-3)
MIN_FALSE_ACCEPTS = 10


# --- photos ----------------------------------------------------------------------------------
def parse_name(name: str) -> tuple[str, int] | None:
    """(identity, age) from a file name in one of the two conventions, else None."""
    for pattern in (FGNET_NAME, GENERIC_NAME):
        m = pattern.match(name)
        if m:
            return m.group("id"), int(m.group("age"))
    return None


@dataclass(frozen=True)
class Photo:
    path: Path
    identity: str
    age: int


def find_photos(directory: Path) -> tuple[list[Photo], list[Path]]:
    """Labelled photos under ``directory`` (sorted) and the image files whose names do not parse."""
    photos, skipped = [], []
    for path in sorted(p for p in directory.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES):
        parsed = parse_name(path.name)
        if parsed is None:
            skipped.append(path)
        else:
            photos.append(Photo(path, *parsed))
    return photos, skipped


@dataclass(frozen=True)
class Embedded:
    """Photos with one face embedded each; ``gates`` lists each face's failed quality gates."""

    photos: list[Photo]
    vectors: np.ndarray  # (n, d), L2-normalised
    gates: list[tuple[str, ...]]
    failed: Counter  # code -> photos that could not be embedded (IMAGE_INVALID, NO_FACE, ...)

    def passing(self) -> Embedded:
        """Only the faces that pass every quality gate (what production compares)."""
        keep = [i for i, g in enumerate(self.gates) if not g]
        failed = self.failed + Counter(g[0] for g in self.gates if g)
        return Embedded(
            [self.photos[i] for i in keep], self.vectors[keep], [()] * len(keep), failed
        )


def embed_photos(
    engine: FaceEngine, photos: Sequence[Photo], advance: Callable[[], None] = lambda: None
) -> Embedded:
    """Embed the largest face of every photo once (the benchmark's in-memory cache).

    The largest face is taken even when a second face is large (old prints hold several people);
    quality gates are measured, not enforced (see :meth:`Embedded.passing`).
    """
    kept: list[Photo] = []
    vectors, gates, failed = [], [], Counter()
    for photo in photos:
        try:
            image = engine.decode(photo.path.read_bytes())
            faces = engine.detect(image)
            if not faces:
                raise FaceError("NO_FACE")
            aligned, quality = engine.align_and_measure(image, faces[0])
        except FaceError as exc:
            failed[exc.code] += 1
        else:
            kept.append(photo)
            vectors.append(engine.embed(aligned).vector)
            gates.append(tuple(quality.reasons))
        advance()
    dim = engine.embedding_size
    matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, dim), np.float32)
    return Embedded(kept, matrix, gates, failed)


def load_folder(
    engine: FaceEngine, directory: Path, *, all_faces: bool = False, console: Console | None = None
) -> tuple[Embedded, list[Path]]:
    """Embed every labelled photo of ``directory`` once, with a progress bar (on stderr by
    default); keep only faces passing the quality gates unless ``all_faces``.  Also returns the
    image files whose names did not parse."""
    photos, skipped = find_photos(directory)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"embedding with {engine.model_id}", total=len(photos))
        embedded = embed_photos(engine, photos, lambda: bar.advance(task))
    return (embedded if all_faces else embedded.passing()), skipped


def pairs_of(embedded: Embedded, *, max_impostors: int = 2_000_000, seed: int = 0) -> Pairs:
    """:func:`make_pairs` over an embedded folder."""
    return make_pairs(
        [p.identity for p in embedded.photos], [p.age for p in embedded.photos],
        embedded.vectors, max_impostors=max_impostors, seed=seed,
    )


# --- pairs -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pairs:
    """Scored pairs: ``ref`` is the template (younger photo), ``probe`` the older one."""

    ref_age: np.ndarray
    probe_age: np.ndarray
    genuine: np.ndarray  # bool
    score: np.ndarray
    impostors_total: int  # impostor pairs that exist (before sampling)

    @property
    def gap(self) -> np.ndarray:
        return self.probe_age - self.ref_age

    @property
    def impostors_sampled(self) -> bool:
        return int((~self.genuine).sum()) < self.impostors_total


def make_pairs(
    identities: Sequence[str],
    ages: Sequence[int],
    vectors: np.ndarray,
    *,
    max_impostors: int = 2_000_000,
    seed: int = 0,
) -> Pairs:
    """Every genuine pair and every (or a seeded sample of ``max_impostors``) impostor pair."""
    ids = np.unique(np.asarray(identities), return_inverse=True)[1]
    age = np.asarray(ages, dtype=np.int64)
    n = len(ids)
    counts = np.bincount(ids.astype(np.int64))
    n_genuine = int((counts * (counts - 1) // 2).sum())
    n_impostor = n * (n - 1) // 2 - n_genuine
    if n_impostor <= max_impostors:
        i, j = np.triu_indices(n, 1)
    else:
        gi, gj = _genuine_indices(ids)
        si, sj = _sample_impostors(ids, max_impostors, seed)
        i, j = np.concatenate([gi, si]), np.concatenate([gj, sj])
    same = ids[i] == ids[j]
    # the younger photo is the template; equal ages keep file order
    swap = age[i] > age[j]
    ref, probe = np.where(swap, j, i), np.where(swap, i, j)
    scores = _dots(vectors, ref, probe)
    return Pairs(age[ref], age[probe], same, scores, n_impostor)


def _genuine_indices(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(ids, kind="stable")
    firsts, seconds = [], []
    bounds = np.flatnonzero(np.diff(ids[order])) + 1
    for group in np.split(order, bounds):
        a, b = np.triu_indices(len(group), 1)
        firsts.append(group[a])
        seconds.append(group[b])
    return np.concatenate(firsts), np.concatenate(seconds)


def _sample_impostors(ids: np.ndarray, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` distinct unordered pairs of different identities, uniformly, reproducibly."""
    rng = np.random.default_rng(seed)
    n = len(ids)
    chosen = np.zeros(0, np.int64)
    while len(chosen) < count:
        a = rng.integers(0, n, size=2 * (count - len(chosen)) + 1024)
        b = rng.integers(0, n, size=len(a))
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        ok = (lo != hi) & (ids[lo] != ids[hi])
        chosen = np.unique(np.concatenate([chosen, lo[ok] * n + hi[ok]]))
    chosen = rng.permutation(chosen)[:count]
    return chosen // n, chosen % n


def _dots(vectors: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    out = np.empty(len(a), np.float64)
    for s in range(0, len(a), chunk):
        out[s : s + chunk] = np.einsum("ij,ij->i", vectors[a[s : s + chunk]], vectors[b[s : s + chunk]])
    return out


# --- metrics ---------------------------------------------------------------------------------
def percent(value: float) -> str:
    """A rate as a percentage with enough decimals for FAR targets (0.1 %, 0.01 %)."""
    if 0 < value < 0.001:
        return f"{value:.3%}"
    return f"{value:.2%}" if 0 < value < 0.01 else f"{value:.1%}"


@dataclass(frozen=True)
class Rate:
    """``errors`` of ``n`` pairs."""

    errors: int
    n: int

    @property
    def value(self) -> float:
        return self.errors / self.n if self.n else math.nan

    def __str__(self) -> str:
        if not self.n:
            return "n/a (0 pairs)"
        return f"{percent(self.value)} ({self.errors:,}/{self.n:,})"

    def to_dict(self) -> dict[str, float | int | None]:
        return {"rate": None if not self.n else round(self.value, 5), "errors": self.errors,
                "pairs": self.n}


def fnmr(genuine: np.ndarray, threshold: float | np.ndarray) -> Rate:
    """Genuine pairs scoring below the threshold (scalar or one per pair)."""
    return Rate(int((genuine < threshold).sum()), len(genuine))


def fmr(impostor: np.ndarray, threshold: float | np.ndarray) -> Rate:
    """Impostor pairs scoring at or above the threshold (scalar or one per pair)."""
    return Rate(int((impostor >= threshold).sum()), len(impostor))


def needed_impostors(far: float, min_false_accepts: int = MIN_FALSE_ACCEPTS) -> int:
    return math.ceil(min_false_accepts / far - 1e-9)


@dataclass(frozen=True)
class FarPoint:
    """The threshold at a FAR target and the TAR there (None when impostors are too few)."""

    far: float
    threshold: float | None
    tar: Rate | None  # errors = genuine pairs accepted
    impostors: int
    needed: int

    def __str__(self) -> str:
        if self.threshold is None or self.tar is None:
            return f"n/a ({self.impostors:,} imp < {self.needed:,})"
        return f"{self.tar} @{self.threshold:.3f}"

    def to_dict(self) -> dict:
        return {"far": self.far, "threshold": None if self.threshold is None else
                round(self.threshold, 4), "tar": None if self.tar is None else self.tar.to_dict(),
                "impostor_pairs": self.impostors, "impostor_pairs_needed": self.needed}


def far_point(
    genuine: np.ndarray,
    impostor: np.ndarray,
    far: float,
    min_false_accepts: int = MIN_FALSE_ACCEPTS,
) -> FarPoint:
    """TAR at FAR ``far`` when there are at least ``min_false_accepts / far`` impostor pairs."""
    need = needed_impostors(far, min_false_accepts)
    if len(impostor) < need:
        return FarPoint(far, None, None, len(impostor), need)
    threshold, _ = threshold_at_far(impostor, far)
    assert threshold is not None
    accepted = int((genuine >= threshold).sum())
    return FarPoint(far, threshold, Rate(accepted, len(genuine)), len(impostor), need)


# --- reports ---------------------------------------------------------------------------------
def band_index(policy: FacePolicy, ages: np.ndarray) -> np.ndarray:
    """Index (into ``policy.bands``) of each age's band."""
    out = np.empty(len(ages), np.int64)
    for k, band in enumerate(policy.bands):
        hi = band.max_age if band.max_age is not None else np.iinfo(np.int64).max
        out[(ages >= band.min_age) & (ages <= hi)] = k
    return out


def valid_template(policy: FacePolicy, pairs: Pairs) -> np.ndarray:
    """Genuine pairs whose template the policy still accepts at the probe's age (ages are whole
    years, so a gap of g years counts as 12·g months)."""
    months = np.array([b.template_valid_months for b in policy.bands])
    return pairs.gap * 12 <= months[band_index(policy, pairs.ref_age)]


def pair_thresholds(policy: FacePolicy, pairs: Pairs, thresholds: Sequence[float]) -> np.ndarray:
    """The threshold each pair is judged at: its probe's band threshold."""
    return np.asarray(thresholds, np.float64)[band_index(policy, pairs.probe_age)]


@dataclass(frozen=True)
class BandRow:
    band: AgeBand
    threshold: float
    genuine: int
    impostor: int
    fnmr: Rate
    fmr: Rate
    fnmr_global: Rate
    fmr_global: Rate
    points: tuple[FarPoint, ...]


def band_scores(pairs: Pairs, policy: FacePolicy) -> list[tuple[np.ndarray, np.ndarray]]:
    """(genuine, impostor) scores of each policy band: genuine pairs whose probe is in the band
    and whose template the policy still accepts; impostor pairs with both photos in the band."""
    probe_band = band_index(policy, pairs.probe_age)
    ref_band = band_index(policy, pairs.ref_age)
    valid = valid_template(policy, pairs)
    return [
        (pairs.score[pairs.genuine & (probe_band == k) & valid],
         pairs.score[~pairs.genuine & (probe_band == k) & (ref_band == k)])
        for k in range(len(policy.bands))
    ]


def by_band(
    pairs: Pairs,
    policy: FacePolicy,
    thresholds: Sequence[float],
    verify: float,
    *,
    min_false_accepts: int = MIN_FALSE_ACCEPTS,
) -> list[BandRow]:
    """One row per policy band, at the band thresholds and at the global ``verify``."""
    rows = []
    for band, threshold, (gen, imp) in zip(policy.bands, thresholds, band_scores(pairs, policy)):
        rows.append(
            BandRow(
                band, float(threshold), len(gen), len(imp),
                fnmr(gen, threshold), fmr(imp, threshold),
                fnmr(gen, verify), fmr(imp, verify),
                tuple(far_point(gen, imp, f, min_false_accepts) for f in FAR_POINTS),
            )
        )
    return rows


YEARLY_GAPS: tuple[tuple[int, int | None], ...] = (*((y, y) for y in range(11)), (11, None))


def gap_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f">{lo - 1}"
    return str(lo) if lo == hi else f"{lo}-{hi}"


def _in_gap(gap: np.ndarray, lo: int, hi: int | None) -> np.ndarray:
    return (gap >= lo) & (gap <= (hi if hi is not None else np.iinfo(np.int64).max))


@dataclass(frozen=True)
class GapRow:
    label: str
    fnmr: Rate
    fmr: Rate
    fnmr_global: Rate
    fmr_global: Rate


def by_gap(
    pairs: Pairs, policy: FacePolicy, thresholds: Sequence[float], verify: float,
    gaps: Iterable[tuple[int, int | None]] = AGE_GAPS,
) -> list[GapRow]:
    """Every genuine and impostor pair by the years between the photos, at the probe's band
    threshold and at ``verify``."""
    per_pair = pair_thresholds(policy, pairs, thresholds)
    rows = []
    for lo, hi in gaps:
        sel = _in_gap(pairs.gap, lo, hi)
        g, i = sel & pairs.genuine, sel & ~pairs.genuine
        rows.append(GapRow(
            gap_label(lo, hi),
            fnmr(pairs.score[g], per_pair[g]), fmr(pairs.score[i], per_pair[i]),
            fnmr(pairs.score[g], verify), fmr(pairs.score[i], verify),
        ))
    return rows


def ageing(
    pairs: Pairs, policy: FacePolicy, thresholds: Sequence[float],
    gaps: Iterable[tuple[int, int | None]] = AGE_GAPS,
) -> dict[str, dict[str, Rate]]:
    """FNMR of genuine pairs by the template's band (rows) and the gap (columns), at the probe's
    band threshold: how fast templates of each band age."""
    per_pair = pair_thresholds(policy, pairs, thresholds)
    ref_band = band_index(policy, pairs.ref_age)
    gaps = tuple(gaps)
    table: dict[str, dict[str, Rate]] = {}
    for k, band in enumerate(policy.bands):
        row = {}
        for lo, hi in gaps:
            sel = pairs.genuine & (ref_band == k) & _in_gap(pairs.gap, lo, hi)
            row[gap_label(lo, hi)] = fnmr(pairs.score[sel], per_pair[sel])
        table[band.label] = row
    return table


# --- deriving band thresholds ---------------------------------------------------------------
def derive_band_thresholds(
    pairs: Pairs,
    policy: FacePolicy,
    verify: float,
    *,
    dataset: str,
    date: str,
    min_false_accepts: int = MIN_FALSE_ACCEPTS,
) -> list[dict]:
    """The ``thresholds.bands`` entries of a manifest, one per policy band.

    Rule: a band whose same-band impostor pairs number at least ``min_false_accepts /
    far_target`` gets its FAR-target threshold rounded up to 0.01, but never below the global
    ``verify`` (each data set only gives a lower bound; the global one was chosen on other
    people).  A band with too few impostors takes the highest threshold of the estimable bands
    (and at least ``verify``) and is marked not estimable.  FNMR is measured at the result.
    """
    scores = band_scores(pairs, policy)
    raw = [far_point(gen, imp, band.far_target, min_false_accepts).threshold
           for band, (gen, imp) in zip(policy.bands, scores)]
    rounded = [None if r is None else max(verify, math.ceil(r * 100 - 1e-9) / 100) for r in raw]
    fallback = max([verify, *(r for r in rounded if r is not None)])
    entries = []
    for band, r, t, (gen, imp) in zip(policy.bands, raw, rounded, scores):
        threshold = fallback if t is None else t
        if r is not None:
            method = (
                f"FAR {band.far_target:g} threshold of same-band impostor pairs ({r:.4f}) "
                f"rounded up to 0.01, floored at the global verify {verify}"
            )
        else:
            method = (
                f"not estimable: {len(imp):,} same-band impostor pairs < "
                f"{needed_impostors(band.far_target, min_false_accepts):,} needed for FAR "
                f"{band.far_target:g}; highest threshold of the estimable bands and verify"
            )
        missed, accepted = fnmr(gen, threshold), fmr(imp, threshold)
        entries.append({
            "min_age": band.min_age,
            "max_age": band.max_age,
            "threshold": threshold,
            "far_target": band.far_target,
            "source": {
                "dataset": dataset,
                "method": method,
                "date": date,
                "genuine_pairs": len(gen),
                "impostor_pairs": len(imp),
                "estimable": r is not None,
                "far_threshold": None if r is None else round(r, 4),
                "fnmr": None if not missed.n else round(missed.value, 4),
                "fmr": None if not accepted.n else round(accepted.value, 5),
            },
        })
    return entries
