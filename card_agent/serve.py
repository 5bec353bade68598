"""Assemble the agent (settings → key → FVS client → service → app) and serve it on loopback."""
from __future__ import annotations

import logging

import httpx
from fastapi import FastAPI

from card_agent.app import create_agent_app
from card_agent.fvs_client import FvsClient
from card_agent.keys import load_key
from card_agent.logs import install_pid_masking
from card_agent.service import CardAgentService
from card_agent.settings import AgentSettings, ensure_loopback

log = logging.getLogger("fvs.card_agent")


def build_app(settings: AgentSettings, *, http: httpx.Client | None = None, **service_options: object) -> FastAPI:
    """The agent's app.  ``http`` replaces the HTTP client to FVS (tests pass FVS's TestClient);
    ``service_options`` go to :class:`CardAgentService` (``reader``, ``readers``, ``clock``…)."""
    ensure_loopback(settings.host)
    key = load_key(settings.key_path)
    fvs = FvsClient(settings.server_url, settings.device_token, timeout_s=settings.fvs_timeout_s, http=http)
    service = CardAgentService(settings, key, fvs, **service_options)  # type: ignore[arg-type]
    app = create_agent_app(settings, service)
    app.state.service = service
    return app


def serve(settings: AgentSettings) -> None:
    """Run the agent until interrupted (uvicorn, one process)."""
    import uvicorn

    ensure_loopback(settings.host)
    install_pid_masking()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = build_app(settings)
    log.info("card agent for unit %s, zone %s (%s), on %s:%s", settings.hcode, settings.zone.value,
             settings.server_url, settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, server_header=False, log_level="info")
