"""The one face-model session of this process: loaded and warmed in the background, guarded by a
concurrency limit, with the 1:N index rebuilt from the database and kept in step.

``/readyz`` reports ``face_models`` ready only once the models are loaded, warmed up and the
gallery index is built.  When no model directory is configured, or its files are missing or
corrupt, the server still runs: face endpoints answer 503 ``MODEL_UNAVAILABLE`` naming the
problem, everything else works.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import FaceEngine, FaceError, TemplateIndex
from models.errors import CATALOGUE as FACE_MESSAGES
from models.liveness import LivenessModel
from server.errors import CATALOGUE
from server.tables import FaceTemplate

log = logging.getLogger("fvs.face")


class FaceRuntime:
    def __init__(self, model_dir: Path | None, liveness_dir: Path | None, concurrency: int,
                 acquire_timeout_s: float = 5.0):
        self.model_dir = model_dir
        self.liveness_dir = liveness_dir
        self.engine: FaceEngine | None = None
        self.liveness: LivenessModel | None = None
        self.index: TemplateIndex | None = None
        self.state = "not_configured" if model_dir is None else "loading"
        self.error: dict[str, Any] | None = None
        self._slots = threading.BoundedSemaphore(concurrency)
        self._acquire_timeout_s = acquire_timeout_s
        self._index_lock = threading.Lock()
        self._loaded = threading.Event()

    # --- lifecycle -------------------------------------------------------------------------
    def start(self, session_factory: sessionmaker[Session], background: bool = True) -> None:
        if self.model_dir is None:
            self._loaded.set()
            return
        if background:
            threading.Thread(target=self._load, args=(session_factory,), name="face-load", daemon=True).start()
        else:
            self._load(session_factory)

    def _load(self, session_factory: sessionmaker[Session]) -> None:
        started = time.perf_counter()
        try:
            engine = FaceEngine.load(self.model_dir)
            engine.warmup()
            liveness = None
            if self.liveness_dir is not None:
                liveness = LivenessModel.load(self.liveness_dir)
                liveness.warmup()
            index = TemplateIndex(engine.model_id, engine.embedding_size)
            with session_factory() as session:
                index.add(self._rows(session, engine.model_id))
        except FaceError as exc:
            self.state, self.error = "unavailable", {"code": exc.code, "message_en": exc.message_en}
            log.error("face models unavailable: %s", exc.message_en)
        except Exception as exc:  # a broken pack must not take the server down
            self.state, self.error = "unavailable", {"code": "MODEL_UNAVAILABLE", "message_en": str(exc)}
            log.exception("face models failed to load")
        else:
            self.engine, self.liveness, self.index = engine, liveness, index
            self.state = "ready"
            log.info("face models ready", extra={"model_id": engine.model_id, "templates": len(index),
                                                 "ms": round((time.perf_counter() - started) * 1000)})
        finally:
            self._loaded.set()

    @staticmethod
    def _rows(session: Session, model_id: str) -> Iterator[tuple[int, str, np.ndarray]]:
        stmt = select(FaceTemplate.id, FaceTemplate.pid, FaceTemplate.vector).where(FaceTemplate.model_id == model_id)
        for tid, pid, blob in session.execute(stmt.execution_options(yield_per=10_000)):
            yield tid, pid, np.frombuffer(blob, dtype=np.float32)

    def wait_loaded(self, timeout: float | None = None) -> bool:
        return self._loaded.wait(timeout)

    def readiness(self) -> dict[str, Any]:
        if self.state == "not_configured":
            return {"ok": True, "state": self.state}
        body: dict[str, Any] = {"ok": self.state == "ready", "state": self.state}
        if self.engine is not None:
            body["model_id"] = self.engine.model_id
            body["templates"] = len(self.index)
        if self.error:
            body["error"] = self.error
        return body

    # --- use -------------------------------------------------------------------------------
    def require(self) -> None:
        if self.state == "ready":
            return
        detail = (self.error or {}).get("message_en") or (
            "no model directory is configured (FVS_MODEL_DIR)" if self.state == "not_configured"
            else "face models are still loading"
        )
        raise FACE_MESSAGES.error("MODEL_UNAVAILABLE", message_en=f"Face recognition is unavailable: {detail}")

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the process's inference slots (``FVS_FACE_CONCURRENCY`` of them).

        Face routes run in worker threads; a request waits at most ``FVS_FACE_QUEUE_WAIT_S`` for a
        slot, then answers 503 ``FACE_BUSY`` with ``Retry-After`` instead of piling up.
        """
        self.require()
        if not self._slots.acquire(timeout=self._acquire_timeout_s):
            raise CATALOGUE.error("FACE_BUSY", waited_s=self._acquire_timeout_s)
        try:
            yield
        finally:
            self._slots.release()

    def index_add(self, rows: list[tuple[int, str, np.ndarray]]) -> None:
        with self._index_lock:
            self.index.add(rows)

    def index_remove(self, template_ids: list[int]) -> None:
        if self.index is not None and template_ids:
            with self._index_lock:
                self.index.remove(template_ids)
