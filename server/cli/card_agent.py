"""``fvs card-agent``: the local smart-card agent for hospital software, the web console and tablets.

``keygen`` makes the agent's Ed25519 key (mode 0600) and prints the public key to register with
FVS; ``serve`` runs the agent on 127.0.0.1 (settings: ``FVS_AGENT_*`` or a TOML file, see
``card_agent.settings``).  Errors print the uniform JSON error body and exit with status 2.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from card_agent.keys import generate_key
from card_agent.settings import DEFAULT_KEY, ENV_PREFIX, Zone, load_settings
from fvs_errors import DomainError
from server.cli.common import fail, print_json

app = typer.Typer(help="The local smart-card agent (NHSO Secure Smartcard Agent routes, signed reads).",
                  no_args_is_help=True)


def _fail(exc: DomainError) -> NoReturn:
    fail(exc.code, exc.message_th, exc.message_en, **exc.details)


@app.command("keygen")
def keygen(
    key: Annotated[Path | None, typer.Option("--key", help="Where to write the private key "
                                             f"(default: ${ENV_PREFIX}KEY_PATH or {DEFAULT_KEY})")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Make the agent's Ed25519 key (0600) and print its public key to register with FVS."""
    path = key or Path(os.environ.get(f"{ENV_PREFIX}KEY_PATH") or DEFAULT_KEY)
    try:
        made = generate_key(path, force=force)
    except DomainError as exc:
        _fail(exc)
    if as_json:
        print_json({"public_key": made.public_key, "key_id": made.key_id, "key_path": str(made.path)})
        return
    typer.echo(f"Private key: {made.path} (mode 600; keep it on this machine)")
    typer.echo(f"Key id:      {made.key_id}")
    typer.echo(f"Public key:  {made.public_key}")
    typer.echo("Register it (unit admin):  POST /api/v1/units/<hcode>/card-agents "
               f'{{"name": "...", "public_key": "{made.public_key}"}}')
    typer.echo(f"then set {ENV_PREFIX}AGENT_ID to the id FVS answers.")


@app.command("serve")
def serve(
    config: Annotated[Path | None, typer.Option("--config", help=f"TOML settings (or ${ENV_PREFIX}CONFIG)")] = None,
    host: Annotated[str | None, typer.Option("--host", help="127.0.0.1 (default) or ::1 only")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Default 8189, as NHSO's agent")] = None,
    zone: Annotated[Zone | None, typer.Option("--zone", case_sensitive=False, help="TEST or PRODUCTION")] = None,
) -> None:
    """Serve the card reader over HTTP on loopback, with a token."""
    from card_agent.serve import serve as run

    try:
        settings = load_settings(config, host=host, port=port, zone=zone.value if zone else None)
        run(settings)
    except DomainError as exc:
        _fail(exc)
