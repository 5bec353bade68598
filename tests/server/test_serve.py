"""``fvs serve`` refuses to run with the public development secret key unless it is a demo."""
from typer.testing import CliRunner

from server.cli.main import app
from server.settings import get_settings

runner = CliRunner()


def test_serve_refuses_the_development_key_and_a_short_one(monkeypatch, tmp_path):
    monkeypatch.setenv("FVS_DATA_DIR", str(tmp_path))
    for key in (None, "too-short"):
        if key is None:
            monkeypatch.delenv("FVS_SECRET_KEY", raising=False)
        else:
            monkeypatch.setenv("FVS_SECRET_KEY", key)
        get_settings.cache_clear()
        result = runner.invoke(app, ["serve", "--no-migrate"])
        assert result.exit_code == 2, result.output
        assert "FVS_SECRET_KEY" in result.output
    get_settings.cache_clear()
