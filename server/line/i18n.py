"""Thai first, English on request: the page's language and its strings (:mod:`catalogue`)."""
from __future__ import annotations

from fastapi import Request

from server.line.catalogue import STRINGS
from server.page_i18n import LANGS, PageTranslator, cookie_lang  # noqa: F401 (LANGS re-exported)

LANG_COOKIE = "fvs_line_lang"


def lang_of(request: Request) -> str:
    return cookie_lang(request, LANG_COOKIE)


class Translator(PageTranslator):
    strings = STRINGS

    def message(self, problem) -> str:
        return problem.message_en if self.lang == "en" else problem.message_th
