"""The console's own settings (``FVS_CONSOLE_*``)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FVS_CONSOLE_", env_file=".env", extra="ignore")

    cookie_secure: bool = Field(
        True, description="Mark the console's cookies Secure (sent over HTTPS only). Turn off only for "
                          "plain-http tests on loopback.")
    page_size: int = Field(20, ge=5, le=200, description="Rows per page of claim searches")


@lru_cache
def get_console_settings() -> ConsoleSettings:
    return ConsoleSettings()
