"""All FVS settings in one place, read from ``FVS_*`` environment variables (or a ``.env``)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-insecure-change-me"
"""The development default of ``FVS_SECRET_KEY``: anyone can read it here, so ``fvs serve``
refuses to run with it (or with a short key) unless ``--demo`` is given."""
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FVS_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the embedded SQLite file and exports live")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default sqlite:///<data_dir>/fvs.db"
    )
    model_dir: Path | None = Field(
        None, description="Face model pack directory (e.g. ../shared/models/buffalo_sc)"
    )
    liveness_dir: Path | None = Field(None, description="Presentation-attack model directory")
    sqlite_busy_timeout_ms: int = Field(
        5000, ge=0, description="SQLite: how long a writer waits for the write lock before 503 DB_UNAVAILABLE")
    secret_key: SecretStr = Field(
        SecretStr(DEV_SECRET_KEY), description="Key for signing unit QR codes (at least 32 characters)"
    )
    line_channel_secret: SecretStr = Field(SecretStr(""), description="LINE channel secret")
    log_level: str = Field("INFO")
    log_json: bool = Field(True, description="One JSON object per log line")
    max_image_bytes: int = Field(8 * 1024 * 1024, description="Largest accepted photo")
    max_body_bytes: int = Field(48 * 1024 * 1024, description="Largest request body (multipart uploads)")
    max_json_bytes: int = Field(1024 * 1024, description="Largest body of any other request (JSON, forms)")
    face_concurrency: int = Field(2, ge=1, description="Parallel face inferences per process")
    face_queue_wait_s: float = Field(
        5.0, gt=0, description="How long a face request waits for a free slot before 503 FACE_BUSY")

    @field_validator("database_url")
    @classmethod
    def _psycopg3_driver(cls, value: str | None) -> str | None:
        # "postgresql://" would pick psycopg2, which FVS does not install.
        if value and value.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @property
    def secret_key_problem(self) -> str | None:
        """Why the configured secret key is unfit for production, or None when it is fine."""
        key = self.secret_key.get_secret_value()
        if key == DEV_SECRET_KEY:
            return "FVS_SECRET_KEY is not set (the development default is public)"
        if len(key) < MIN_SECRET_LENGTH:
            return f"FVS_SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters"
        return None

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'fvs.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
