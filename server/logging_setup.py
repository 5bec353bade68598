"""Structured logs: one JSON object per line, a request id on each, never a full PID.

Every record passes :class:`PidMaskingFilter`, which masks any run of exactly 13 digits
(``1234567890121`` → ``*********0121``) in the message, its arguments and extra fields,
whoever logged it (our code, uvicorn's access log, SQLAlchemy).
"""
from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

_PID_RUN = re.compile(r"(?<![\d-])\d(?:[- ]?\d){12}(?![\d])")
"""13 digits, alone or written with single dashes or spaces between them (``1-0597-60070-31-4``)."""
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _mask(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * 9 + digits[-4:]


def mask_pids(text: str) -> str:
    """Every citizen-ID-like run of 13 digits (separators allowed) → ``*********0121``."""
    return _PID_RUN.sub(_mask, text)


_base_factory = logging.getLogRecordFactory()


def _masking_record_factory(*args, **kwargs) -> logging.LogRecord:
    """Mask PIDs when a record is created, so every handler (even test capture) sees them masked."""
    record = _base_factory(*args, **kwargs)
    try:
        record.msg = mask_pids(record.getMessage())
        record.args = None
    except Exception:  # a bad format string must not lose the log line
        record.msg = mask_pids(str(record.msg))
        record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = mask_pids(logging.Formatter().formatException(record.exc_info))
    return record


def install_pid_masking() -> None:
    """Idempotently install the masking record factory for the whole process."""
    if logging.getLogRecordFactory() is not _masking_record_factory:
        logging.setLogRecordFactory(_masking_record_factory)


class PidMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_pids(record.getMessage())
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, mask_pids(value))
        rid = request_id_var.get()
        record.request_id = mask_pids(rid) if rid else rid
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        body = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if getattr(record, "request_id", None):
            body["request_id"] = record.request_id
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in body and key != "request_id":
                body[key] = value if isinstance(value, (int, float, bool, type(None))) else str(value)
        if record.exc_info:
            body["exc"] = record.exc_text or mask_pids(self.formatException(record.exc_info))
        return json.dumps(body, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", None)
        line = f"{self.formatTime(record)} {record.levelname:<7} {record.name}: {record.getMessage()}"
        if rid:
            line += f" [rid={rid}]"
        if record.exc_info:
            line += "\n" + (record.exc_text or mask_pids(self.formatException(record.exc_info)))
        return line


def configure_logging(level: str = "INFO", json_lines: bool = True) -> None:
    """Install one stderr handler with PID masking on the root and uvicorn loggers."""
    install_pid_masking()
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(PidMaskingFilter())
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_fvs", False)]:
        root.removeHandler(old)
    handler._fvs = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers.clear()
        lg.propagate = True
