"""Device tokens of a unit's tablets: create (shown once, also as the tablet app's pairing QR),
list, revoke.  Only the unit's admin (or an NHSO admin) manages them."""
from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from server.console.csrf import FormDep
from server.console.errors import Problem, attempt
from server.console.forms import FormReader
from server.console.guards import HcodePath, IdPath, unit_manager
from server.console.ports import SessionDep, access, units
from server.console.qr_images import svg_inline
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render

router = APIRouter(prefix="/console/units", route_class=ConsoleRoute, include_in_schema=False)


def server_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def pairing_payload(request: Request, token: str) -> str:
    """What the tablet app scans to pair: ``{"url": server base URL, "token": token}``."""
    return json.dumps({"url": server_url(request), "token": token}, separators=(",", ":"))


def _page(request: Request, session: Session, user: ConsoleUser, hcode: str, *, created: tuple | None = None,
          problem: Problem | None = None, status: int = 200, notice: str | None = None) -> Response:
    unit = units.get_unit(session, hcode)
    tokens = access.list_device_tokens(session, principal=user.principal, hcode=hcode)
    context = {"unit": unit, "tokens": tokens, "problem": problem, "created": None, "notice": notice}
    if created is not None:
        row, raw = created
        payload = pairing_payload(request, raw)
        context["created"] = {"row": row, "token": raw, "qr": svg_inline(payload, title="FVS pairing"),
                              "url": server_url(request), "payload": payload}
    return render(request, "tokens.html", context, user=user, status=status)


@router.get("/{hcode}/tokens")
def token_list(request: Request, hcode: str = HcodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
               ) -> Response:
    unit_manager(user, hcode)
    revoked = request.query_params.get("revoked")
    return _page(request, session, user, hcode, notice="revoked" if revoked else None)


@router.post("/{hcode}/tokens")
def create_token(request: Request, hcode: str = HcodePath(), form: FormData = FormDep,
                 session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    unit_manager(user, hcode)
    reader = FormReader(form)
    name = reader.text("name", max_len=100, required=True, label_th="ชื่อเครื่อง", label_en="Device name")
    if reader.problem is not None or name is None:
        return _page(request, session, user, hcode, problem=reader.problem, status=422)
    created, problem = attempt(session, lambda: access.create_device_token(session, principal=user.principal, hcode=hcode,
                                                                             name=name))
    if problem is not None:
        return _page(request, session, user, hcode, problem=problem, status=problem.status)
    session.commit()  # the token exists before the page that shows it once leaves
    return _page(request, session, user, hcode, created=created, status=201)


@router.post("/{hcode}/tokens/{token_id}/revoke")
def revoke_token(request: Request, hcode: str = HcodePath(), token_id: int = IdPath(),
                 form: FormData = FormDep, session: Session = SessionDep,
                 user: ConsoleUser = UserDep) -> Response:
    unit_manager(user, hcode)
    access.revoke_device_token(session, principal=user.principal, hcode=hcode, token_id=token_id,
                               now=get_now(request))
    return RedirectResponse(f"/console/units/{hcode}/tokens?revoked={token_id}", status_code=303)
