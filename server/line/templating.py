"""The Jinja2 environment of the LINE pages (the console's filters: BE dates, Bangkok times,
masked PIDs) and :func:`render`, which gives every page its language, CSRF token and headers."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

from server.console.templating import be_date, be_datetime, masked
from server.line import csrf
from server.line.config import get_line_settings
from server.line.i18n import Translator, lang_of
from thai_civil.calendar import to_bangkok
from thai_civil.phone import format_phone

TEMPLATES = Path(__file__).parent / "templates"
LINE_ORIGINS = "https://api.line.me https://access.line.me https://liffsdk.line-scdn.net"


def csp(request: Request) -> str:
    """Only FVS itself; the LINE endpoints the LIFF SDK talks to when a deployment serves it."""
    line = f" {LINE_ORIGINS}" if request.app.state.line_settings.liff_sdk_file else ""
    return ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; "
            f"script-src 'self'; connect-src 'self'{line}; media-src 'self' blob:; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def hhmm(value) -> str:
    return "" if value is None else f"{to_bangkok(value):%H:%M}"


def hhmmss(value) -> str:
    return "" if value is None else f"{to_bangkok(value):%H:%M:%S}"


def date_for(value, lang: str = "th") -> str:
    """A date shown to citizens: Buddhist Era in Thai (``22/11/2569``), Christian Era in English."""
    if value is None:
        return ""
    local = to_bangkok(value).date() if hasattr(value, "hour") else value
    return be_date(local) if lang == "th" else f"{local:%d/%m/%Y}"


def phone(value: str | None) -> str:
    return format_phone(value) if value else ""


def pid_masked(value: str | None) -> str:
    """A PID on a citizen's list: all but the last four digits hidden, in the card's grouping."""
    if not value:
        return ""
    m = masked(value)
    return f"{m[0]}-{m[1:5]}-{m[5:10]}-{m[10:12]}-{m[12]}"


environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "svg"]),
                          undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
environment.filters.update(be_date=be_date, be_datetime=be_datetime, hhmm=hhmm, hhmmss=hhmmss, date_for=date_for, phone=phone,
                           pid_masked=pid_masked)


def set_pre_cookie(request: Request, response: HTMLResponse, value: str) -> None:
    response.set_cookie(csrf.PRE_COOKIE, value, max_age=3600, path="/line", httponly=True,
                        secure=secure(request), samesite="lax")


def secure(request: Request) -> bool:
    return request.app.state.line_settings.cookie_secure or request.url.scheme == "https"


def render(request: Request, template: str, context: dict[str, Any] | None = None, *, status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    lang = lang_of(request)
    token, new_pre = csrf.page_token(request)
    settings = request.app.state.line_settings
    page = environment.get_template(template).render(
        request=request, t=Translator(lang), lang=lang, csrf_token=token, path=request.url.path,
        query=request.url.query, dev=settings.dev_verifier, liff_id=settings.liff_id,
        liff_sdk=bool(settings.liff_sdk_file), **(context or {}))
    response = HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store",
                                                               "Content-Security-Policy": csp(request),
                                                               **(headers or {})})
    if new_pre is not None:
        set_pre_cookie(request, response, new_pre)
    return response


__all__ = ["environment", "get_line_settings", "render"]
