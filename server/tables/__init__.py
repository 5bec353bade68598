"""Every FVS table, imported so the one metadata knows them all (for Alembic and tests); the
server's own tables live in this package, the domain packages' in theirs."""
import oss_registry.tables  # noqa: F401
from citizens.tables import Citizen, CitizenLookup, CitizenRight, Consent, Relative, Right, SubRight
from server.tables.access import AccessToken, Account, LoginThrottle
from server.tables.appeals import Appeal, AppealAttachment
from server.tables.card_agents import CardAgent, CardReadNonce
from server.tables.card_reads import CardReadRecord
from server.tables.claims import Claim, ClaimEvent, IdempotencyKey, ServiceType
from server.tables.faces import DeviceFix, FaceTemplate, LivenessChallenge, VerificationAttempt
from server.tables.line import LineSession, UnitQrSetting  # noqa: F401  (issue 12; with line_oa's and bookings' tables)

__all__ = [
            "AccessToken",
            "Account",
            "Appeal",
            "AppealAttachment",
            "CardAgent",
            "CardReadNonce",
            "CardReadRecord",
            "Citizen",
            "CitizenLookup",
            "CitizenRight",
            "Claim",
            "ClaimEvent",
            "Consent",
            "DeviceFix",
            "FaceTemplate",
            "IdempotencyKey",
            "LivenessChallenge",
            "LoginThrottle",
            "Relative",
            "Right",
            "ServiceType",
            "SubRight",
            "VerificationAttempt",
]
