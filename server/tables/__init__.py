"""Every FVS table, imported so the one metadata knows them all (for Alembic and tests)."""
import oss_registry.tables  # noqa: F401
from server.tables.citizens import Citizen, Right, SubRight
from server.tables.faces import Consent, DeviceFix, FaceTemplate, VerificationAttempt

__all__ = ["Citizen", "Consent", "DeviceFix", "FaceTemplate", "Right", "SubRight", "VerificationAttempt"]
