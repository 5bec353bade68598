"""A Thai TrueType font as Kivy's default, so Thai text never shows as empty boxes.

Linux: the TLWG fonts of Debian's ``fonts-thai-tlwg-ttf`` (Loma, Garuda, Waree, Umpush…).
Android: the system's Noto Sans Thai.  ``FVS_APP_FONT`` (or the config's ``font``) names another
file.  Kivy's bundled Roboto has no Thai glyphs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/tlwg"),
    Path("/usr/share/fonts/truetype/thai"),
    Path("/usr/share/fonts/opentype/tlwg"),
    Path("/system/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
#: (regular, bold) file names in order of preference.
CANDIDATES = (
    ("Loma.ttf", "Loma-Bold.ttf"),
    ("Garuda.ttf", "Garuda-Bold.ttf"),
    ("Waree.ttf", "Waree-Bold.ttf"),
    ("Umpush.ttf", "Umpush-Bold.ttf"),
    ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    ("NotoSansThaiUI-Regular.ttf", "NotoSansThaiUI-Bold.ttf"),
    ("DroidSansThai.ttf", "DroidSansThai.ttf"),
    ("Tahoma.ttf", "Tahomabd.ttf"),
    ("tahoma.ttf", "tahomabd.ttf"),
)


class ThaiFontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class ThaiFont:
    regular: Path
    bold: Path


def find_thai_font(override: str | None = None) -> ThaiFont:
    if override:
        path = Path(override)
        if not path.is_file():
            raise ThaiFontMissing(f"font file not found: {override}")
        return ThaiFont(path, path)
    for directory in FONT_DIRS:
        for regular, bold in CANDIDATES:
            if (directory / regular).is_file():
                bold_path = directory / bold
                return ThaiFont(directory / regular, bold_path if bold_path.is_file() else directory / regular)
    raise ThaiFontMissing("no Thai TrueType font found: install fonts-thai-tlwg-ttf or set FVS_APP_FONT")


def register_default_font(font: ThaiFont) -> None:
    """Make ``font`` Kivy's default (``Roboto`` is the name every widget uses unless told otherwise)."""
    from kivy.core.text import DEFAULT_FONT, LabelBase

    LabelBase.register(DEFAULT_FONT, fn_regular=str(font.regular), fn_bold=str(font.bold))
