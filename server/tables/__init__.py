"""Every FVS table, imported so the one metadata knows them all (for Alembic and tests)."""
import oss_registry.tables  # noqa: F401
from server.tables.access import AccessToken, Account
from server.tables.citizens import Citizen, Right, SubRight
from server.tables.claims import Claim, ClaimEvent, IdempotencyKey, ServiceType
from server.tables.faces import Consent, DeviceFix, FaceTemplate, VerificationAttempt

__all__ = [
            "AccessToken",
            "Account",
            "Citizen",
            "Claim",
            "ClaimEvent",
            "Consent",
            "DeviceFix",
            "FaceTemplate",
            "IdempotencyKey",
            "Right",
            "ServiceType",
            "SubRight",
            "VerificationAttempt",
]
