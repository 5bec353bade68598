"""``fvs accounts create`` and ``fvs tokens create/revoke`` against a real SQLite file, then the
token used over HTTP."""
import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from server.app import create_app
from server.cli.main import app
from server.settings import get_settings
from tests.server.test_units_cli import cli_db  # noqa: F401  (fixture)

runner = CliRunner()


def test_bootstrap_an_admin_and_a_tablet_token(cli_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("FVS_DEMO_PASSWORD", "demo password 2569")
    loaded = runner.invoke(app, ["demo", "load", "--citizens", "0"])
    assert loaded.exit_code == 0 and "demo.admin" in loaded.output and "demo.77001" in loaded.output
    assert "demo.admin" not in runner.invoke(app, ["demo", "load", "--citizens", "0"]).output  # shown once
    monkeypatch.setenv("FVS_NEW_PASSWORD", "a long admin password")
    r = runner.invoke(app, ["accounts", "create", "admin", "--role", "NHSO_ADMIN"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["role"] == "NHSO_ADMIN"
    again = runner.invoke(app, ["accounts", "create", "admin", "--role", "NHSO_ADMIN"])
    assert again.exit_code == 2 and json.loads(again.stdout)["code"] == "ACCOUNT_EXISTS"
    assert json.loads(runner.invoke(app, ["tokens", "create", "99999"]).stdout)["code"] == "UNIT_NOT_FOUND"
    created = json.loads(runner.invoke(app, ["tokens", "create", "77001", "--name", "counter-1"]).stdout)
    assert created["token"].startswith("fvs_dev_")

    get_settings.cache_clear()
    with TestClient(create_app(get_settings())) as c:
        login = c.post("/api/v1/auth/login", json={"username": "admin", "password": "a long admin password"})
        assert login.status_code == 200
        demo = c.post("/api/v1/auth/login", json={"username": "demo.77001", "password": "demo password 2569"})
        assert (demo.json()["role"], demo.json()["hcode"]) == ("UNIT_ADMIN", "77001")
        me = c.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {created['token']}"}).json()
        assert (me["role"], me["hcode"]) == ("UNIT_DEVICE", "77001")
        assert runner.invoke(app, ["tokens", "revoke", "77001", str(created["id"])]).exit_code == 0
        assert c.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {created['token']}"}).status_code == 401
