"""Thai first, English on request: the one translator behind every page family (console, LINE).

Each family keeps its own strings (``key → (Thai, English)``) and cookie name; this module holds
the rules they share: Thai unless the cookie says English, and a missing key shows itself.
"""
from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request

LANGS = ("th", "en")


def cookie_lang(request: Request, cookie: str) -> str:
    lang = request.cookies.get(cookie, "th")
    return lang if lang in LANGS else "th"


class PageTranslator:
    """``t("key", name=…)`` → the string in the page's language; a missing key shows itself.
    Subclasses set ``strings``."""

    strings: Mapping[str, tuple[str, str]] = {}

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "th"
        self._index = 1 if self.lang == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        pair = self.strings.get(key)
        text = key if pair is None else pair[self._index]
        return text.format(**values) if values else text

    def pick(self, thai: str | None, english: str | None) -> str:
        """One of a record's own Thai/English names."""
        return (english or thai or "") if self.lang == "en" else (thai or english or "")
