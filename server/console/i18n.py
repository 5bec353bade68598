"""Thai first, English on request: the language and text size of a page, and its strings.

The strings are in :mod:`server.console.catalogue` (one entry per key: Thai, English).
Labels of codes (claim statuses, channels, methods, certifiers, …) are keys ``kind.CODE``.
"""
from __future__ import annotations

from fastapi import Request

from server.console.catalogue import STRINGS

LANG_COOKIE = "fvs_lang"
SIZE_COOKIE = "fvs_size"
LANGS = ("th", "en")
SIZES = ("0", "1", "2")  # ก / ก+ / ก++


def lang_of(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "th")
    return lang if lang in LANGS else "th"


def size_of(request: Request) -> str:
    size = request.cookies.get(SIZE_COOKIE, "0")
    return size if size in SIZES else "0"


class Translator:
    """``t("key", name=…)`` → the string in the page's language; a missing key shows itself."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "th"
        self._index = 1 if self.lang == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        pair = STRINGS.get(key)
        text = key if pair is None else pair[self._index]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in STRINGS

    def label(self, kind: str, code: str | None) -> str:
        """The words for a code (``label("status", "ACTIVE")`` → ``ยืนยันแล้ว``); unknown codes as is."""
        if code is None or code == "":
            return ""
        pair = STRINGS.get(f"{kind}.{code}")
        return str(code) if pair is None else pair[self._index]

    def pick(self, thai: str | None, english: str | None) -> str:
        """One of a record's own Thai/English names."""
        return (english or thai or "") if self.lang == "en" else (thai or english or "")
