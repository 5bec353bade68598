"""``fvs app``: start the tablet app (Kivy) on this desktop.

The app is a separate client: it talks to a server over HTTP only.  It needs the ``app`` extra
(``pip install -e ".[app]"``) and a Thai font (``fonts-thai-tlwg-ttf``); see ``docs/tablet-app.md``.
"""
from __future__ import annotations

from pathlib import Path

import typer

from server.cli.common import fail


def app_command(
    server_url: str | None = typer.Option(None, "--server-url", help="Server address suggested on the pairing screen"),
    camera: str | None = typer.Option(None, help="opencv:0 (default on desktop), files:a.jpg,b.jpg, android"),
    gps: str | None = typer.Option(None, help="The desktop's fix: lat,lon[,accuracy_m] (e.g. 13.7590,100.5340,10)"),
    gps_mocked: bool = typer.Option(False, help="Flag the configured fix as a mock location (demos)"),
    data_dir: Path | None = typer.Option(None, help="Where the pairing is kept (default: Kivy's user_data_dir)"),
    lang: str = typer.Option("th", help="th or en"),
    font: str | None = typer.Option(None, help="A TrueType font with Thai glyphs (default: a TLWG font)"),
) -> None:
    """Start the FVS tablet app (pair, choose the profession, verify a citizen, get the claim code)."""
    if lang not in ("th", "en"):
        fail("INVALID_OPTION", "ภาษาต้องเป็น th หรือ en", "--lang must be th or en")
    try:
        from fvs_app.config import AppConfig
        from fvs_app.fonts import ThaiFontMissing
        from fvs_app.launcher import run
    except ImportError as exc:
        fail("APP_NOT_INSTALLED", "ยังไม่ได้ติดตั้งแอป ให้รัน pip install -e \".[app]\"",
             f"The tablet app is not installed ({exc.name}); run pip install -e \".[app]\"")
    config = AppConfig.from_env(server_url=server_url, camera=camera, gps=gps, gps_mocked=gps_mocked or None,
                                data_dir=data_dir, language=lang, font=font)
    try:
        run(config)
    except ThaiFontMissing as exc:
        fail("THAI_FONT_MISSING", "ไม่พบฟอนต์ภาษาไทย ให้ติดตั้ง fonts-thai-tlwg-ttf หรือระบุ --font",
             str(exc))
