"""Exact inner-product search with numpy: the reference that the FAISS indexes are checked
against (tests and ``benchmarks/search_bench.py``)."""

from __future__ import annotations

import numpy as np


class NumpyIndex:
    """Brute-force exact search over unit vectors keyed by int64 ids."""

    exact = True

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._ids = np.empty(0, dtype=np.int64)
        self._vectors = np.empty((0, dim), dtype=np.float32)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self._ids = np.concatenate([self._ids, np.asarray(ids, dtype=np.int64)])
        self._vectors = np.concatenate([self._vectors, np.asarray(vectors, dtype=np.float32)])

    def remove(self, ids: np.ndarray) -> None:
        keep = ~np.isin(self._ids, np.asarray(ids, dtype=np.int64))
        self._ids, self._vectors = self._ids[keep], self._vectors[keep]

    def vectors(self) -> tuple[np.ndarray, np.ndarray]:
        return self._ids.copy(), self._vectors.copy()

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k best per query, best first; id -1 pads missing results."""
        queries = np.asarray(queries, dtype=np.float32)
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        if not len(self._ids):
            return scores, ids
        sims = queries @ self._vectors.T
        take = min(k, sims.shape[1])
        top = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        for row, cols in enumerate(top):
            cols = cols[np.argsort(-sims[row, cols], kind="stable")]
            scores[row, :take], ids[row, :take] = sims[row, cols], self._ids[cols]
        return scores, ids
