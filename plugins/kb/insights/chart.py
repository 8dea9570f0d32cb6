"""Bar charts drawn as inline SVG at build time: no script, no request to another host.
Readable by a screen reader: `role="img"` named by its <title> and described by its
<desc> (what it shows and its peak); the page puts the same figures in a table beside it."""

from __future__ import annotations

import hashlib
from html import escape

WIDTH, HEIGHT, PAD, LABEL = 560, 160, 24, 18


def bar_chart(values: list[int], labels: list[str], title: str, desc: str, highlight_last: bool = False) -> str:
    """An SVG bar chart of `values` (one bar per label), on one line (Markdown keeps it as HTML)."""
    ident = "c" + hashlib.sha1(f"{title}{values}".encode()).hexdigest()[:10]
    top = max(values, default=0) or 1
    count = max(len(values), 1)
    step = (WIDTH - 2 * PAD) / count
    plot = HEIGHT - PAD - LABEL
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="100%" aria-labelledby="{ident}-t {ident}-d">',
             f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>',
             f'<line x1="{PAD}" y1="{PAD + plot}" x2="{WIDTH - PAD}" y2="{PAD + plot}" stroke="currentColor" stroke-width="1"/>']
    for number, (value, label) in enumerate(zip(values, labels)):
        height = plot * value / top
        x = PAD + number * step + step * 0.15
        last = highlight_last and number == len(values) - 1
        parts.append(f'<rect x="{x:.1f}" y="{PAD + plot - height:.1f}" width="{step * 0.7:.1f}" height="{height:.1f}" '
                     f'fill="{"#c62828" if last else "#1565c0"}"><title>{escape(label)}: {value}</title></rect>')
        if value:
            parts.append(f'<text x="{x + step * 0.35:.1f}" y="{PAD + plot - height - 3:.1f}" font-size="10" '
                         f'text-anchor="middle" fill="currentColor">{value}</text>')
        if count <= 12 or number % max(1, count // 8) == 0 or number == count - 1:
            parts.append(f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - 6}" font-size="9" text-anchor="middle" '
                         f'fill="currentColor">{escape(label[5:] if len(label) > 5 else label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
