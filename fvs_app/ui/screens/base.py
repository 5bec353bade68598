"""What every screen shares: the app, a status line, and running calls off the UI thread."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen

from fvs_app.api_client import ApiError, FvsClient, NoAnswer

T = TypeVar("T")


class BaseScreen(Screen):
    message = StringProperty("")
    message_kind = StringProperty("info")
    busy = BooleanProperty(False)

    @property
    def app(self) -> Any:
        return App.get_running_app()

    def on_kv_post(self, base_widget: Any) -> None:
        self.app.bind(lang=lambda *_a: self.retranslate())

    def say(self, text: str, kind: str = "info") -> None:
        """Show ``text`` as it is (a server message, an error detail)."""
        self._said: tuple[str, dict[str, Any]] | None = None
        self.message, self.message_kind = text, kind

    def tell(self, key: str, kind: str = "info", **values: Any) -> None:
        """Show a catalogue message; it follows the language switch."""
        self.message, self.message_kind = self.app.t(key, **values), kind
        self._said = (key, values)

    def retranslate(self) -> None:
        said = getattr(self, "_said", None)
        if said is not None:
            self.message = self.app.t(said[0], **said[1])

    def describe(self, exc: BaseException) -> str:
        """A failure in the current language: the server's own message, or what went wrong on the way."""
        if isinstance(exc, ApiError):
            return self.app.server_text(exc.body) if exc.body else self.app.t("common.server_error", status=exc.status)
        if isinstance(exc, NoAnswer):
            return self.app.t("common.no_answer", detail=exc.detail)
        return f"{type(exc).__name__}: {exc}"

    def call(self, work: Callable[[FvsClient], T], done: Callable[[T], None],
             failed: Callable[[BaseException], None] | None = None, *, busy_text: str = "") -> None:
        """``busy_text`` is a catalogue key shown while the call runs."""
        """Run ``work(client)`` on a worker thread; ``done``/``failed`` run on the UI thread."""
        client = self.app.client
        if client is None:
            self.tell("err.unpaired", "error")
            return
        self.busy = True
        if busy_text:
            self.tell(busy_text)

        def ok(result: T) -> None:
            self.busy = False
            done(result)

        def bad(exc: BaseException) -> None:
            self.busy = False
            if failed is not None:
                failed(exc)
            else:
                self.say(self.describe(exc), "error")

        self.app.background.run(lambda: work(client), ok, bad)
