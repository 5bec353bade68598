"""The answer of a chip-photo enrolment."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from server.schemas.faces import FlaggedPid


class ChipEnrolOut(BaseModel):
    pid: str
    template_id: int
    model_id: str
    created_at: datetime
    similarity: float = Field(description="The live capture against the card's chip photo")
    threshold: float = Field(description="The citizen's age band's operating threshold of the running pack")
    liveness_score: float | None
    duplicate_flags: list[FlaggedPid]
    card_read_id: int = Field(description="The kept signed read the enrolment rests on")
