"""``fvs units``: bulk import of units (all rows or none) and readiness checks."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from sqlalchemy.orm import Session

from fvs_errors import DomainError
from oss_registry.csv_common import CsvImportError
from oss_registry.errors import RegistryError
from server.cli.common import cli_session, console, fail, print_json
from server.schemas.registry import CsvImportOut
from server.services import registry as svc
from thai_civil.calendar import now_utc

app = typer.Typer(help="Units: CSV import and readiness.", no_args_is_help=True)

STAGES = {"validate": "ตรวจสอบ / validating", "write": "บันทึก / writing"}


def parse_at(value: str | None) -> datetime:
    """``--at`` as an aware instant (ISO 8601; without an offset it is Bangkok time; default now)."""
    try:
        return svc.as_instant(datetime.fromisoformat(value) if value else None, now_utc())
    except ValueError:
        fail("INVALID_DATETIME", "รูปแบบเวลาไม่ถูกต้อง (ISO 8601)", "Invalid time (ISO 8601 expected)", value=value)
    except DomainError as exc:
        fail(exc.code, exc.message_th, exc.message_en, value=value)


@contextmanager
def registry_errors() -> Iterator[None]:
    """Turn registry errors into the uniform JSON error and a non-zero exit."""
    try:
        yield
    except CsvImportError as exc:
        table = Table("row", "column", "code", "reason", title=exc.message_en)
        for e in exc.errors:
            table.add_row(str(e.row), e.column, e.code, f"{e.message_th}\n{e.message_en}")
        console.print(table)
        fail(exc.code, exc.message_th, exc.message_en, **exc.details)
    except RegistryError as exc:
        fail(exc.code, exc.message_th, exc.message_en, **exc.details)


def run_import(file: Path, do_import: Callable[[Session, bytes, Callable[[str, int, int], None]], CsvImportOut]) -> None:
    """Import ``file`` with a progress bar; print the result as JSON."""
    data = file.read_bytes()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with registry_errors(), Progress(*columns, console=console) as progress:
        task = progress.add_task(STAGES["validate"], total=None)

        def report(stage: str, done: int, total: int) -> None:
            progress.update(task, description=STAGES[stage], completed=done, total=total)

        with cli_session() as session:
            result = do_import(session, data, report)
    print_json(result.model_dump())


@app.command("import")
def import_units(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Units CSV (UTF-8)")]) -> None:
    """Import units from FILE: the whole file is checked first; every row lands or none."""
    run_import(file, lambda session, data, report: svc.import_units(session, data=data, by="cli", progress=report))


@app.command("ready")
def ready(
    hcode: Annotated[str, typer.Argument(help="Unit code (5 digits)")],
    at: Annotated[str | None, typer.Option(help="ISO time (Bangkok if no offset); default now")] = None,
) -> None:
    """Is unit HCODE ready to verify citizens?  Exits 1 when it is not."""
    instant = parse_at(at)
    with cli_session() as session:
        result = svc.unit_readiness(session, hcode=hcode, at=instant)
    print_json(result.model_dump(mode="json"))
    if not result.ready:
        raise typer.Exit(1)
