"""The agent's settings (zones, loopback only), its key file, the signed-record protocol, and the
``fvs card-agent`` command line (``serve`` really listening on 127.0.0.1)."""
from __future__ import annotations

import base64
import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner

from card_agent.errors import AgentError
from card_agent.keys import generate_key, load_key
from card_agent.protocol import (
    RecordError,
    canonical_json,
    check_record,
    decode_public_key,
    key_id,
    sign_record,
    signature_valid,
)
from card_agent.settings import AgentSettings, Zone, ensure_loopback, load_settings
from server.cli.card_agent import app as cli

REPO = Path(__file__).resolve().parents[2]
BASE_ENV = {"FVS_AGENT_TEST_SERVER_URL": "http://127.0.0.1:9/", "FVS_AGENT_DEVICE_TOKEN": "fvs_dev_x",
            "FVS_AGENT_TOKEN": "t" * 24, "FVS_AGENT_AGENT_ID": "3", "FVS_AGENT_HCODE": "99001"}


def config_error(**env: str) -> AgentError:
    with pytest.raises(AgentError) as err:
        load_settings(env={**BASE_ENV, **env})
    return err.value


# --- loopback only -----------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "localhost", "127.0.0.2",
                                  "example.org", "[::1]", ""])
def test_binding_anything_but_127_0_0_1_or_ipv6_loopback_is_refused(host):
    with pytest.raises(AgentError) as err:
        ensure_loopback(host)
    assert err.value.code == "AGENT_BIND_REFUSED"
    assert config_error(FVS_AGENT_HOST=host or " ").code in ("AGENT_BIND_REFUSED", "AGENT_CONFIG_INVALID")


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_loopback_addresses_are_accepted(host):
    ensure_loopback(host)
    assert load_settings(env={**BASE_ENV, "FVS_AGENT_HOST": host}).host == host


def test_cli_serve_refuses_a_public_address_before_anything_else(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env=BASE_ENV)
    assert result.exit_code == 2
    assert json.loads(result.stdout)["code"] == "AGENT_BIND_REFUSED"


# --- zones and the rest of the settings --------------------------------------------------------

def test_the_zone_picks_its_own_server():
    test = load_settings(env={**BASE_ENV, "FVS_AGENT_PRODUCTION_SERVER_URL": "https://fvs.example.org"})
    assert test.zone is Zone.TEST and test.server_url == "http://127.0.0.1:9"
    prod = load_settings(env={**BASE_ENV, "FVS_AGENT_PRODUCTION_SERVER_URL": "https://fvs.example.org",
                              "FVS_AGENT_ZONE": "production"})
    assert prod.zone is Zone.PRODUCTION and prod.server_url == "https://fvs.example.org"


@pytest.mark.parametrize("env, field", [
    ({"FVS_AGENT_ZONE": "PRODUCTION"}, "production_server_url"),  # no production URL
    ({"FVS_AGENT_ZONE": "PRODUCTION", "FVS_AGENT_PRODUCTION_SERVER_URL": "http://fvs.example.org"},
     "production_server_url"),  # production without https
    ({"FVS_AGENT_PRODUCTION_SERVER_URL": "http://127.0.0.1:9"}, "production_server_url"),  # same server
    ({"FVS_AGENT_ZONE": "STAGING"}, "zone"),
    ({"FVS_AGENT_TOKEN": "short"}, "token"),
    ({"FVS_AGENT_HCODE": "9901"}, "hcode"),
    ({"FVS_AGENT_AGENT_ID": "x"}, "agent_id"),
    ({"FVS_AGENT_ALLOWED_ORIGINS": "*"}, "allowed_origins"),
    ({"FVS_AGENT_TEST_SERVER_URL": "ftp://fvs"}, "test_server_url"),
])
def test_bad_settings_are_refused_naming_the_setting(env, field):
    err = config_error(**env)
    assert err.code == "AGENT_CONFIG_INVALID" and err.details["field"] == field


def test_missing_required_settings_are_named():
    env = dict(BASE_ENV)
    del env["FVS_AGENT_DEVICE_TOKEN"]
    with pytest.raises(AgentError) as err:
        load_settings(env=env)
    assert err.value.details["field"] == "device_token"


def test_a_toml_file_with_the_environment_winning(tmp_path):
    config = tmp_path / "agent.toml"
    config.write_text('[agent]\nzone = "PRODUCTION"\ntest_server_url = "http://127.0.0.1:8000"\n'
                      'production_server_url = "https://fvs.example.org"\ndevice_token = "fvs_dev_file"\n'
                      'token = "file-token-file-token"\nagent_id = 7\nhcode = "99002"\nport = 18189\n'
                      'allowed_origins = ["https://console.fvs.example/"]\n', "utf-8")
    s = load_settings(config, env={"FVS_AGENT_HCODE": "99001"})
    assert (s.zone, s.server_url, s.agent_id, s.hcode, s.port) == \
        (Zone.PRODUCTION, "https://fvs.example.org", 7, "99001", 18189)
    assert s.allowed_origins == ("https://console.fvs.example",)
    assert "file-token" not in repr(s) and "fvs_dev_file" not in repr(s)
    via_env = load_settings(env={"FVS_AGENT_CONFIG": str(config)}, zone="TEST")
    assert via_env.server_url == "http://127.0.0.1:8000"
    config.write_text('agent_id = 7\nsurprise = 1\n', "utf-8")
    with pytest.raises(AgentError) as err:
        load_settings(config, env={})
    assert err.value.details["field"] == "config" and "surprise" in err.value.details["reason"]


