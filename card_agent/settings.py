"""The card agent's settings: a TOML file and/or ``FVS_AGENT_*`` environment variables.

=========================== ============================================================== =====
setting (env ``FVS_AGENT_``) meaning                                                        default
=========================== ============================================================== =====
``zone``                    ``TEST`` or ``PRODUCTION`` (document 004: separate URLs, data,  TEST
                            tokens); picks which server URL is used
``test_server_url``         FVS of the test zone
``production_server_url``   FVS of the production zone (https, unless on loopback)
``device_token``            the unit's FVS device token (``fvs tokens create HCODE``)
``agent_id``                the id FVS gave when the agent's key was registered
``hcode``                   the unit the agent serves (5 digits)
``token``                   the token local clients send (``Authorization: Bearer``), ≥ 16
``key_path``                the agent's Ed25519 private key (``fvs card-agent keygen``)     …
``host`` / ``port``         where to listen: 127.0.0.1 or ::1 only                          8189
``allowed_origins``         web origins that may call it (CORS); comma-separated in env     none
``profession``              profession sent with confirm-save when the client sends none
``reader``                  a PC/SC reader name (default: the first reader with a card)
=========================== ============================================================== =====

The environment wins over the file.  ``FVS_AGENT_CONFIG`` names the file when ``--config`` is
not given.  Port 8189 is where NHSO's agent listens, so hospital software needs only the token.
"""
from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from card_agent.errors import agent_error

ENV_PREFIX = "FVS_AGENT_"
DEFAULT_PORT = 8189
DEFAULT_KEY = Path.home() / ".config" / "fvs-card-agent" / "agent_ed25519.pem"
LOOPBACK = ("127.0.0.1", "::1")
MIN_TOKEN_CHARS = 16
_ORIGIN = re.compile(r"^https?://[^/\s*]+$")


class Zone(StrEnum):
    TEST = "TEST"
    PRODUCTION = "PRODUCTION"


@dataclass(frozen=True)
class AgentSettings:
    test_server_url: str | None
    production_server_url: str | None
    device_token: str = field(repr=False)
    token: str = field(repr=False)
    agent_id: int
    hcode: str
    key_path: Path = DEFAULT_KEY
    zone: Zone = Zone.TEST
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    allowed_origins: tuple[str, ...] = ()
    profession: str | None = None
    reader: str | None = None
    read_ttl_s: int = 600
    refresh_after_s: int = 90
    fvs_timeout_s: float = 20.0

    def __post_init__(self) -> None:
        validate(self)

    @property
    def server_url(self) -> str:
        url = self.production_server_url if self.zone is Zone.PRODUCTION else self.test_server_url
        assert url is not None  # validate() made sure
        return url.rstrip("/")


def _bad(name: str, reason: str) -> Exception:
    return agent_error("AGENT_CONFIG_INVALID", field=name, reason=reason)


def ensure_loopback(host: str) -> None:
    """Refuse to listen anywhere but 127.0.0.1 or ::1 (``AGENT_BIND_REFUSED``)."""
    try:
        address = str(ipaddress.ip_address(host))
    except ValueError:
        address = ""
    if address not in LOOPBACK:
        raise agent_error("AGENT_BIND_REFUSED", host=host)


def _is_loopback_host(host: str | None) -> bool:
    if host in (None, ""):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(name: str, url: str, *, production: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _bad(name, "not an http(s) URL")
    if production and parts.scheme != "https" and not _is_loopback_host(parts.hostname):
        raise _bad(name, "the production zone needs https")


def validate(s: AgentSettings) -> None:
    if not isinstance(s.zone, Zone):
        raise _bad("zone", "TEST or PRODUCTION")
    for name, url in (("test_server_url", s.test_server_url), ("production_server_url", s.production_server_url)):
        if url:
            _check_url(name, url, production=name.startswith("production"))
    chosen = "production_server_url" if s.zone is Zone.PRODUCTION else "test_server_url"
    if not getattr(s, chosen):
        raise _bad(chosen, f"required in zone {s.zone.value}")
    if s.test_server_url and s.production_server_url and \
            s.test_server_url.rstrip("/") == s.production_server_url.rstrip("/"):
        raise _bad("production_server_url", "the test and production zones need distinct servers")
    if not s.device_token:
        raise _bad("device_token", "required: the unit's FVS device token")
    if len(s.token) < MIN_TOKEN_CHARS:
        raise _bad("token", f"at least {MIN_TOKEN_CHARS} characters")
    if s.agent_id < 1:
        raise _bad("agent_id", "the id FVS gave when the key was registered")
    if not re.fullmatch(r"\d{5}", s.hcode):
        raise _bad("hcode", "5 digits")
    ensure_loopback(s.host)
    if not 1 <= s.port <= 65535:
        raise _bad("port", "1 to 65535")
    for origin in s.allowed_origins:
        if not _ORIGIN.match(origin):
            raise _bad("allowed_origins", f"{origin!r} is not an origin such as https://fvs.example")


_INT = {"agent_id", "port", "read_ttl_s", "refresh_after_s"}
_FLOAT = {"fvs_timeout_s"}
_NAMES = {f for f in AgentSettings.__dataclass_fields__}


def _coerce(name: str, value: Any) -> Any:
    try:
        if name in _INT:
            return int(value)
        if name in _FLOAT:
            return float(value)
    except (TypeError, ValueError):
        raise _bad(name, "a number") from None
    if name == "zone":
        try:
            return Zone(str(value).upper())
        except ValueError:
            raise _bad("zone", "TEST or PRODUCTION") from None
    if name == "key_path":
        return Path(str(value)).expanduser()
    if name == "allowed_origins":
        items = value.split(",") if isinstance(value, str) else list(value)
        return tuple(str(o).strip().rstrip("/") for o in items if str(o).strip())
    return str(value)


def load_settings(config: Path | None = None, env: Mapping[str, str] | None = None,
                  **overrides: Any) -> AgentSettings:
    """Settings from ``config`` (TOML; or ``FVS_AGENT_CONFIG``), then the environment, then
    ``overrides`` (command-line options; ``None`` values are ignored)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config or (Path(env[f"{ENV_PREFIX}CONFIG"]) if env.get(f"{ENV_PREFIX}CONFIG") else None)
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise _bad("config", f"{path}: {exc}") from None
        data = data.get("agent", data)
        if unknown := sorted(set(data) - _NAMES):
            raise _bad("config", f"unknown setting(s): {', '.join(unknown)}")
        values.update(data)
    for name in _NAMES:
        if (raw := env.get(ENV_PREFIX + name.upper())) not in (None, ""):
            values[name] = raw
    values.update({k: v for k, v in overrides.items() if v is not None})
    for required in ("device_token", "token", "agent_id", "hcode"):
        if required not in values:
            raise _bad(required, f"required (set {ENV_PREFIX}{required.upper()} or put it in the config file)")
    values.setdefault("test_server_url", None)
    values.setdefault("production_server_url", None)
    return AgentSettings(**{k: _coerce(k, v) if v is not None else None for k, v in values.items()})
