"""Thai text is drawn with real glyphs: the default font has them (no tofu boxes)."""
from __future__ import annotations

from tests.fvs_app.kivy_driver import Driver

THAI = "กขคงจฉชซญฎ"
MISSING = "\U000F0001"  # a supplementary private-use code point no font draws


def bitmap(text: str, font_size: int = 40) -> tuple[tuple[int, int], bytes]:
    from kivy.core.text import Label as CoreLabel

    label = CoreLabel(text=text, font_size=font_size)  # the default font, as every widget uses
    label.refresh()
    texture = label.texture
    return texture.size, bytes(texture.pixels)


def ink(pixels: bytes) -> int:
    return sum(1 for alpha in pixels[3::4] if alpha > 64)


def test_thai_consonants_have_distinct_glyphs_unlike_a_missing_one(driver: Driver) -> None:
    missing = bitmap(MISSING)
    rendered = [bitmap(ch) for ch in THAI]
    assert all(ink(pixels) > 20 for _, pixels in rendered)          # something is drawn
    assert len({r for r in rendered}) == len(THAI)                   # each letter its own shape
    assert missing not in rendered                                   # none is the missing-glyph box
    assert bitmap("ก" * 3) != bitmap(MISSING * 3)


def test_the_app_draws_its_thai_title_with_glyphs(driver: Driver) -> None:
    from kivy.core.text import LabelBase

    title = "จับคู่เครื่องกับหน่วยบริการ"
    assert "tlwg" in str(LabelBase._fonts["Roboto"][0]).lower() or "thai" in str(LabelBase._fonts["Roboto"][0]).lower()
    drawn = bitmap(title, 26)
    boxes = bitmap(MISSING * len(title), 26)
    assert drawn != boxes and ink(drawn[1]) > 200
