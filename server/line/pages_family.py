"""The member list and "add another person" (document 002, steps 15–16 and 21)."""
from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from line_oa import members
from server.api.auth import get_now
from server.api.deps import SessionDep
from server.console.errors import attempt
from server.line.auth import Citizen, CitizenDep, FormDep, text
from server.line.routing import LineRoute, redirect
from server.line.templating import render
from server.services import line_home
from thai_civil.calendar import service_date
from thai_civil.pid import validate_pid

router = APIRouter(prefix="/line", route_class=LineRoute, include_in_schema=False)


@router.get("/members")
def member_list(request: Request, who: Citizen = CitizenDep, session: Session = SessionDep) -> Response:
    people = line_home.member_list(session, who.account, today=service_date(get_now(request)))
    return render(request, "members.html", {"people": people, "removed": request.query_params.get("removed")})


@router.get("/members/new")
def new_member_page(request: Request, who: Citizen = CitizenDep) -> Response:
    return render(request, "member_new.html", {"relations": members.RELATIONS, "values": {}})


@router.post("/members/new")
def new_member(request: Request, form: FormData = FormDep, who: Citizen = CitizenDep,
               session: Session = SessionDep) -> Response:
    values = {k: text(form, k, 30) for k in ("pid", "phone", "relation", "declare")}

    def run():
        return members.add(session, account=who.account, pid=validate_pid(values["pid"]), phone=values["phone"],
                           relation=values["relation"], declared=values["declare"] == "1", now=get_now(request))

    member, problem = attempt(session, run)
    if problem:
        return render(request, "member_new.html", {"relations": members.RELATIONS, "values": values,
                                                   "problem": problem}, status=problem.status)
    return redirect(f"/line/members/{member.id}")


@router.post("/members/{member_id}/remove")
def remove_member(request: Request, member_id: int = Path(ge=1, le=2**31 - 1), form: FormData = FormDep,
                  who: Citizen = CitizenDep, session: Session = SessionDep) -> Response:
    members.remove(session, account=who.account, member_id=member_id, now=get_now(request))
    return redirect("/line/members?removed=1")
