"""Run blocking work (HTTP, JPEG encoding) on worker threads and hand results back to the UI thread.

``post`` runs a callable on the UI thread; in the app it is Kivy's ``Clock.schedule_once``, so a
callback never touches widgets from a worker thread and the UI never waits on the network.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
Post = Callable[[Callable[[], None]], None]
log = logging.getLogger(__name__)


def kivy_post(callback: Callable[[], None]) -> None:
    """Run ``callback`` on Kivy's UI thread at the next frame (thread-safe)."""
    from kivy.clock import Clock

    Clock.schedule_once(lambda _dt: callback(), 0)


class Background:
    """A small pool of worker threads whose results come back through ``post``."""

    def __init__(self, post: Post = kivy_post, workers: int = 3):
        self._post = post
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fvs-app")
        self._lock = threading.Lock()
        self._running = 0

    @property
    def running(self) -> int:
        """How many jobs are queued or running (results not yet posted)."""
        with self._lock:
            return self._running

    def run(self, work: Callable[[], T], on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Future[T | None]:
        with self._lock:
            self._running += 1

        def job() -> T | None:
            try:
                result = work()
            except Exception as exc:  # handed to the UI thread, never lost
                if on_error is None:
                    log.exception("background job failed")
                self._finish(lambda error=exc: on_error(error) if on_error else None)
                return None
            self._finish(lambda: on_done(result) if on_done else None)
            return result

        return self._pool.submit(job)

    def _finish(self, callback: Callable[[], Any]) -> None:
        def deliver() -> None:
            with self._lock:
                self._running -= 1
            callback()
        self._post(deliver)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
