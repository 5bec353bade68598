"""The agent's logs never hold a full citizen ID: every record is masked when it is made.

uvicorn's access log writes request paths (``/api/nhso-service/latest-authen-code/{pid}``), and
httpx may log FVS URLs (``/api/v1/citizens/{pid}``); the record factory installed here masks any
run of 13 digits (spaces or dashes between them too) to its last four, ``*********0121``.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from thai_civil.pid import mask_pid

_PID = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12}(?!\d)")
_base_factory = logging.getLogRecordFactory()


def mask_pids(text: str) -> str:
    return _PID.sub(lambda m: mask_pid(m.group(0)), text)


def _factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        message = str(record.msg)
    masked = mask_pids(message)
    if masked != message or record.args:
        record.msg, record.args = masked, None
    return record


def install_pid_masking() -> None:
    """Mask PIDs in every log record of this process (idempotent)."""
    global _base_factory
    current = logging.getLogRecordFactory()
    if getattr(current, "__name__", "") == _factory.__name__ and current.__module__ == __name__:
        return
    _base_factory = current
    logging.setLogRecordFactory(_factory)
