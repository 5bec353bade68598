"""A full PID never reaches the logs, whoever logs it."""
import io
import json
import logging

from server.logging_setup import JsonFormatter, PidMaskingFilter, install_pid_masking, mask_pids

PID = "1101700203450"


def test_mask_pids_only_touches_13_digit_runs():
    assert mask_pids(f"pid={PID} phone=0812345678 long=11017002034501") == (
        "pid=*********3450 phone=0812345678 long=11017002034501"
    )


def test_no_full_pid_in_captured_logs_of_a_request(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(f"/api/v1/citizens/{PID}")
    client.get("/api/v1/citizens/1234567890123")
    assert caplog.records, "the request should have been logged"
    assert any("*********3450" in r.getMessage() for r in caplog.records)
    assert PID not in caplog.text
    assert "1234567890123" not in caplog.text


def test_args_extras_and_tracebacks_are_masked():
    install_pid_masking()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PidMaskingFilter())
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("fvs.test.masking")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        log.info("citizen %s verified", PID, extra={"citizen": PID})
        try:
            raise ValueError(f"bad citizen {PID}")
        except ValueError:
            log.exception("failed for %s", PID)
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert PID not in out
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["msg"] == "citizen *********3450 verified"
    assert lines[0]["citizen"] == "*********3450"
    assert "bad citizen *********3450" in lines[1]["exc"]
