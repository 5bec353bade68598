"""The 1:N gallery: templates of one model, fed as rows by the caller (the server reads them from
its database), searched per citizen (PID).

Search returns the best template of each PID.  Identification adds two checks: the best score must
reach the threshold, and the runner-up PID must trail by at least ``margin`` — otherwise the
decision is ``AMBIGUOUS`` and nobody is identified.  Up to ``exact_limit`` templates the search is
exact (FAISS flat inner product); beyond it the index migrates to an approximate index (binary
codes + exact re-ranking by default, or HNSW) behind the same interface.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from models.errors import ModelMismatch
from models.index_faiss import BinaryRerankIndex, FlatIndex, HnswIndex
from models.index_numpy import NumpyIndex
from models.similarity import Template, as_unit_vector, check_same_model

Row = tuple[int, str, np.ndarray | Template]
Backend = Literal["flat", "numpy", "binary", "hnsw"]
DEFAULT_EXACT_LIMIT = 1_000_000
DEFAULT_MARGIN = 0.05
_ADD_BATCH = 10_000


class VectorIndex(Protocol):
    """What :class:`TemplateIndex` needs from an index implementation."""

    exact: bool

    def __len__(self) -> int: ...
    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...
    def remove(self, ids: np.ndarray) -> None: ...
    def vectors(self) -> tuple[np.ndarray, np.ndarray]: ...
    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...


@dataclass(frozen=True)
class Candidate:
    """The best template of one citizen for a probe."""

    pid: str
    template_id: int
    score: float


@dataclass(frozen=True)
class Identification:
    """A 1:N decision: ``MATCH`` (``pid`` set), ``NO_MATCH`` or ``AMBIGUOUS``."""

    decision: Literal["MATCH", "NO_MATCH", "AMBIGUOUS"]
    pid: str | None
    score: float | None
    threshold: float
    margin: float
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def reason(self) -> str | None:
        """Reason code of a non-match (``NO_MATCH`` / ``AMBIGUOUS``), None on a match."""
        return None if self.decision == "MATCH" else self.decision


@dataclass(frozen=True)
class DuplicateCheck:
    """Whether a face is already enrolled under other PIDs (``candidates`` above threshold)."""

    flagged: bool
    candidates: list[Candidate]

    @property
    def reason(self) -> str | None:
        return "DUPLICATE_FACE" if self.flagged else None


def make_index(backend: Backend, dim: int, **options: int) -> VectorIndex:
    """A vector index by name: ``flat`` / ``numpy`` (exact), ``binary`` / ``hnsw`` (approximate).

    ``options`` go to the approximate indexes (``rerank``, ``bits``; ``m``, ``ef_search``).
    """
    if backend == "flat":
        return FlatIndex(dim)
    if backend == "numpy":
        return NumpyIndex(dim)
    if backend == "binary":
        return BinaryRerankIndex(dim, **options)
    if backend == "hnsw":
        return HnswIndex(dim, **options)
    raise ValueError(f"unknown index backend {backend!r}")


class TemplateIndex:
    """Templates of ONE model id, searchable by PID.  Thread-safe."""

    def __init__(
        self,
        model_id: str,
        dim: int,
        *,
        exact_limit: int = DEFAULT_EXACT_LIMIT,
        backend: Backend = "flat",
        approximate: Backend = "binary",
        approximate_options: dict[str, int] | None = None,
    ) -> None:
        self.model_id = model_id
        self.dim = dim
        self.exact_limit = exact_limit
        self._approximate = (approximate, dict(approximate_options or {}))
        options = self._approximate[1] if backend == approximate else {}
        self._index: VectorIndex = make_index(backend, dim, **options)
        self._pid_of: dict[int, str] = {}
        self._templates_of: dict[str, set[int]] = {}
        self._lock = threading.RLock()

    # --- contents ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._pid_of)

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._pid_of

    @property
    def exact(self) -> bool:
        """Whether searches are exact (False once migrated to an approximate index)."""
        return self._index.exact

    @property
    def pid_count(self) -> int:
        return len(self._templates_of)

    def templates_of(self, pid: str) -> set[int]:
        """Template ids enrolled for a PID."""
        with self._lock:
            return set(self._templates_of.get(pid, ()))

    def add(self, rows: Iterable[Row]) -> int:
        """Add ``(template_id, pid, vector)`` rows (vector: float32 array or :class:`Template`).

        A template id already present is replaced.  A vector of another model id or dimension
        raises ``MODEL_MISMATCH`` before any row of its batch (10,000 rows) is added; earlier
        batches stay.  Returns the number of rows added.
        """
        added = 0
        batch: list[tuple[int, str, np.ndarray]] = []
        for template_id, pid, vector in rows:
            batch.append((int(template_id), str(pid), self._vector(vector)))
            if len(batch) >= _ADD_BATCH:
                added += self._add_batch(batch)
                batch = []
        if batch:
            added += self._add_batch(batch)
        return added

    def _add_batch(self, batch: list[tuple[int, str, np.ndarray]]) -> int:
        ids = np.array([row[0] for row in batch], dtype=np.int64)
        if len(set(ids.tolist())) != len(ids):
            raise ValueError("duplicate template ids in one batch")
        vectors = np.stack([row[2] for row in batch])
        with self._lock:
            present = [tid for tid in ids.tolist() if tid in self._pid_of]
            if present:
                self._remove_locked(present)
            self._index.add(ids, vectors)
            for tid, pid, _ in batch:
                self._pid_of[tid] = pid
                self._templates_of.setdefault(pid, set()).add(tid)
            if self._index.exact and len(self._pid_of) > self.exact_limit:
                self._migrate_to_approximate()
        return len(batch)

    def _migrate_to_approximate(self) -> None:
        ids, vectors = self._index.vectors()
        name, options = self._approximate
        approximate = make_index(name, self.dim, **options)
        for start in range(0, len(ids), 100_000):
            approximate.add(ids[start : start + 100_000], vectors[start : start + 100_000])
        self._index = approximate

    def remove(self, template_ids: Iterable[int]) -> int:
        """Remove templates by id (unknown ids are ignored); returns how many were removed."""
        with self._lock:
            return self._remove_locked([int(t) for t in template_ids])

    def remove_pid(self, pid: str) -> int:
        """Remove every template of a citizen (e.g. consent withdrawn)."""
        with self._lock:
            return self._remove_locked(list(self._templates_of.get(pid, ())))

    def _remove_locked(self, template_ids: list[int]) -> int:
        known = [tid for tid in template_ids if tid in self._pid_of]
        if known:
            self._index.remove(np.array(known, dtype=np.int64))
            for tid in known:
                pid = self._pid_of.pop(tid)
                owned = self._templates_of[pid]
                owned.discard(tid)
                if not owned:
                    del self._templates_of[pid]
        return len(known)

    # --- search ------------------------------------------------------------------------------
    def _vector(self, vector: np.ndarray | Template) -> np.ndarray:
        if isinstance(vector, Template):
            check_same_model(self.model_id, self.dim, vector)
            return vector.vector
        array = as_unit_vector(vector)
        if array.shape[0] != self.dim:
            raise ModelMismatch(f"{self.model_id} ({self.dim}-d)", f"unknown ({array.shape[0]}-d)")
        return array

    def search(self, vector: np.ndarray | Template, k: int = 5) -> list[Candidate]:
        """The ``k`` best citizens for a probe, each with its best template, best first."""
        query = self._vector(vector)[None, :]
        with self._lock:
            total = len(self._pid_of)
            if not total or k < 1:
                return []
            fetch = min(total, max(4 * k, 16))
            while True:
                scores, ids = self._index.search(query, fetch)
                best = self._best_per_pid(scores[0], ids[0])
                if len(best) >= k or fetch >= total:
                    return best[:k]
                fetch = min(total, fetch * 4)

    def _best_per_pid(self, scores: np.ndarray, ids: np.ndarray) -> list[Candidate]:
        best: dict[str, Candidate] = {}
        for score, tid in zip(scores.tolist(), ids.tolist()):
            pid = self._pid_of.get(tid) if tid >= 0 else None
            if pid is not None and pid not in best:
                best[pid] = Candidate(pid, tid, float(score))
        return sorted(best.values(), key=lambda c: (-c.score, c.pid))

    def identify(
        self,
        vector: np.ndarray | Template,
        *,
        threshold: float,
        margin: float = DEFAULT_MARGIN,
        k: int = 5,
    ) -> Identification:
        """Who is this?  ``MATCH`` only if the best PID reaches ``threshold`` and the runner-up
        PID scores at least ``margin`` less; ``AMBIGUOUS`` when two PIDs are that close."""
        candidates = self.search(vector, max(k, 2))
        if not candidates or candidates[0].score < threshold:
            top = candidates[0].score if candidates else None
            return Identification("NO_MATCH", None, top, threshold, margin, candidates)
        top = candidates[0]
        if len(candidates) > 1 and top.score - candidates[1].score < margin:
            return Identification("AMBIGUOUS", None, top.score, threshold, margin, candidates)
        return Identification("MATCH", top.pid, top.score, threshold, margin, candidates)

    def duplicate_check(
        self,
        vector: np.ndarray | Template,
        exclude_pid: str | None,
        *,
        threshold: float,
        k: int = 5,
    ) -> DuplicateCheck:
        """Is this face already enrolled under another PID with a score >= ``threshold``?"""
        found = [
            c for c in self.search(vector, k + 1) if c.pid != exclude_pid and c.score >= threshold
        ]
        return DuplicateCheck(bool(found), found[:k])
