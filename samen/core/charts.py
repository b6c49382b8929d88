"""Small server-side SVG charts: readable without JavaScript, printable, and within the
content security policy (attributes only, no style). Labels are escaped."""

from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

COLOURS = ["#003a70", "#c77c02", "#2e7d32", "#7b1fa2"]


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def grouped_bars(
    title: str,
    labels: list[str],
    series: dict[str, list[float | Decimal]],
    *,
    unit: str = "kg",
    width: int = 720,
    height: int = 260,
) -> SafeString:
    """Bars per label, one colour per series, a legend and the values as tooltips."""
    top = max([float(v) for values in series.values() for v in values] + [1.0])
    left, plot_h = 56, height - 34 - 40  # 40 above for the legend, 34 below for labels
    slot = (width - left - 10) / max(len(labels), 1)
    bar = max(slot / (len(series) + 1), 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):  # grid and scale
        value = top * i / 4
        y = 40 + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{_fmt(value)}</text>'
        )
    for s, (name, values) in enumerate(series.items()):
        colour = COLOURS[s % len(COLOURS)]
        parts.append(
            f'<rect x="{left + s * 140}" y="8" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + s * 140 + 16}" y="19" font-size="12" fill="#1b1b1b">'
            f"{escape(name)}</text>"
        )
        for i, value in enumerate(values):
            h = plot_h * float(value) / top
            x = left + i * slot + s * bar + bar / 2
            parts.append(
                f'<rect x="{x:.1f}" y="{40 + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(labels[i])}, '
                f"{escape(name)}: {_fmt(float(value))} {unit}</title></rect>"
            )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{left + i * slot + slot / 2:.1f}" y="{height - 12}" '
            f'text-anchor="middle" font-size="11" fill="#333">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built from escaped parts only
