"""``fvs db``: migrations and reference data."""
from __future__ import annotations

import typer

from server.cli.common import cli_session, console
from server.db import migrate
from server.services.reference import sync_reference_data
from server.settings import get_settings

app = typer.Typer(help="Database migrations and reference data.", no_args_is_help=True)


def upgrade_and_sync(revision: str = "head") -> dict[str, int]:
    migrate.upgrade(get_settings().effective_database_url, revision)
    with cli_session() as session:
        return sync_reference_data(session)


@app.command()
def upgrade(revision: str = typer.Argument("head", help="Target revision")) -> None:
    """Migrate the database to REVISION (default: the newest) and sync reference data."""
    counts = upgrade_and_sync(revision)
    console.print(f"[green]database at {revision}[/green]; reference data: {counts}")


@app.command()
def downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. base or 0001")) -> None:
    """Migrate the database down to REVISION."""
    migrate.downgrade(get_settings().effective_database_url, revision)
    console.print(f"[yellow]database at {revision}[/yellow]")


@app.command()
def current() -> None:
    """Print the database's current revision and the newest one."""
    from server.db.engine import make_engine

    engine = make_engine(get_settings().effective_database_url)
    try:
        console.print(f"current: {migrate.current_revision(engine)}  head: {migrate.head_revision()}")
    finally:
        engine.dispose()
