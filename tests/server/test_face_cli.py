"""``fvs face`` against the real models: JSON out, JSON error body and exit 2 on bad input."""
import json

import pytest
from typer.testing import CliRunner

from server.cli.main import app
from server.settings import get_settings
from tests.conftest import SHARED

runner = CliRunner()
PEOPLE = SHARED / "faces" / "people"
pytestmark = pytest.mark.skipif(not (SHARED / "models" / "buffalo_sc").is_dir(), reason="shared models absent")


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("FVS_MODEL_DIR", str(SHARED / "models" / "buffalo_sc"))
    monkeypatch.setenv("FVS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FVS_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_verify_same_and_different():
    same = runner.invoke(app, ["face", "verify", str(PEOPLE / "obama/obama1.jpg"), str(PEOPLE / "obama/obama2.jpg")])
    assert same.exit_code == 0 and json.loads(same.stdout)["match"] is True
    diff = runner.invoke(app, ["face", "verify", str(PEOPLE / "obama/obama1.jpg"), str(PEOPLE / "biden/biden1.jpg")])
    assert json.loads(diff.stdout)["match"] is False


def test_embed_json_and_error_exit(tmp_path):
    out = json.loads(runner.invoke(app, ["face", "embed", str(PEOPLE / "biden/biden1.jpg")]).stdout)
    assert out["model_id"] == "buffalo_sc" and len(out["embedding"]) == 512 and len(out["landmarks"]) == 5
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"nope")
    res = runner.invoke(app, ["face", "embed", str(bad)])
    assert res.exit_code == 2 and json.loads(res.stdout)["code"] == "IMAGE_INVALID"


def test_enroll_then_identify():
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["demo", "load", "--citizens", "3"]).exit_code == 0
    from sqlalchemy import create_engine, text

    engine = create_engine(get_settings().effective_database_url)
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pid FROM citizens ORDER BY pid LIMIT 1")).scalar()
    engine.dispose()
    res = runner.invoke(app, ["face", "enroll", "--pid", pid, "--consent", str(PEOPLE / "obama/obama1.jpg")])
    assert res.exit_code == 0, res.stdout
    found = json.loads(runner.invoke(app, ["face", "identify", str(PEOPLE / "obama/obama3.jpg")]).stdout)
    assert found["decision"] == "MATCH" and found["pid"] == pid
    bad = runner.invoke(app, ["face", "enroll", "--pid", "123", str(PEOPLE / "obama/obama1.jpg")])
    assert bad.exit_code == 2 and json.loads(bad.stdout)["code"] == "INVALID_PID"
