"""A matplotlib figure as an embedded PNG ``<img>`` with its alt text and a caption.

The image is a data URI, so the report needs no other file; the figure is closed once drawn so a
notebook cell shows it once.
"""

from __future__ import annotations

import base64
import io

from .markup import attributes, block, element, wrap

# 96 CSS px per inch: the img's width attribute gives the figure its size in inches on paper.
CSS_PX_PER_INCH = 96
PNG_DPI = 110


def alt_text_of(fig) -> str:
    """The figure's alt text (``figures.alt_text``), else its title, else a generic phrase."""
    try:
        from ..figures import alt_text
    except ImportError:  # figures not installed: fall back to the title
        alt_text = None
    text = None
    if alt_text is not None:
        try:
            text = alt_text(fig)
        except Exception:  # a figure built elsewhere has no alt text attached
            text = None
    if not text:
        title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
        if not title and fig.axes:
            title = fig.axes[0].get_title()
        text = title or "Chart"
    return text


def png_data_uri(fig, dpi: int = PNG_DPI) -> tuple[str, int]:
    """The figure as a PNG data URI and its width in CSS pixels.

    No metadata is written, so the same figure always gives the same bytes.
    """
    buffer = io.BytesIO()
    # No bbox_inches="tight": the figures use constrained layout, and "tight" draws them twice.
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    data = buffer.getvalue()
    width_px = int.from_bytes(data[16:20], "big")  # the PNG IHDR chunk's width
    css_width = round(width_px * CSS_PX_PER_INCH / dpi)
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), css_width


def figure_html(fig, caption: str | None = None, *, alt: str | None = None) -> str:
    """``<figure>`` markup for a matplotlib figure; closes the figure."""
    import matplotlib.pyplot as plt

    alt = alt or alt_text_of(fig)
    try:
        uri, width = png_data_uri(fig)
    finally:
        plt.close(fig)
    img = f"<img{attributes(src=uri, alt=alt, width=width, class_='chart')}>"
    caption_html = element("figcaption", caption) if caption else ""
    return wrap("figure", img + caption_html, class_="chart")


def figure(fig, caption: str | None = None, *, alt: str | None = None):
    """Display a figure as an embedded PNG with its alt text (escaped) and a caption.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1)); _ = fig.add_subplot().set_title("A <b> title")
    >>> html = figure(fig, "Caption & more").data
    >>> 'alt="A &lt;b&gt; title"' in html, "<figcaption>Caption &amp; more</figcaption>" in html
    (True, True)
    """
    return block(figure_html(fig, caption, alt=alt))