def test_settings_can_be_built_directly_and_are_checked():
    with pytest.raises(AgentError):
        AgentSettings(test_server_url="http://127.0.0.1:9", production_server_url=None, device_token="d",
                      token="t" * 20, agent_id=1, hcode="99001", host="0.0.0.0")


# --- the key file ------------------------------------------------------------------------------

def test_keygen_writes_a_private_key_only_its_owner_reads(tmp_path):
    made = generate_key(tmp_path / "new" / "agent.pem")
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.parent.stat().st_mode) == 0o700
    raw = decode_public_key(made.public_key)
    assert len(raw) == 32 and made.key_id == key_id(raw)
    loaded = load_key(made.path)
    assert loaded.public_key == made.public_key
    with pytest.raises(AgentError) as err:
        generate_key(made.path)
    assert err.value.code == "AGENT_KEY_EXISTS"
    assert generate_key(made.path, force=True).public_key != made.public_key


def test_a_key_others_may_read_or_a_missing_or_foreign_key_is_refused(tmp_path):
    made = generate_key(tmp_path / "agent.pem")
    os.chmod(made.path, 0o644)
    with pytest.raises(AgentError) as err:
        load_key(made.path)
    assert err.value.code == "AGENT_KEY_INVALID" and "chmod 600" in err.value.details["reason"]
    with pytest.raises(AgentError) as err:
        load_key(tmp_path / "none.pem")
    assert err.value.code == "AGENT_KEY_MISSING"
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a key")
    junk.chmod(0o600)
    with pytest.raises(AgentError) as err:
        load_key(junk)
    assert err.value.code == "AGENT_KEY_INVALID"


def test_cli_keygen_prints_the_public_key_to_register(tmp_path):
    path = tmp_path / "k.pem"
    result = CliRunner().invoke(cli, ["keygen", "--key", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["key_path"] == str(path) and out["public_key"] == load_key(path).public_key
    again = CliRunner().invoke(cli, ["keygen", "--key", str(path)])
    assert again.exit_code == 2 and json.loads(again.stdout)["code"] == "AGENT_KEY_EXISTS"


# --- the protocol ------------------------------------------------------------------------------

def _record() -> dict:
    return {"format": "fvs-card-read/1", "pid": "1101700203450", "title_th": "นาย", "first_name_th": "สมชาย",
            "middle_name_th": None, "last_name_th": "ใจดี", "birth_date": "1987-04", "sex": "M",
            "issue_date": "2024-01-10", "expiry_date": None, "photo_sha256": None, "reader": "R", "atr": "3B68",
            "nonce": "n", "read_at": "2026-11-22T03:00:00.000Z", "agent_key_id": "k"}


def test_canonical_json_is_sorted_compact_utf8():
    data = canonical_json({"b": "ไทย", "a": None})
    assert data == '{"a":null,"b":"ไทย"}'.encode()


def test_sign_and_verify_round_trip_and_any_change_fails():
    key = Ed25519PrivateKey.generate()
    signed = sign_record(key, _record())
    raw = decode_public_key(base64.b64encode(key.public_key().public_bytes_raw()).decode())
    assert signature_valid(raw, signed["record"], signed["signature"])
    assert not signature_valid(raw, {**signed["record"], "last_name_th": "ใจร้าย"}, signed["signature"])
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    assert not signature_valid(other, signed["record"], signed["signature"])


@pytest.mark.parametrize("change", [{"format": "x"}, {"pid": 1101700203450}, {"extra": "x"},
                                    {"read_at": "2026-11-22T03:00:00"}, {"pid": ""}])
def test_records_of_another_shape_are_refused(change):
    with pytest.raises(RecordError):
        check_record({**_record(), **change})


# --- serve, for real, on 127.0.0.1 -------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_listens_on_127_0_0_1_with_the_token(tmp_path, pcsc_context):
    key = generate_key(tmp_path / "k.pem")
    port = _free_port()
    env = {**os.environ, **BASE_ENV, "FVS_AGENT_KEY_PATH": str(key.path), "FVS_AGENT_PORT": str(port)}
    code = "import sys; from server.cli.card_agent import app; app(sys.argv[1:], prog_name='fvs card-agent')"
    process = subprocess.Popen([sys.executable, "-c", code, "serve"], env=env, cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/api/smartcard/terminals"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(url, headers={"Authorization": f"Bearer {BASE_ENV['FVS_AGENT_TOKEN']}"}, timeout=5)
                break
            except httpx.ConnectError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "the agent did not start listening"
                time.sleep(0.2)
        assert r.status_code == 200 and "Virtual PCD 00 00" in {t["terminalName"] for t in r.json()}
        assert "server" not in r.headers
        assert httpx.get(url, timeout=5).status_code == 401
        pid = "1101700203450"
        r = httpx.get(f"http://127.0.0.1:{port}/api/nhso-service/latest-authen-code/{pid}",
                      headers={"Authorization": f"Bearer {BASE_ENV['FVS_AGENT_TOKEN']}"}, timeout=30)
        assert r.status_code == 503 and r.json()["code"] == "FVS_UNREACHABLE"  # nothing listens on :9
        conns = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=False)
        if conns.returncode == 0:
            assert conns.stdout.strip() and all("127.0.0.1:" in line for line in conns.stdout.splitlines())
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate(timeout=5)
    assert "latest-authen-code/*********3450" in output  # the access log, masked
    assert pid not in output
