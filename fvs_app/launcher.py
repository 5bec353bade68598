"""Start the app: Kivy's environment, the Thai default font, then the application loop."""
from __future__ import annotations

import os

from fvs_app.config import AppConfig

WINDOW_SIZE = (1280, 800)  # a 10" tablet in landscape


def prepare_kivy(config: AppConfig) -> None:
    """Settings Kivy reads at import time, and the Thai font.  Call before any other Kivy import."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    os.environ.setdefault("KIVY_CLIPBOARD", "sdl2")
    from kivy.config import Config

    Config.set("graphics", "width", str(WINDOW_SIZE[0]))
    Config.set("graphics", "height", str(WINDOW_SIZE[1]))
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    from fvs_app.fonts import find_thai_font, register_default_font

    register_default_font(find_thai_font(config.font))


def run(config: AppConfig | None = None) -> None:
    config = config or AppConfig.from_env()
    prepare_kivy(config)
    from fvs_app.ui.app import FvsApp

    FvsApp(config).run()


def main() -> None:
    run()
