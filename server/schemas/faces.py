"""Face endpoint answers."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class FlaggedPid(BaseModel):
    """Another citizen whose enrolled face is as close as a match (a possible duplicate identity)."""

    pid: str
    score: float


class TemplateOut(BaseModel):
    id: int
    model_id: str
    created_at: datetime


class EnrolOut(BaseModel):
    pid: str
    templates: list[TemplateOut]
    duplicate_flags: list[FlaggedPid]


class ErasedOut(BaseModel):
    pid: str
    erased: int


class VerifyOut(BaseModel):
    pid: str
    match: bool
    similarity: float
    threshold: float
    model_id: str
    liveness_score: float | None
    liveness_threshold: float | None
    box: list[float]
    duplicate_flags: list[FlaggedPid]


class IdentifyOut(BaseModel):
    decision: str
    pid: str | None
    score: float | None
    threshold: float
    model_id: str
    candidates: list[FlaggedPid]
