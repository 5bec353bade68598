"""Field types and shapes shared by every API area."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from thai_civil.calendar import InvalidThaiDate, parse_be_date
from thai_civil.pid import InvalidPid, validate_pid


def _pid(value: str) -> str:
    try:
        return validate_pid(value)
    except InvalidPid as exc:
        raise PydanticCustomError("invalid_pid", "invalid citizen ID: {reason}", {"reason": exc.reason}) from None


def _be_date(value: object) -> object:
    """Read ``dd/mm/yyyy`` as a Buddhist Era date; leave anything else to pydantic's date."""
    if not isinstance(value, str) or "/" not in value:
        return value
    try:
        return parse_be_date(value)
    except InvalidThaiDate as exc:
        raise PydanticCustomError("invalid_be_date", "{reason}", {"reason": str(exc)}) from None


DATE_RANGE = (date(1900, 1, 1), date(2500, 12, 31))
"""The dates (CE) FVS accepts anywhere: older or later ones are never meant, and the extremes of
the calendar overflow when converted to instants."""


def _in_range(value: date) -> date:
    if not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
        raise PydanticCustomError("invalid_be_date", "the date must be between {low} and {high} (CE)",
                                  {"low": DATE_RANGE[0].isoformat(), "high": DATE_RANGE[1].isoformat()})
    return value


Pid = Annotated[
    str,
    Field(description="Thai citizen ID, 13 digits with mod-11 check digit", examples=["1101700203450"]),
    AfterValidator(_pid),
]
"""A validated Thai citizen ID (spaces/dashes stripped)."""

BeDate = Annotated[
    date,
    Field(description="A date as ISO yyyy-mm-dd, or dd/mm/yyyy in the Buddhist Era", examples=["22/11/2569"]),
    BeforeValidator(_be_date),
    AfterValidator(_in_range),
]
"""A date given either as ISO or Thai ``dd/mm/2569``."""


class ErrorBody(BaseModel):
    """The body of every 4xx answer."""

    code: str = Field(examples=["INVALID_PID"])
    message_th: str = Field(examples=["เลขประจำตัวประชาชนไม่ถูกต้อง"])
    message_en: str = Field(examples=["Invalid citizen ID"])


class FieldErrorOut(BaseModel):
    field: str = Field(examples=["pid"])
    type: str | None = Field(None, examples=["missing"])
    message: str | None = None


class ValidationErrorBody(ErrorBody):
    """422 ``VALIDATION_ERROR`` (or a specific code such as ``INVALID_PID``): the request did not
    fit the API; every offending field is listed."""

    errors: list[FieldErrorOut]


ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorBody, "description": text} for status, text in (
        (400, "Bad request"), (401, "UNAUTHENTICATED: no, unknown, revoked or expired token"),
        (403, "ROLE_FORBIDDEN / UNIT_FORBIDDEN"), (404, "Not found"), (409, "Conflict with saved data"),
        (413, "PAYLOAD_TOO_LARGE / IMAGE_TOO_LARGE"), (415, "UNSUPPORTED_MEDIA_TYPE"),
        (422, "Invalid input, or a refusal with its reasons"),
        (503, "DB_UNAVAILABLE / MODEL_UNAVAILABLE / FACE_BUSY: retry after Retry-After seconds"),
    )
}
"""Every error status an FVS route can answer, each with the uniform body."""
