"""The Jinja2 environment of the console: autoescaped templates, BE dates, Bangkok times, and
:func:`render`, which gives every page its language, text size, user, CSRF token and headers."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, Undefined, select_autoescape

from server.console.csrf import page_token
from server.console.i18n import Translator, lang_of, size_of
from server.console.nav import menu
from server.console.ports import THAI_MONTHS, format_be_date, format_be_long, mask_pid, to_bangkok
from server.console.sessions import ConsoleUser, set_pre_cookie

TEMPLATES = Path(__file__).parent / "templates"
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGE_HEADERS = {"Cache-Control": "no-store", "Content-Security-Policy": CSP}


def _missing(value: object) -> bool:
    return value is None or isinstance(value, Undefined) or value == ""


def be_date(value: date | datetime | str | None) -> str:
    if isinstance(value, str) and value:
        return value  # what the user typed, shown again
    if _missing(value):
        return ""
    if isinstance(value, datetime):
        value = to_bangkok(value).date()
    return format_be_date(value)


def be_datetime(value: datetime | None, seconds: bool = False) -> str:
    """An instant in Bangkok time, Buddhist Era: ``24/03/2565 14:37`` (``:04`` with seconds)."""
    if _missing(value):
        return ""
    local = to_bangkok(value)
    return f"{format_be_date(local.date())} {local:%H:%M:%S}" if seconds else f"{format_be_date(local.date())} {local:%H:%M}"


def be_long(value: date | None, lang: str = "th") -> str:
    """``22 พฤศจิกายน 2569`` (English: ``22 November 2026``)."""
    if _missing(value):
        return ""
    if lang == "en":
        return f"{value.day:02d} {value:%B} {value.year}"
    return format_be_long(value) if value.day >= 10 else "0" + format_be_long(value)


def be_month_year(value: date | None) -> str:
    return "" if _missing(value) else f"{THAI_MONTHS[value.month - 1]} {value.year + 543}"


def short_pid(pid: str | None) -> str:
    """A PID in a result list as NHSO's search shows it: the first four digits (``3302.....``)."""
    return f"{pid[:4]}....." if isinstance(pid, str) and pid else ""


def masked(pid: str | None) -> str:
    return mask_pid(pid) if isinstance(pid, str) and pid else ""


def number(value: float | None, digits: int = 0) -> str:
    return "" if _missing(value) else f"{value:,.{digits}f}"


environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "svg"]),
                          undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
environment.globals["menu"] = menu
environment.filters.update(be_date=be_date, be_datetime=be_datetime, be_long=be_long, be_month_year=be_month_year,
                           masked=masked, short_pid=short_pid, number=number)


def render(request: Request, template: str, context: dict[str, Any] | None = None, *,
           user: ConsoleUser | None = None, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    lang = lang_of(request)
    t = Translator(lang)
    csrf, new_pre = (user.csrf, None) if user is not None else page_token(request)
    page = environment.get_template(template).render(
        request=request, t=t, lang=lang, size=size_of(request), user=user, csrf_token=csrf,
        path=request.url.path, query=request.url.query, **(context or {}))
    response = HTMLResponse(page, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})
    if new_pre is not None:
        set_pre_cookie(request, response, new_pre)
    return response
