"""The person panel and a person's claim-code history (every opening is an audited look-up)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from server.console.claim_filters import service_types
from server.console.errors import attempt
from server.console.forms import FormReader
from server.console.ports import SessionDep, citizens, claim_search, service_date
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render

router = APIRouter(prefix="/console/people", route_class=ConsoleRoute, include_in_schema=False)


@router.get("")
def person(request: Request, session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    reader = FormReader(request.query_params)
    pid = reader.pid("pid")
    panel = history = problem = None
    if pid is not None:
        today = service_date(get_now(request))
        panel, problem = attempt(session, lambda: citizens.look_up(session, principal=user.principal, pid=pid,
                                                                   today=today, with_history=True))
        if panel is not None:
            history = claim_search.person_history(session, principal=user.principal, pid=pid)
            citizens.record_lookup(session, pid=pid, principal_id=user.principal.id, hcode=user.principal.hcode,
                                   purpose="CLAIM_HISTORY")
    problem = reader.problem or problem
    return render(request, "person.html", {
        "pid": reader.raw("pid")[:17], "panel": panel, "history": history or [], "problem": problem,
        "services": {s.code: s for s in service_types(session)}}, user=user, status=problem.status if problem else 200)
