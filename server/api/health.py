"""Liveness (``/healthz``) and readiness (``/readyz``) probes."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up (answered on the event loop: never waits for workers)")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Every dependency is ready (database, migrations, face models)")
def readyz(request: Request) -> JSONResponse:
    checks = {name: check() for name, check in request.app.state.readiness_checks.items()}
    ready = all(c["ok"] for c in checks.values())
    return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)
