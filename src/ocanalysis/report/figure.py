"""A matplotlib figure as an embedded ``<img>`` (SVG by default) with its alt text and a caption.

The image is a data URI, so the report needs no other file. SVG (``figures.to_svg``) keeps text as
text — sharp at any zoom, selectable in the PDF — and costs a fraction of a PNG's time; PNG
(``figures.to_png``) remains for callers that want pixels. The figure is closed once drawn so a
notebook cell shows it once.
"""

from __future__ import annotations

import base64
import hashlib
import re

from .markup import attributes, block, element, wrap

# 96 CSS px per inch, 72 points per inch: the img's width attribute is the figure's size on paper.
CSS_PX_PER_INCH = 96
FORMAT = "svg"


def alt_text_of(fig) -> str:
    """The figure's alt text (``figures.alt_text``), else its title, else a generic phrase.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); _ = fig.add_subplot().set_title("Scores")
    >>> alt_text_of(fig), alt_text_of(Figure())
    ('Scores', 'Chart')
    """
    from ..figures import alt_text

    text = alt_text(fig)
    if not text:
        title = fig.get_suptitle()
        if not title and fig.axes:
            # Any of the three title slots: our theme puts titles on the left.
            axes = fig.axes[0]
            title = next(
                (t for loc in ("center", "left", "right") if (t := axes.get_title(loc))), ""
            )
        text = title or "Chart"
    return text


def data_uri(fig, fmt: str = FORMAT) -> tuple[str, int]:
    """The figure as a data URI and its width in CSS pixels (deterministic bytes).

    >>> from matplotlib.figure import Figure
    >>> uri, width = data_uri(Figure(figsize=(2, 1)))
    >>> uri[:26], width
    ('data:image/svg+xml;base64,', 192)
    """
    from .. import figures

    if fmt == "svg":
        svg = figures.to_svg(fig)
        points = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg).group(1))
        encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return "data:image/svg+xml;base64," + encoded, round(points * CSS_PX_PER_INCH / 72)
    if fmt == "png":
        return png_data_uri(figures.to_png(fig))
    raise ValueError(f"unknown figure format {fmt!r}; formats: svg, png")


def png_data_uri(data: bytes) -> tuple[str, int]:
    """PNG bytes (at ``figures.PNG_DPI``) as a data URI and the image's width in CSS pixels.

    >>> from matplotlib.figure import Figure
    >>> from ocanalysis import figures
    >>> uri, width = png_data_uri(figures.to_png(Figure(figsize=(2, 1))))
    >>> uri[:22], width
    ('data:image/png;base64,', 192)
    """
    from .. import figures

    width_px = int.from_bytes(data[16:20], "big")  # the PNG IHDR chunk's width
    css_width = round(width_px * CSS_PX_PER_INCH / figures.PNG_DPI)
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), css_width


def png_figure_html(png: bytes, alt: str, caption: str | None = None, hotspots=()) -> str:
    """``<figure>`` markup for an image already encoded as PNG: what :func:`figure_html` writes
    for a figure encoded to those bytes.

    >>> from matplotlib.figure import Figure
    >>> from ocanalysis import figures
    >>> fig = Figure(figsize=(2, 1))
    >>> html = png_figure_html(figures.to_png(fig), "Chart", "A & B")
    >>> html == figure_html(fig, "A & B", alt="Chart", fmt="png")
    True
    """
    return image_html(*png_data_uri(png), alt, caption, hotspots)


def figure_html(
    fig, caption: str | None = None, *, alt: str | None = None, fmt: str = FORMAT
) -> str:
    """``<figure>`` markup for a matplotlib figure; closes the figure.

    >>> from matplotlib.figure import Figure
    >>> html = figure_html(Figure(figsize=(2, 1)), "A & B", alt="Chart")
    >>> html[:54], html.endswith('<figcaption>A &amp; B</figcaption></figure>')
    ('<figure class="chart"><img src="data:image/svg+xml;bas', True)
    """
    import matplotlib.pyplot as plt

    alt = alt or alt_text_of(fig)
    try:
        uri, width = data_uri(fig, fmt)
        # A figure that knows where its marks landed once drawn names them on hover.
        hotspots = getattr(fig, "ocanalysis_hotspots", lambda: ())()
    finally:
        plt.close(fig)
    return image_html(uri, width, alt, caption, hotspots)


def image_html(uri: str, width: int, alt: str, caption: str | None = None, hotspots=()) -> str:
    """``<figure>`` markup for an image already encoded as a data URI (``width`` in CSS px).

    ``hotspots`` (``figures.Hotspot``, in points) become an image map: each ``<area>`` names
    what is under the pointer on hover (its ``title``), with no script; a PDF draws none of it.

    >>> image_html("data:image/png;base64,AA==", 10, 'a "b"', "c")
    '<figure class="chart"><img src="data:image/png;base64,AA==" alt="a &quot;b&quot;" width="10" class="chart"><figcaption>c</figcaption></figure>'
    >>> from ocanalysis.figures import Hotspot
    >>> html = image_html("data:image/png;base64,AA==", 10, "a", None, [Hotspot("circle", (3, 6, 3), "B: 4.43")])
    >>> '<area shape="circle" coords="4,8,4" title="B: 4.43" alt="B: 4.43">' in html, 'usemap="#hover-' in html
    (True, True)
    """
    name = None
    areas = ""
    if hotspots:
        scale = CSS_PX_PER_INCH / 72  # points to CSS px
        areas = "".join(
            f"<area{attributes(shape=h.shape, coords=','.join(str(round(v * scale)) for v in h.coords), title=h.text, alt=h.text)}>"
            for h in hotspots
        )
        # A name that depends on the content only: the same page renders to the same bytes.
        name = "hover-" + hashlib.sha1((uri[-64:] + areas).encode("utf-8")).hexdigest()[:12]
    img = f"<img{attributes(src=uri, alt=alt, width=width, class_='chart', usemap=f'#{name}' if name else None)}>"
    if name:
        img += wrap("map", areas, name=name)
    caption_html = element("figcaption", caption) if caption else ""
    return wrap("figure", img + caption_html, class_="chart")


def chart_html(chart, caption: str | None = None) -> str:
    """``<figure>`` markup for a chart written straight to SVG (a ``figures.SvgChart``).

    >>> from ocanalysis import figures
    >>> svg = '<svg xmlns="http://www.w3.org/2000/svg" width="72pt" height="36pt"></svg>'
    >>> chart = figures.SvgChart(svg, "Two & three", "T", {})
    >>> html = chart_html(chart, "Cap")
    >>> html[:54], 'alt="Two &amp; three" width="96"' in html
    ('<figure class="chart"><img src="data:image/svg+xml;bas', True)
    """
    encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    width = round(chart.width_points * CSS_PX_PER_INCH / 72)
    return image_html(
        "data:image/svg+xml;base64," + encoded,
        width,
        chart.alt,
        caption,
        getattr(chart, "hotspots", ()),
    )


def figure(fig, caption: str | None = None, *, alt: str | None = None, fmt: str = FORMAT):
    """Display a figure as an embedded image with its alt text (escaped) and a caption.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1)); _ = fig.add_subplot().set_title("A <b> title")
    >>> html = figure(fig, "Caption & more").data
    >>> 'alt="A &lt;b&gt; title"' in html, "<figcaption>Caption &amp; more</figcaption>" in html
    (True, True)
    """
    return block(figure_html(fig, caption, alt=alt, fmt=fmt))
