"""Schemathesis over the whole OpenAPI: whatever a client sends, no 5xx, every status and body as
documented.  Seeded and bounded (``derandomize``; ``FVS_FUZZ_EXAMPLES`` examples per operation),
once with an NHSO admin's token and once with a unit tablet's, against the real app with the
real face models on a committed database of its own."""
from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.app import create_app
from server.settings import Settings
from tests.dbutil import fresh_database
from tests.live.world import LIVENESS_DIR, MODEL_DIR, SECRET_KEY, build_world

EXAMPLES = int(os.environ.get("FVS_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


@pytest.fixture(scope="module")
def fuzz_world(tmp_path_factory, face_vector):
    with fresh_database(tmp_path_factory.mktemp("fuzz")) as url:
        world = build_world(url, adults=2, face_vector=face_vector)
        app = create_app(Settings(database_url=url, model_dir=MODEL_DIR, liveness_dir=LIVENESS_DIR,
                                  secret_key=SECRET_KEY, log_level="ERROR"))
        with TestClient(app):  # runs the lifespan: face models load
            assert app.state.face.wait_loaded(120) and app.state.face.state == "ready"
            yield world, app
        world.engine.dispose()


FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def _fuzz(app, token: str) -> dict[str, str]:
    """Run every operation of the app's OpenAPI; returns ``operation -> first failure``."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    for operation in operations:
        for mode in GenerationMode:  # schema-valid data, then data that breaks the schema

            @FUZZ
            @given(case=operation.as_strategy(mode))
            def run(case) -> None:
                case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:  # nothing to break (no parameters): no negative case exists
                assert mode is GenerationMode.NEGATIVE
            except (Exception, BaseExceptionGroup) as exc:  # a check failed: keep its first report
                failures[f"{operation.label} ({mode.value})"] = str(exc)[:3000]
    return failures


def _report(failures: dict[str, str]) -> str:
    return "\n\n".join(f"== {label}\n{text}" for label, text in failures.items())


def test_as_nhso_admin(fuzz_world):
    world, app = fuzz_world
    failures = _fuzz(app, world.nhso_token)
    assert not failures, _report(failures)


def test_as_unit_tablet(fuzz_world):
    world, app = fuzz_world
    failures = _fuzz(app, world.device_token)
    assert not failures, _report(failures)
