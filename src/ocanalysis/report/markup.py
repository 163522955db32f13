"""HTML building blocks for the report. Every piece of text passes through :func:`esc`.

Nothing here trusts its input: country names, labels, narrative and captions are escaped, so a
profile text holding ``<script>`` prints as text and never runs.

>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> element("p", "a < b", class_="note")
'<p class="note">a &lt; b</p>'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from IPython.display import HTML


def esc(value: object) -> str:
    """Escape text for HTML content and attribute values (quotes included).

    >>> esc('Trafficking & "smuggling" <2023>'), esc(None)
    ('Trafficking &amp; &quot;smuggling&quot; &lt;2023&gt;', '')
    """
    return html.escape("" if value is None else str(value), quote=True)


def attributes(**attrs: object) -> str:
    """``class_="x", data_id=1`` -> ' class="x" data-id="1"' (None values are left out).

    >>> attributes(class_="x", data_id=1, title=None)
    ' class="x" data-id="1"'
    """
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        parts.append(f' {esc(name.rstrip("_").replace("_", "-"))}="{esc(value)}"')
    return "".join(parts)


def element(tag: str, text: object = "", **attrs: object) -> str:
    """An element holding escaped text.

    >>> element("h3", "Q&A")
    '<h3>Q&amp;A</h3>'
    """
    return f"<{tag}{attributes(**attrs)}>{esc(text)}</{tag}>"


def wrap(tag: str, inner_html: str, **attrs: object) -> str:
    """An element around markup already built (and escaped) by this module.

    >>> wrap("ul", element("li", "a"), class_="ranks")
    '<ul class="ranks"><li>a</li></ul>'
    """
    return f"<{tag}{attributes(**attrs)}>{inner_html}</{tag}>"


def table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    numeric: Sequence[int] = (),
    row_classes: Sequence[str | None] | None = None,
    class_: str = "data",
) -> str:
    """A table of escaped cells; columns listed in ``numeric`` are right-aligned.

    >>> table(["a", "b"], [["<x>", 1.5]], numeric=[1])
    '<div class="table-block"><table class="data"><thead><tr><th>a</th><th class="num">b</th></tr></thead><tbody><tr><td>&lt;x&gt;</td><td class="num">1.5</td></tr></tbody></table></div>'
    """
    numeric = set(numeric)
    head = "".join(
        element("th", name, class_="num" if i in numeric else None) for i, name in enumerate(header)
    )
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            element("td", value, class_="num" if i in numeric else None)
            for i, value in enumerate(row)
        )
        row_class = row_classes[index] if row_classes else None
        body.append(wrap("tr", cells, class_=row_class))
    caption_html = element("caption", caption) if caption else ""
    table_html = wrap(
        "table",
        f"{caption_html}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>",
        class_=class_,
    )
    # The wrapper keeps a caption on the same printed page as its table.
    return wrap("div", table_html, class_="table-block")


def block(*parts: str) -> HTML:
    """Join markup parts into one displayable HTML object.

    >>> block("<p>a</p>", "<p>b</p>").data
    '<p>a</p><p>b</p>'
    """
    return HTML("".join(parts))
