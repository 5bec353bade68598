"""The LINE pages' own settings (``FVS_LINE_*``; the webhook's channel secret is the main
``FVS_LINE_CHANNEL_SECRET``)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class LineSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FVS_LINE_", env_file=".env", extra="ignore")

    channel_id: str = Field("", description="The LINE Login channel id of the LIFF app (ID tokens' audience)")
    liff_id: str = Field("", description="The LIFF app id the pages initialise (liff.init)")
    liff_sdk_file: Path | None = Field(
        None, description="A LIFF SDK bundle the deployment built from @line/liff (LINE's licence); served at "
                          "/line/liff-sdk.js. Without it the pages run only with the development verifier")
    dev_verifier: bool = Field(
        False, description="Accept 'dev:<name>' ID tokens without asking LINE (development, tests, demos, load "
                           "scripts). fvs serve refuses it unless --demo")
    cookie_secure: bool = Field(True, description="Mark the LINE pages' cookies Secure (HTTPS only)")
    sms_provider: str = Field("log", description="'log' (development: the SMS goes to the server log) or "
                                                 "'package.module:factory' returning a provider")


@lru_cache
def get_line_settings() -> LineSettings:
    return LineSettings()
