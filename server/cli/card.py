"""``fvs card``: list smart-card readers and read a Thai national ID card.

The citizen ID is masked (``*********0121``) unless ``--show-pid`` is given.  Errors print the
uniform JSON error body and exit with status 2.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from card_reader import CardError, CardReading, list_readers, read_card
from server.cli.common import fail, print_json

app = typer.Typer(help="Thai national ID card: list readers, read a card.", no_args_is_help=True)


def _fail(exc: CardError) -> NoReturn:
    fail(exc.code, exc.message_th, exc.message_en, **exc.details)


@app.command("readers")
def readers(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """The PC/SC readers and whether a card is in each."""
    try:
        found = list_readers()
    except CardError as exc:
        _fail(exc)
    if as_json:
        print_json({"readers": [r.to_dict() for r in found]})
        return
    if not found:
        typer.echo("No card reader found.")
    for r in found:
        typer.echo(f"{r.name}\t{'card' if r.card_present else 'empty'}")


def _text(reading: CardReading, show_pid: bool) -> str:
    d: dict[str, Any] = reading.to_dict(show_pid=show_pid)
    c = d["card"]
    lines = [
        ("Reader", f"{d['reader']} (ATR {d['atr']})"),
        ("Citizen ID", c["pid"]),
        ("Name (TH)", c["name_th"]["full"]),
        ("Name (EN)", c["name_en"]["full"]),
        ("Birth date", f"{c['birth_date_th']} ({c['birth_date_precision']})"),
        ("Sex", f"{c['sex_th']} / {c['sex']}"),
        ("Address", c["address"]["full"]),
        ("Issuer", c["issuer"]),
        ("Issued", c["issue_date_th"]),
        ("Expires", c["expiry_date_th"]),
        ("Status", f"{d['status']} on {d['checked_on']}"),
        ("Photo", f"{c['photo_bytes']} bytes" if c["photo_bytes"] else "not read"),
    ]
    return "\n".join(f"{k:<11} {v}" for k, v in lines)


@app.command("read")
def read(
    reader: Annotated[str | None, typer.Option(
        "--reader", help="Reader name (default: the first with a card)")] = None,
    photo: Annotated[Path | None, typer.Option(
        "--photo", help="Also read the photo; save the JPEG here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    show_pid: Annotated[bool, typer.Option("--show-pid", help="Print the full citizen ID")] = False,
    refuse_expired: Annotated[bool, typer.Option("--refuse-expired",
                                                 help="Fail with CARD_EXPIRED for an expired card")] = False,
) -> None:
    """Read the Thai national ID card in a reader."""
    try:
        reading = read_card(reader, photo=photo is not None, refuse_expired=refuse_expired)
    except CardError as exc:
        _fail(exc)
    if photo is not None and reading.card.photo:
        photo.write_bytes(reading.card.photo)
    if as_json:
        out = reading.to_dict(show_pid=show_pid)
        if photo is not None:
            out["photo_file"] = str(photo)
        print_json(out)
    else:
        typer.echo(_text(reading, show_pid))
