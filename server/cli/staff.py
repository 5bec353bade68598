"""``fvs staff``: who is on duty, and bulk import of staff with schedules."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from server.cli.common import cli_session, print_json
from server.cli.units import parse_at, registry_errors, run_import
from server.services import registry as svc

app = typer.Typer(help="Staff: on-duty queries and CSV import.", no_args_is_help=True)


@app.command("on-duty")
def on_duty(
    hcode: Annotated[str, typer.Argument(help="Unit code (5 digits)")],
    profession: Annotated[str, typer.Argument(help="Profession code, e.g. PHARMACIST")],
    at: Annotated[str | None, typer.Option(help="ISO time (Bangkok if no offset); default now")] = None,
) -> None:
    """List the verified staff of PROFESSION on duty at unit HCODE (now, or --at)."""
    instant = parse_at(at)
    with registry_errors(), cli_session() as session:
        result = svc.on_duty(session, hcode=hcode, profession=profession, at=instant)
    print_json(result.model_dump(mode="json"))


@app.command("import")
def import_staff(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Staff CSV (UTF-8)")]) -> None:
    """Import staff with schedules from FILE: every row lands or none."""
    run_import(file, lambda session, data, report: svc.import_staff(session, data=data, progress=report))
