"""Compact HTML tables for JupyterLab (``_repr_html_`` of profiles, audits and findings).

Light on purpose (no IPython, no pandas): :class:`ocanalysis.Profile` imports it. Every piece of
text is escaped with :func:`html.escape`.

>>> html_table(["country", "score"], [["<b>A</b>", 4.5]], caption="Scores & ranks")
'<table class="ocanalysis"><caption>Scores &amp; ranks</caption><thead><tr><th>country</th><th>score</th></tr></thead><tbody><tr><td>&lt;b&gt;A&lt;/b&gt;</td><td style="text-align:right">4.5</td></tr></tbody></table>'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence


def _text(value: object, decimals: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and decimals is not None:
        return f"{value:.{decimals}f}"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def html_table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    decimals: int | None = None,
) -> str:
    """A small table; numbers right-aligned (floats with ``decimals`` decimals when given),
    every cell and the caption escaped."""
    parts = ['<table class="ocanalysis">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>")
    parts.extend(f"<th>{html.escape(_text(h))}</th>" for h in header)
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>")
        for value in row:
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            align = ' style="text-align:right"' if numeric else ""
            parts.append(f"<td{align}>{html.escape(_text(value, decimals))}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def html_block(*tables: str, title: str | None = None) -> str:
    """Tables under an optional escaped heading, in one ``div``."""
    heading = f"<p><strong>{html.escape(title)}</strong></p>" if title else ""
    return f'<div class="ocanalysis">{heading}{"".join(tables)}</div>'
