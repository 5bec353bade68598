"""``fvs demo``: load the demo data set."""
from __future__ import annotations

import typer

from server.cli.common import cli_session, console
from server.demo.loader import load_demo
from thai_civil.calendar import today_bangkok

app = typer.Typer(help="Demo data.", no_args_is_help=True)


@app.command("load")
def load(
    citizens: int = typer.Option(1000, min=0, help="How many citizens to add"),
    seed: int = typer.Option(2569, help="Random seed (same seed, same data)"),
) -> None:
    """Load demo units, staff with schedules and citizens (idempotent)."""
    with cli_session() as session:
        summary = load_demo(session, citizens=citizens, seed=seed, today=today_bangkok())
    console.print(f"[green]demo loaded[/green]: units {summary.units}, citizens added {summary.citizens_added}")
    print_new_accounts(summary.new_accounts)


def print_new_accounts(accounts: dict[str, str]) -> None:
    """Show demo passwords once, when the accounts are created (log in at /api/v1/auth/login)."""
    for username, password in accounts.items():
        console.print(f"demo account [bold]{username}[/bold] password [bold]{password}[/bold] (shown once)")
