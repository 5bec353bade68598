"""Field types and shapes shared by every API area."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from oss_registry.thai_calendar import InvalidThaiDate, parse_be_date
from oss_registry.thai_id import InvalidPid, validate_pid


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
]
"""A date given either as ISO or Thai ``dd/mm/2569``."""


class ErrorBody(BaseModel):
    """The body of every 4xx answer."""

    code: str = Field(examples=["INVALID_PID"])
    message_th: str = Field(examples=["เลขประจำตัวประชาชนไม่ถูกต้อง"])
    message_en: str = Field(examples=["Invalid citizen ID"])


ERROR_RESPONSES = {
    400: {"model": ErrorBody}, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}, 422: {"model": ErrorBody},
}
