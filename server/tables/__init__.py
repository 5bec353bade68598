"""Every FVS table, imported so the one metadata knows them all (for Alembic and tests)."""
import oss_registry.tables  # noqa: F401
from server.tables.card_agents import CardAgent, CardReadNonce
from server.tables.access import AccessToken, Account, LoginThrottle
from server.tables.citizens import Citizen, CitizenLookup, Right, SubRight
from server.tables.claims import Claim, ClaimEvent, IdempotencyKey, ServiceType
from server.tables.faces import Consent, DeviceFix, FaceTemplate, VerificationAttempt

__all__ = [
            "AccessToken",
            "CardAgent",
            "CardReadNonce",
            "Account",
            "Citizen",
            "CitizenLookup",
            "Claim",
            "ClaimEvent",
            "Consent",
            "DeviceFix",
            "FaceTemplate",
            "IdempotencyKey",
            "LoginThrottle",
            "Right",
            "ServiceType",
            "SubRight",
            "VerificationAttempt",
]
