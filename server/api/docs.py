"""API documentation that works on a hospital LAN without internet.

Swagger UI loads its script, style and favicon from FVS itself: the assets come from the pinned
``fastapi-offline`` package and are served under :data:`STATIC_URL`, and the validator badge
(which calls validator.swagger.io) is switched off.  ReDoc is not offered: its bundle fetches its
logo from cdn.redoc.ly whatever the options.  Nothing is loaded from a CDN.
"""
from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_URL = "/static/api-docs"
ASSETS = Path(fastapi_offline.__file__).parent / "static"


def install_docs(app: FastAPI, *, docs_url: str = "/docs") -> None:
    """Serve ``/docs`` (Swagger UI) with local assets (create the app with ``docs_url=None,
    redoc_url=None``)."""
    app.mount(STATIC_URL, StaticFiles(directory=ASSETS), name="api-docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_redirect = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @app.get(docs_url, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{app.title} — API", oauth2_redirect_url=oauth2_redirect,
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js", swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None})  # no badge fetched from validator.swagger.io

    @app.get(oauth2_redirect, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()
