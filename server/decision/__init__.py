"""The verification decision engine: pure rules, no I/O.

The service layer gathers the evidence — each piece a record from the party that can vouch for
it (see :mod:`server.decision.evidence`) — into an :class:`Evidence`;
:func:`~server.decision.engine.decide` applies the NHSO policy (data in
``server/reference/verification_policy.json``) and returns a :class:`Decision` naming every
reason for refusal and the channels the unit may try next.
"""
from server.decision.engine import BLOCKING, Decision, decide
from server.decision.evidence import (
    Actor,
    CardRead,
    Channel,
    Evidence,
    FaceCapture,
    GeofenceEvidence,
    QrScan,
    SpecialCase,
)
from server.decision.policy import Policy, load_policy

__all__ = [
    "BLOCKING", "Actor", "CardRead", "Channel", "Decision", "Evidence", "FaceCapture", "GeofenceEvidence",
    "Policy", "QrScan", "SpecialCase", "decide", "load_policy",
]
