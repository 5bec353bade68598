from fastapi.testclient import TestClient

from server.app import create_app
from server.settings import Settings


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["checks"]["database"]["ok"] is True
    assert r.json()["checks"]["migrations"]["ok"] is True


def test_readyz_503_when_database_unreachable(tmp_path):
    settings = Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none", data_dir=tmp_path)
    with TestClient(create_app(settings)) as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["database"]["ok"] is False


def test_readyz_503_when_not_migrated(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}", data_dir=tmp_path)
    with TestClient(create_app(settings)) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["migrations"]["ok"] is False


def test_openapi_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    assert "/api/v1/citizens/{pid}" in spec["paths"]
    assert "ErrorBody" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200
