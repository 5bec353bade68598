"""``fvs serve``: run the HTTP server."""
from __future__ import annotations

import typer
import uvicorn

from server.cli.common import cli_session, console
from server.cli.db import upgrade_and_sync
from server.settings import get_settings
from thai_civil.calendar import today_bangkok


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    migrate: bool = typer.Option(True, help="Migrate the database to the newest revision first"),
    demo: bool = typer.Option(False, help="Load the demo data set first (idempotent)"),
) -> None:
    """Run the FVS server (migrating the database first, by default).

    Refuses to start without a real ``FVS_SECRET_KEY`` (it signs unit QR codes); ``--demo`` runs
    with the public development key and says so.
    """
    settings = get_settings()
    if (problem := settings.secret_key_problem) is not None:
        if not demo:
            console.print(f"[red]{problem}.[/red] Set FVS_SECRET_KEY to a random secret of at least 32 characters, "
                          "e.g. `export FVS_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(48))')`, "
                          "or run a demo with --demo.")
            raise typer.Exit(2)
        console.print(f"[yellow]{problem}: acceptable for a demo only.[/yellow]")
    from server.line.config import get_line_settings

    if get_line_settings().dev_verifier:  # docs/line.md: never in production
        if not demo:
            console.print("[red]FVS_LINE_DEV_VERIFIER=true lets anyone act as any LINE user.[/red] "
                          "Unset it for production, or run a demo with --demo.")
            raise typer.Exit(2)
        console.print("[yellow]FVS_LINE_DEV_VERIFIER: 'dev:<name>' ID tokens accepted (demo only).[/yellow]")
    if migrate:
        upgrade_and_sync()
    if demo:
        from server.cli.demo import print_new_accounts
        from server.demo.loader import load_demo

        with cli_session() as session:
            summary = load_demo(session, today=today_bangkok())
        console.print(f"demo data: units {summary.units}, citizens added {summary.citizens_added}")
        print_new_accounts(summary.new_accounts)
    console.print(f"FVS on http://{host}:{port}  (docs: /docs, database: {settings.effective_database_url.split('@')[-1]})")
    from server.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_config=None, access_log=False, server_header=False)
