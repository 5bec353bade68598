"""``fvs face`` against the real models: JSON out, JSON error body and exit 2 on bad input."""
import json

import pytest
from typer.testing import CliRunner

from server.cli.main import app
from server.settings import get_settings
from tests.conftest import SHARED

runner = CliRunner()
PEOPLE = SHARED / "faces" / "people"


@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("FVS_MODEL_DIR", str(SHARED / "models" / "buffalo_sc"))
    monkeypatch.setenv("FVS_LIVENESS_DIR", str(SHARED / "models" / "antispoof"))
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


def test_embed_many_images_one_json_line_each(tmp_path):
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"nope")
    images = [PEOPLE / "biden/biden1.jpg", bad, PEOPLE / "obama/obama1.jpg", tmp_path / "missing.jpg"]
    res = runner.invoke(app, ["face", "embed", *map(str, images)])
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [line["image"] for line in lines] == [str(p) for p in images]
    assert [line.get("code") for line in lines] == [None, "IMAGE_INVALID", None, "FILE_NOT_FOUND"]
    biden, obama = lines[0]["embedding"], lines[2]["embedding"]
    assert len(biden) == len(obama) == 512 and biden != obama
    assert res.exit_code == 2  # one photo failed
    ok = runner.invoke(app, ["face", "embed", str(images[0]), str(images[2])])
    assert ok.exit_code == 0 and len(ok.stdout.splitlines()) == 2


def test_policy_json_lists_the_pack_band_thresholds():
    from models.manifest import BUILTIN_DIR

    res = runner.invoke(app, ["face", "policy", "--json"])
    assert res.exit_code == 0, res.stdout
    out = json.loads(res.stdout)
    manifest = json.loads((BUILTIN_DIR / "buffalo_sc.json").read_text(encoding="utf-8"))
    assert out["model_id"] == "buffalo_sc"
    bands = out["bands"]
    assert [(b["min_age"], b["max_age"]) for b in bands] == [(0, 6), (7, 15), (16, 60), (61, None)]
    assert [b["threshold"] for b in bands] == [b["threshold"] for b in manifest["thresholds"]["bands"]]
    assert all(b["far_target"] == 0.001 and b["source"]["dataset"] and b["source"]["method"] for b in bands)
    assert [b["face_role"] for b in bands] == ["alternative", "alternative", "primary", "alternative"]
    assert any("61+" in w and "not estimable" in w for w in out["warnings"])


def test_policy_without_a_model_dir_is_model_unavailable(monkeypatch):
    monkeypatch.delenv("FVS_MODEL_DIR")
    get_settings.cache_clear()
    res = runner.invoke(app, ["face", "policy", "--json"])
    assert res.exit_code == 2 and json.loads(res.stdout)["code"] == "MODEL_UNAVAILABLE"


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
