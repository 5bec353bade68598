"""A thin HTTP client of the FVS server (httpx), used from worker threads only.

Every call either returns the decoded JSON answer or raises:

* :class:`ApiError` — the server answered with an error (every 4xx body is
  ``{"code", "message_th", "message_en", ...}``); ``retry_after`` is set from the header of a 503;
* :class:`NoAnswer` — no answer came (connection refused, reset, timeout).  ``maybe_received``
  says whether the server may have got the request: only then can a POST have had an effect,
  which is why verifications carry an ``Idempotency-Key`` and are resent with the same key.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

API = "/api/v1"


@dataclass
class ApiError(Exception):
    status: int
    code: str
    message_th: str
    message_en: str
    body: dict[str, Any] = field(default_factory=dict)
    retry_after: float | None = None

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message_en}"


@dataclass
class NoAnswer(Exception):
    detail: str
    maybe_received: bool

    def __str__(self) -> str:
        return self.detail


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    name: str
    data: bytes
    content_type: str = "image/jpeg"


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers["Retry-After"]))
    except (KeyError, ValueError):
        return None


def _error(response: httpx.Response) -> ApiError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return ApiError(response.status_code, str(body.get("code") or f"HTTP_{response.status_code}"),
                    str(body.get("message_th") or ""), str(body.get("message_en") or response.reason_phrase),
                    body, _retry_after(response))


class FvsClient:
    """Calls of the tablet app; one instance per pairing, shared by worker threads."""

    def __init__(self, base_url: str, token: str, *, connect_timeout: float = 5.0, read_timeout: float = 45.0,
                 transport: httpx.BaseTransport | None = None):
        timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout)
        self._http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport,
                                  headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    # --- plumbing -----------------------------------------------------------------------------
    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, API + path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise NoAnswer(f"{type(exc).__name__}", maybe_received=False) from None
        except httpx.TransportError as exc:  # read/write timeouts, resets, a closed connection
            raise NoAnswer(f"{type(exc).__name__}", maybe_received=True) from None
        if response.status_code >= 400:
            raise _error(response)
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._send(method, path, **kwargs).json()

    # --- identity and unit --------------------------------------------------------------------
    def me(self) -> dict[str, Any]:
        return self._json("GET", "/auth/me")

    def unit(self, hcode: str) -> dict[str, Any]:
        return self._json("GET", f"/units/{hcode}")

    def readiness(self, hcode: str) -> dict[str, Any]:
        return self._json("GET", f"/units/{hcode}/readiness")

    def professions(self, hcode: str) -> list[dict[str, Any]]:
        return self._json("GET", f"/units/{hcode}/professions")

    def service_types(self) -> list[dict[str, Any]]:
        return self._json("GET", "/service-types")

    def unit_qr_png(self, hcode: str, service_type: str) -> bytes:
        """The unit's QR image for a service (LINE + QR next step).

        A server that answers with the signed payload as JSON instead of an image gets that payload
        drawn here (:mod:`fvs_app.qr_render`).
        """
        response = self._send("GET", f"/units/{hcode}/qr", params={"service_type": service_type, "format": "png"},
                              headers={"Accept": "image/png"})
        if response.headers.get("content-type", "").startswith("image/"):
            return response.content
        body = _safe_json(response)
        if isinstance(body, dict) and isinstance(body.get("payload"), str):
            from fvs_app.qr_render import qr_png

            return qr_png(body["payload"])
        raise ApiError(response.status_code, "QR_NOT_AN_IMAGE", "เซิร์ฟเวอร์ไม่ได้ส่งภาพ QR",
                       "The server did not send a QR image", {"message_th": "เซิร์ฟเวอร์ไม่ได้ส่งภาพ QR",
                                                              "message_en": "The server did not send a QR image"})

    # --- citizens and verification ------------------------------------------------------------
    def citizen(self, pid: str) -> dict[str, Any]:
        return self._json("GET", f"/citizens/{pid}")

    def create_challenge(self, hcode: str) -> dict[str, Any]:
        return self._json("POST", "/verifications/face/challenges", json={"hcode": hcode})

    def verify_face(self, form: dict[str, str], photo: Upload, frames: Sequence[Upload],
                    idempotency_key: str) -> dict[str, Any]:
        files: list[tuple[str, tuple[str, bytes, str]]] = [("photo", (photo.name, photo.data, photo.content_type))]
        files += [("frames", (f.name, f.data, f.content_type)) for f in frames]
        return self._json("POST", "/verifications/face", data=form, files=files,
                          headers={"Idempotency-Key": idempotency_key})

    def claims(self, **params: str) -> dict[str, Any]:
        return self._json("GET", "/claims", params={k: v for k, v in params.items() if v})


def _safe_json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
