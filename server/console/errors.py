"""Errors as pages: any exception carrying ``code``, ``message_th`` and ``message_en`` (the
services' ``ApiError`` today, ``fvs_errors.DomainError`` after the refactor) becomes a
:class:`Problem`, shown in the form that caused it or as an error page.  Never JSON."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")

_STATUS_BY_CODE = {
    "UNAUTHENTICATED": 401, "BAD_CREDENTIALS": 401, "ROLE_FORBIDDEN": 403, "UNIT_FORBIDDEN": 403,
    "CSRF_INVALID": 403, "STAFF_VERIFICATION_NHSO_ONLY": 403, "TOO_MANY_ATTEMPTS": 429, "CONFLICT": 409,
    "DB_UNAVAILABLE": 503,
}


@dataclass(frozen=True)
class Problem:
    status: int
    code: str
    message_th: str
    message_en: str
    details: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_th

    @property
    def field(self) -> str | None:
        value = self.details.get("field")
        return str(value) if value else None


class ConsoleError(Exception):
    """An error the console itself raises (CSRF, a missing page, login required)."""

    def __init__(self, status: int, code: str, message_th: str, message_en: str, **details: Any):
        super().__init__(f"{code}: {message_en}")
        self.status, self.code, self.message_th, self.message_en = status, code, message_th, message_en
        self.details = details


def is_domain_error(exc: BaseException) -> bool:
    return all(isinstance(getattr(exc, a, None), str) for a in ("code", "message_th", "message_en"))


def status_of(exc: BaseException) -> int:
    """The HTTP status of a domain error: its own ``status`` when it has one, else by its code."""
    status = getattr(exc, "status", None)
    if isinstance(status, int) and 400 <= status < 600:
        return status
    code = str(getattr(exc, "code", ""))
    try:  # the HTTP edge decides statuses (after the errors refactor)
        from server.api.errors import status_of as api_status_of
    except ImportError:  # pragma: no cover - before it
        api_status_of = None
    if api_status_of is not None and code not in _STATUS_BY_CODE:
        return api_status_of(code)
    if code in _STATUS_BY_CODE:
        return _STATUS_BY_CODE[code]
    if code.endswith("_NOT_FOUND"):
        return 404
    if code.endswith(("_EXISTS", "_NOT_EDITABLE", "_NOT_CANCELLABLE", "_TRANSITION")) or code == "NOT_PENDING_APPEAL":
        return 409
    return 422


def problem_of(exc: BaseException) -> Problem:
    details = getattr(exc, "details", None)
    return Problem(status_of(exc), exc.code, exc.message_th, exc.message_en,  # type: ignore[attr-defined]
                   dict(details) if isinstance(details, dict) else {})


def attempt(session: Session, action: Callable[[], T]) -> tuple[T | None, Problem | None]:
    """Run a use case; a domain error undoes whatever it flushed and is returned as a Problem
    (so the form can be shown again with it), anything else propagates to the error page."""
    try:
        return action(), None
    except Exception as exc:
        if not is_domain_error(exc):
            raise
        session.rollback()
        return None, problem_of(exc)


def not_found() -> ConsoleError:
    return ConsoleError(404, "NOT_FOUND", "ไม่พบหน้าที่ต้องการ", "Page not found")


def invalid_form(message_th: str, message_en: str, field_name: str | None = None) -> Problem:
    return Problem(422, "INVALID_FORM", message_th, message_en, {"field": field_name} if field_name else {})
