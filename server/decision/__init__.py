"""The verification decision engine: pure rules, no I/O.

The service layer gathers the evidence (citizen age, unit readiness, staff on duty, geofence,
face result, QR or smart-card details) into :class:`~server.decision.evidence.Evidence`;
:func:`~server.decision.engine.decide` applies the NHSO policy (data in
``server/reference/verification_policy.json``) and returns a
:class:`~server.decision.engine.Decision` naming every reason for refusal and the channels the
unit may try next.
"""
from server.decision.engine import Decision, decide
from server.decision.evidence import Channel, Evidence, FaceEvidence, QrEvidence, SmartCardEvidence
from server.decision.policy import Policy, load_policy

__all__ = [
    "Channel", "Decision", "Evidence", "FaceEvidence", "Policy", "QrEvidence", "SmartCardEvidence",
    "decide", "load_policy",
]
