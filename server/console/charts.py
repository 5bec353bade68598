"""Charts drawn on the server as SVG (no script, no web font, no CDN): stacked bars per day,
plain bars per day and horizontal bars.  Text is escaped; colours come from one palette."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#0b6e4f", "#1f5fa8", "#d08700", "#b3261e", "#6b4fa8", "#2a9d8f", "#8a5a44", "#5b6673")
FONT = "Sarabun, 'Noto Sans Thai', Loma, Garuda, sans-serif"


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return step
    return value


def _short(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "\u2026"


def _frame(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(title)}" font-family="{escape(FONT)}" font-size="13">'
            f'<title>{escape(title)}</title>{"".join(body)}</svg>')


def stacked_days(title: str, days: Sequence[str], series: dict[str, Sequence[int]], names: dict[str, str],
                 *, width: int = 640, height: int = 300, colours: Sequence[str] = PALETTE) -> str:
    """One bar per day, stacked by series, with a legend."""
    left, right, top, bottom = 40, 10, 14, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s[i] for s in series.values()) for i in range(len(days))]
    peak = _nice_max(max(totals, default=0))
    step = plot_w / max(len(days), 1)
    bar = max(step * 0.7, 1)
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#98a2ad"/>']
    for k in range(6):
        value = peak * k / 5
        y = top + plot_h - plot_h * k / 5
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e8ee"/>'
                    f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6673">{value:g}</text>')
    for i, day in enumerate(days):
        x = left + i * step + (step - bar) / 2
        y = top + plot_h
        for j, (name, values) in enumerate(series.items()):
            h = plot_h * values[i] / peak if peak else 0
            if h:
                y -= h
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                            f'fill="{colours[j % len(colours)]}" data-series="{escape(name)}" data-day="{escape(day)}">'
                            f'<title>{escape(names.get(name, name))} {escape(day)}: {values[i]}</title></rect>')
        if len(days) <= 16 or i % 2 == 0:
            body.append(f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                        f'fill="#5b6673" font-size="10">{escape(day)}</text>')
    lx, ly = left, height - 28
    for j, name in enumerate(series):
        label = escape(names.get(name, name))
        body.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colours[j % len(colours)]}"/>'
                    f'<text x="{lx + 14}" y="{ly + 9}">{label}</text>')
        lx += 24 + 7 * len(names.get(name, name))
        if lx > width - 120:
            lx, ly = left, ly + 15
    if not series:
        body.append(f'<text x="{width / 2}" y="{top + plot_h / 2}" text-anchor="middle" fill="#5b6673">—</text>')
    return _frame(width, height, title, body)


def day_bars(title: str, days: Sequence[str], values: Sequence[int], *, colour: str = PALETTE[3],
             width: int = 640, height: int = 220) -> str:
    return stacked_days(title, days, {"n": values}, {"n": title}, width=width, height=height, colours=(colour,))


def hbars(title: str, items: Sequence[tuple[str, int]], *, width: int = 640, colour: str = PALETTE[1]) -> str:
    """One horizontal bar per item (label, value), longest scale first."""
    row, left, right, top = 26, 300, 40, 8
    height = top * 2 + row * max(len(items), 1)
    peak = max((v for _, v in items), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        w = (width - left - right) * value / peak
        body.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(_short(label))}</text>'
                    f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{colour}" '
                    f'data-label="{escape(label)}"><title>{escape(label)}: {value}</title></rect>'
                    f'<text x="{left + w + 6:.1f}" y="{y + 15}" fill="#1d2733">{value}</text>')
    if not items:
        body.append(f'<text x="{width / 2}" y="{top + 15}" text-anchor="middle" fill="#5b6673">—</text>')
    return _frame(width, height, title, body)
