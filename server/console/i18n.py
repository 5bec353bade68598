"""Thai first, English on request: the language and text size of a page, and its strings.

The strings are in :mod:`server.console.catalogue` (one entry per key: Thai, English).
Labels of codes (claim statuses, channels, methods, certifiers, …) are keys ``kind.CODE``.
"""
from __future__ import annotations

from fastapi import Request

from server.console.catalogue import STRINGS
from server.page_i18n import LANGS, PageTranslator, cookie_lang  # noqa: F401 (LANGS re-exported)

LANG_COOKIE = "fvs_lang"
SIZE_COOKIE = "fvs_size"
SIZES = ("0", "1", "2")  # ก / ก+ / ก++


def lang_of(request: Request) -> str:
    return cookie_lang(request, LANG_COOKIE)


def size_of(request: Request) -> str:
    size = request.cookies.get(SIZE_COOKIE, "0")
    return size if size in SIZES else "0"


class Translator(PageTranslator):
    strings = STRINGS

    def has(self, key: str) -> bool:
        return key in STRINGS

    def label(self, kind: str, code: str | None) -> str:
        """The words for a code (``label("status", "ACTIVE")`` → ``ยืนยันแล้ว``); unknown codes as is."""
        if code is None or code == "":
            return ""
        pair = STRINGS.get(f"{kind}.{code}")
        return str(code) if pair is None else pair[self._index]
