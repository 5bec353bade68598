"""The ``fvs`` command line against a real database file."""

from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from server.cli.main import app
from server.settings import get_settings

runner = CliRunner()


def test_db_upgrade_demo_load_and_current(tmp_path, monkeypatch):
    monkeypatch.setenv("FVS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FVS_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        result = runner.invoke(app, ["demo", "load", "--citizens", "50"])
        assert result.exit_code == 0, result.output
        db = tmp_path / "data" / "fvs.db"
        engine = create_engine(f"sqlite:///{db}")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM citizens")).scalar() == 50
            assert conn.execute(text("SELECT count(*) FROM rights")).scalar() >= 4
        engine.dispose()
        assert runner.invoke(app, ["db", "downgrade", "base"]).exit_code == 0
    finally:
        get_settings.cache_clear()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("serve", "db", "demo"):
        assert name in result.output
