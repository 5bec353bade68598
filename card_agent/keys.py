"""The agent's Ed25519 key: made by ``fvs card-agent keygen``, kept in a file only its owner reads.

The private key is PKCS#8 PEM, written with mode 0600 (its folder 0700 when made here).  A key
file that group or others may read is refused, as ssh refuses one.  The public key is printed in
base64 (32 raw bytes) to be registered with FVS (``POST /api/v1/units/{hcode}/card-agents``).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from card_agent.errors import agent_error
from card_agent.protocol import key_id, public_key_b64


@dataclass(frozen=True)
class AgentKey:
    private_key: Ed25519PrivateKey
    path: Path

    @property
    def public_key(self) -> str:
        """base64 of the raw public key (what FVS registers)."""
        return public_key_b64(self.private_key)

    @property
    def key_id(self) -> str:
        return key_id(self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def __repr__(self) -> str:
        return f"AgentKey(key_id={self.key_id!r}, path={str(self.path)!r})"


def generate_key(path: Path, *, force: bool = False) -> AgentKey:
    """A new key written to ``path`` (0600).  An existing file is kept unless ``force``."""
    path = Path(path).expanduser()
    if path.exists() and not force:
        raise agent_error("AGENT_KEY_EXISTS", path=str(path))
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        os.chmod(tmp, 0o600)  # whatever the umask
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return AgentKey(key, path)


def load_key(path: Path) -> AgentKey:
    """The key at ``path``; ``AGENT_KEY_MISSING`` / ``AGENT_KEY_INVALID`` (also when group or
    others may read the file)."""
    path = Path(path).expanduser()
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError:
        raise agent_error("AGENT_KEY_MISSING", path=str(path)) from None
    except OSError as exc:
        raise agent_error("AGENT_KEY_INVALID", path=str(path), reason=exc.strerror or str(exc)) from None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise agent_error("AGENT_KEY_INVALID", path=str(path),
                          reason=f"group or others may read it (mode {stat.S_IMODE(mode):o}): chmod 600")
    try:
        key = load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise agent_error("AGENT_KEY_INVALID", path=str(path), reason=f"not a PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise agent_error("AGENT_KEY_INVALID", path=str(path), reason="not an Ed25519 key")
    return AgentKey(key, path)
