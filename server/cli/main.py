"""``fvs``: the FVS command line."""
from __future__ import annotations

import typer

from server.cli import access, card, card_agent, db, demo, face, staff, units
from server.cli.app import app_command
from server.cli.serve import serve

app = typer.Typer(help="FVS: identity verification and claim codes for NHSO units.", no_args_is_help=True,
                  pretty_exceptions_show_locals=False)
app.command("serve")(serve)
app.command("app")(app_command)
app.add_typer(db.app, name="db")
app.add_typer(demo.app, name="demo")
app.add_typer(units.app, name="units")
app.add_typer(staff.app, name="staff")
app.add_typer(face.app, name="face")
app.add_typer(card.app, name="card")
app.add_typer(card_agent.app, name="card-agent")
app.add_typer(access.accounts, name="accounts")
app.add_typer(access.tokens, name="tokens")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
