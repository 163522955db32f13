"""A figure as the bytes a report embeds: PNG (pixels) or SVG (vector, text kept as text).

Both are deterministic (no timestamps, fixed SVG ids), so the same figure always gives the same
bytes and a re-rendered report is byte-identical.

SVG is the cheaper and smaller of the two: text is written as ``<text>`` elements instead of
being rasterized glyph by glyph (most of a PNG's encoding time), stays selectable in a PDF, and is
sharp at any zoom. The text is set in DejaVu Sans, the font the figures are laid out with; a
viewer without it falls back to Verdana (the design DejaVu Sans comes from, nearly the same
widths), else to its own sans-serif — the common ones (Arial, Helvetica, Liberation Sans) are
narrower than DejaVu Sans, so labels keep their room.
"""

from __future__ import annotations

import io

import matplotlib as mpl
from matplotlib.figure import Figure

PNG_DPI = 100  # at 96 CSS px per inch a PNG is shown at about its own pixel size
PNG_COMPRESSION = 3  # zlib level: level 6 (Pillow's default) is ~10 % smaller and slower
# The whole figure, whatever the session's settings (apply_theme asks for "tight", which draws
# every figure twice to measure it).
SAVE_RC = {"savefig.bbox": "standard", "savefig.facecolor": "white", "savefig.transparent": False}
SVG_RC = {
    **SAVE_RC,
    "svg.fonttype": "none",  # text as text: small, fast, selectable
    "svg.hashsalt": "ocanalysis",  # fixed clip-path and glyph ids: identical bytes every time
    "svg.image_inline": True,
}

_MEASURED_FAMILY = "font-family: 'DejaVu Sans'"
FONT_FAMILIES = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"
_FALLBACK_FAMILIES = f"font-family: {FONT_FAMILIES}"


def to_png(fig: Figure, dpi: float = PNG_DPI) -> bytes:
    """The figure as PNG bytes at ``dpi`` (no metadata, so identical figures give identical bytes).

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> data = to_png(fig, dpi=50)
    >>> data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", int.from_bytes(data[16:20], "big")
    (True, 100)
    """
    buffer = io.BytesIO()
    with mpl.rc_context(SAVE_RC):
        fig.savefig(
            buffer,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            pil_kwargs={"compress_level": PNG_COMPRESSION},
        )
    return buffer.getvalue()


def to_svg(fig: Figure) -> str:
    """The figure as an SVG document (text as ``<text>``, no date, fixed ids).

    Its ``width``/``height`` are in points (1/72 inch), the figure's size on paper.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1)); _ = fig.text(0.1, 0.5, "Belgium")
    >>> svg = to_svg(fig)
    >>> svg.startswith("<?xml"), 'width="144pt"' in svg, "Belgium</text>" in svg
    (True, True, True)
    >>> svg == to_svg(fig)
    True
    """
    buffer = io.BytesIO()
    with mpl.rc_context(SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    # matplotlib names only the font it measured with; without it a browser would fall back to
    # its default font, often a serif.
    return buffer.getvalue().decode("utf-8").replace(_MEASURED_FAMILY, _FALLBACK_FAMILIES)
