"""Drive the real app in a real (offscreen SDL2, OpenGL) window: pump Kivy's event loop, tap
widgets with touch events at their on-screen position, wait for what the screen shows, and save
PNG screenshots.

Kivy has one window per process, so the tests share one app; each test unpairs it first.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ARTIFACTS = Path(os.environ.get("FVS_TEST_ARTIFACTS", Path(__file__).resolve().parent / "artifacts"))


def configure_environment(kivy_home: Path) -> None:
    """Settings Kivy reads at import: a headless GL window, no argv parsing, Python logging."""
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ["KIVY_HOME"] = str(kivy_home)
    os.environ["KIVY_NO_ARGS"] = "1"
    os.environ["KIVY_LOG_MODE"] = "PYTHON"
    os.environ.setdefault("KIVY_GL_BACKEND", "sdl2")


class Driver:
    def __init__(self, app: Any):
        from kivy.base import EventLoop

        self.app = app
        self._loop = EventLoop

    def pump(self, frames: int = 2) -> None:
        for _ in range(frames):
            self._loop.idle()

    def wait(self, condition: Callable[[], Any], what: str, timeout: float = 90.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(1)
            value = condition()
            if value:
                return value
            time.sleep(0.01)
        self.screenshot(f"timeout-{what.replace(' ', '-')[:40]}")
        raise AssertionError(f"timed out waiting for: {what}; screen {self.app.screens.current!r}, "
                             f"message {self.current.message!r}")

    @property
    def current(self) -> Any:
        return self.app.screens.current_screen

    def screen(self, name: str) -> Any:
        return self.app.screen(name)

    def tap(self, widget: Any) -> None:
        """A finger press and release at the widget's centre, through the window's input path."""
        from kivy.tests.common import UnitTestTouch

        self.pump(2)
        assert widget.get_root_window() is not None, f"{widget!r} is not on screen"
        assert not widget.disabled, f"{getattr(widget, 'text', widget)!r} is disabled"
        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        self.pump(1)
        touch.touch_up()
        self.pump(2)

    def type_into(self, text_input: Any, text: str) -> None:
        self.tap(text_input)
        text_input.text = ""
        text_input.insert_text(text)
        self.pump(1)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.pump(3)
        path = ARTIFACTS / f"{name}.png"
        self.app.root.export_to_png(str(path))
        return path
