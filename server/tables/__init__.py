"""Every FVS table, imported so the one metadata knows them all (for Alembic and tests); the
server's own tables live in this package, the domain packages' in theirs."""
import oss_registry.tables  # noqa: F401
from citizens.tables import Citizen, CitizenLookup, CitizenRight, Consent, Relative, Right, SubRight
from server.tables.access import AccessToken, Account, LoginThrottle
from server.tables.card_agents import CardAgent, CardReadNonce
from server.tables.claims import Claim, ClaimEvent, IdempotencyKey, ServiceType
from server.tables.faces import DeviceFix, FaceTemplate, VerificationAttempt

__all__ = [
            "AccessToken",
            "Account",
            "CardAgent",
            "CardReadNonce",
            "Citizen",
            "CitizenLookup",
            "CitizenRight",
            "Claim",
            "ClaimEvent",
            "Consent",
            "DeviceFix",
            "FaceTemplate",
            "IdempotencyKey",
            "LoginThrottle",
            "Relative",
            "Right",
            "ServiceType",
            "SubRight",
            "VerificationAttempt",
]
