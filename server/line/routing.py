"""The LINE pages answer errors with pages, never JSON (the console's way): any domain error is
shown with its Thai/English message and status; a missing citizen session goes back to the entry
page, which signs in again through LINE."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute

from server.console.errors import Problem
from server.console.routing import problem_for
from server.line.templating import render

SIGN_IN_AGAIN = {"CITIZEN_SESSION_REQUIRED", "UNAUTHENTICATED"}


def show_problem(request: Request, problem: Problem) -> Response:
    headers = None
    if problem.status == 429:
        headers = {"Retry-After": str(problem.details.get("retry_after_s", 60))}
    elif problem.status == 503:
        headers = {"Retry-After": "2"}
    return render(request, "error.html", {"problem": problem}, status=problem.status, headers=headers)


async def error_page(request: Request, exc: Exception) -> Response:
    problem = problem_for(exc)
    if problem.code in SIGN_IN_AGAIN:
        return RedirectResponse("/line/", status_code=303)
    return show_problem(request, problem)


class LineRoute(APIRoute):
    """An APIRoute whose errors are HTML pages."""

    async def handle(self, scope, receive, send) -> None:
        scope["starlette.exception_handlers"] = ({Exception: error_page}, {})
        await super().handle(scope, receive, send)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
