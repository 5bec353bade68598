"""The agent's calls to FVS, with the unit's device token (httpx, synchronous).

Every FVS error answer (``{"code", "message_th", "message_en", ...}``) becomes an
:class:`~card_agent.errors.FvsError` with FVS's own status, code and messages; a server that
cannot be reached is ``FVS_UNREACHABLE``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from card_agent.errors import FvsError, agent_error
from thai_civil.pid import mask_pid

log = logging.getLogger("fvs.card_agent.fvs")


@dataclass(frozen=True)
class Nonce:
    value: str
    issued_at: datetime  # the server's time
    expires_at: datetime


class FvsClient:
    """FVS as the agent sees it.  ``http`` may be given (tests pass an app's TestClient)."""

    def __init__(self, base_url: str, device_token: str, *, timeout_s: float = 20.0,
                 http: httpx.Client | None = None):
        self.base_url = base_url.rstrip("/")
        self._auth = {"Authorization": f"Bearer {device_token}"}
        self._http = http or httpx.Client(timeout=timeout_s, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, *, json: Any = None, headers: dict[str, str] | None = None,
              what: str = "") -> Any:
        try:
            r = self._http.request(method, self.base_url + path, json=json, headers={**self._auth, **(headers or {})})
        except httpx.HTTPError as exc:
            log.warning("FVS unreachable (%s): %s", what or path, type(exc).__name__)
            raise agent_error("FVS_UNREACHABLE", url=self.base_url, reason=type(exc).__name__) from None
        try:
            body = r.json()
        except ValueError:
            body = None
        if r.status_code >= 400:
            if isinstance(body, dict) and isinstance(body.get("code"), str):
                extra = {k: v for k, v in body.items() if k not in ("code", "message_th", "message_en")}
                raise FvsError(r.status_code, body["code"], str(body.get("message_th") or body["code"]),
                               str(body.get("message_en") or body["code"]), extra)
            raise agent_error("FVS_BAD_ANSWER", status=r.status_code)
        if body is None:
            raise agent_error("FVS_BAD_ANSWER", status=r.status_code)
        return body

    def nonce(self, agent_id: int) -> Nonce:
        body = self._call("POST", f"/api/v1/card-agents/{agent_id}/nonces", what="nonce")
        try:
            return Nonce(str(body["nonce"]), datetime.fromisoformat(body["issued_at"]),
                         datetime.fromisoformat(body["expires_at"]))
        except (KeyError, TypeError, ValueError):
            raise agent_error("FVS_BAD_ANSWER", status=201) from None

    def citizen(self, pid: str) -> dict[str, Any] | None:
        """The citizen FVS knows (rights, main unit), or ``None`` when FVS has none."""
        try:
            return self._call("GET", f"/api/v1/citizens/{pid}", what=f"citizen {mask_pid(pid)}")
        except FvsError as exc:
            if exc.status == 404:
                return None
            raise

    def service_types(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "/api/v1/service-types", what="service types"))

    def claims(self, pid: str) -> list[dict[str, Any]]:
        return list(self._call("GET", f"/api/v1/citizens/{pid}/claims", what=f"claims {mask_pid(pid)}"))

    def verify_smart_card(self, payload: dict[str, Any], *, idempotency_key: str) -> dict[str, Any]:
        return self._call("POST", "/api/v1/verifications/smart-card", json=payload,
                          headers={"Idempotency-Key": idempotency_key}, what="smart-card verification")
