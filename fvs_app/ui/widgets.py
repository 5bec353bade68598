"""Reusable widgets: the numeric pad used for the citizen ID and the phone."""
from __future__ import annotations

from kivy.app import App
from kivy.factory import Factory
from kivy.uix.gridlayout import GridLayout

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del")


class NumPad(GridLayout):
    """Twelve big keys; dispatches ``on_key`` with ``"0"``–``"9"``, ``"del"`` or ``"clear"``."""

    __events__ = ("on_key",)

    def __init__(self, **kwargs: object):
        super().__init__(**kwargs)
        app = App.get_running_app()
        self.keys = {}
        for key in KEYS:
            button = Factory.Quiet(text=key)
            if key in ("clear", "del"):
                button.text = app.s[f"pad.{key}"]
                app.bind(s=lambda _app, strings, b=button, k=key: setattr(b, "text", strings[f"pad.{k}"]))
            button.bind(on_release=lambda _b, k=key: self.dispatch("on_key", k))
            self.keys[key] = button
            self.add_widget(button)

    def on_key(self, key: str) -> None:
        pass


def apply_key(value: str, key: str, max_length: int) -> str:
    """The new field value after a pad key."""
    if key == "clear":
        return ""
    if key == "del":
        return value[:-1]
    return value + key if len(value) < max_length else value
