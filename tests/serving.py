"""Run a test server module (``python -m tests.<x>.serve --port N``) as a real process until its
/healthz answers; stop it afterwards.  Shared by the console and LINE browser tests."""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.live.world import free_port

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def serve_module(module: str, env: dict[str, str], log: Path, what: str = "the server",
                 start_timeout_s: float = 60.0) -> Iterator[str]:
    """Start ``module`` on a free loopback port with ``env`` (its output appended to ``log``);
    yields the base URL once /healthz answers 200."""
    port = free_port()
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", module, "--port", str(port)], cwd=REPO, env=env,
                                stdout=out, stderr=out)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_timeout_s
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{what} exited with {proc.returncode} (log: {log})")
                try:
                    if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{what} did not start (log: {log})")
                time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
