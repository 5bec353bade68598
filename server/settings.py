"""All FVS settings in one place, read from ``FVS_*`` environment variables (or a ``.env``)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    timezone: str = Field("Asia/Bangkok", description="Time zone for service dates and display")
    secret_key: SecretStr = Field(
        SecretStr("dev-insecure-change-me"), description="Key for token hashing and signing"
    )
    line_channel_secret: SecretStr = Field(SecretStr(""), description="LINE channel secret")
    log_level: str = Field("INFO")
    log_json: bool = Field(True, description="One JSON object per log line")
    max_image_bytes: int = Field(8 * 1024 * 1024, description="Largest accepted upload")
    face_concurrency: int = Field(2, ge=1, description="Parallel face inferences per process")

    @field_validator("database_url")
    @classmethod
    def _psycopg3_driver(cls, value: str | None) -> str | None:
        # "postgresql://" would pick psycopg2, which FVS does not install.
        if value and value.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'fvs.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
