"""The report's charts written straight to SVG: the same look as the matplotlib figures, at a
hundredth of the cost.

A country report draws six charts, and a batch draws them for every country: building and
encoding them with matplotlib was most of a report's time (ticks, text layout and an SVG of
thousands of nodes, each of which WeasyPrint then walks again for the PDF). The charts are one
plot area with text around it, laid out by arithmetic already (:class:`~._theme.Frame`), so this
module writes them directly: the same frame, palette, roles, fonts and sizes, a few hundred nodes.
The matplotlib functions (``figures.indicator_dots`` …) stay the public, editable versions;
``tests/figures/test_svg_parity.py`` checks both put every mark at the same place (within a point)
and print the same text.

Coordinates are points (1/72 inch) from the top-left corner, as in SVG. Output is deterministic:
the same chart always gives the same bytes.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from html import escape

from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.textpath import TextToPath

from ._encode import FONT_FAMILIES
from ._theme import EDGE, LEGEND_BELOW, NOTE_LINESPACING, NOTE_SIZE, RC, Frame, text_width

FONT_FAMILY = FONT_FAMILIES  # the fallbacks _encode.to_svg names
TEXT_COLOR = str(RC["axes.labelcolor"])
SPINE_COLOR = str(RC["axes.edgecolor"])
SPINE_WIDTH = float(RC["axes.linewidth"])
GRID_COLOR = str(RC["grid.color"])
GRID_WIDTH = float(RC["grid.linewidth"])
TICK_LENGTH = 3.5
TICK_PAD = 3.5
TICK_WIDTH = 0.8
TICK_SIZE = 9.0
LABEL_SIZE = 10.0
LABEL_PAD = 4.0
LEGEND_SIZE = 9.0
# DejaVu Sans metrics, in ems: where the baseline sits below a line's top, and below its middle.
ASCENT = 0.76
MIDDLE = 0.36  # matplotlib's va="center_baseline" (tick labels)
# matplotlib (3.11) centres a one-line text's box with va="center": the font's ascent (0.76 em)
# above the baseline and its descent (0.24 em) below, so the baseline sits 0.26 em under the middle.
CENTER = 0.26
DESCENDER = 0.208  # a "p" or "g" below the baseline


def _num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (small, stable output).

    >>> _num(3.14159), _num(2.0), _num(-0.004)
    ('3.14', '2', '0')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class Canvas:
    """An SVG document being drawn: width and height in points."""

    width: float
    height: float
    _parts: list[str] = field(default_factory=list)
    marks: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rect(0, 0, self.width, self.height, fill="#FFFFFF")

    # ------------------------------------------------------------------ primitives
    def rect(self, x, y, w, h, *, fill="none", stroke=None, stroke_width=1.0) -> None:
        stroke_part = f' stroke="{stroke}" stroke-width="{_num(stroke_width)}"' if stroke else ""
        self._parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
            f'fill="{fill}"{stroke_part}/>'
        )

    def segments(
        self,
        segments: list[tuple[float, float, float, float]],
        *,
        color: str,
        width: float,
        cap: str = "butt",
        dash: str | None = None,
        opacity: float | None = None,
    ) -> None:
        """Straight segments (x1, y1, x2, y2) of one colour and width, as one path."""
        if not segments:
            return
        d = "".join(f"M{_num(x1)} {_num(y1)}L{_num(x2)} {_num(y2)}" for x1, y1, x2, y2 in segments)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        extra += f' stroke-opacity="{_num(opacity)}"' if opacity is not None else ""
        self._parts.append(
            f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{_num(width)}" '
            f'stroke-linecap="{cap}"{extra}/>'
        )

    def markers(
        self,
        points: list[tuple[float, float]],
        *,
        shape: str,
        size: float,
        fill: str,
        edge: str | None = None,
        edge_width: float = 0.0,
        mark: str | None = None,
    ) -> None:
        """Markers as matplotlib draws them with ``marker=shape, markersize=size`` (points):
        ``o`` circle of diameter ``size``, ``s`` square of side ``size``, ``D`` that square
        turned 45°, ``|`` a vertical bar ``size`` tall (stroked with ``edge_width``).

        ``mark`` records the centres under that name (tests compare them with matplotlib's).
        """
        if mark is not None:
            self.marks.setdefault(mark, []).extend(points)
        if not points:
            return
        if shape == "|":
            half = size / 2
            self.segments(
                [(x, y - half, x, y + half) for x, y in points],
                color=edge or fill,
                width=edge_width,
            )
            return
        if shape == "o":
            self._dots(points, size=size, fill=fill, edge=edge, edge_width=edge_width)
            return
        d = "".join(_marker_path(shape, size, x, y) for x, y in points)
        stroke = (
            f' stroke="{edge}" stroke-width="{_num(edge_width)}" stroke-linejoin="miter"'
            if edge and edge_width
            else ""
        )
        self._parts.append(f'<path d="{d}" fill="{fill}"{stroke}/>')

    def _dots(self, points, *, size: float, fill: str, edge: str | None, edge_width: float) -> None:
        # A circle is a zero-length line with round caps as wide as the circle: two path commands
        # where two arcs took four (WeasyPrint turns each arc into Bézier curves: a tenth of a
        # second per report's PDF). An edge is a wider dot underneath, as matplotlib's edge is
        # stroked on the circle's outline: the face shows inside size - edge_width.
        d = "".join(f"M{_num(x)} {_num(y)}h0" for x, y in points)
        if edge and edge_width:
            self._parts.append(
                f'<path d="{d}" fill="none" stroke="{edge}" stroke-width="{_num(size + edge_width)}"'
                ' stroke-linecap="round"/>'
            )
            size -= edge_width
        self._parts.append(
            f'<path d="{d}" fill="none" stroke="{fill}" stroke-width="{_num(size)}"'
            ' stroke-linecap="round"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float,
        color: str = TEXT_COLOR,
        weight: str = "normal",
        anchor: str = "start",
        baseline: str = "alphabetic",
        italic: bool = False,
        rotate: float | None = None,
    ) -> None:
        """One line of text; ``baseline`` "top", "middle" (matplotlib's va="center_baseline"),
        "center" (va="center"), "bottom" or "alphabetic" says what ``y`` is (the baseline is
        computed here: renderers disagree on dominant-baseline)."""
        if baseline == "top":
            offset = ASCENT * size
        elif baseline == "middle":
            offset = MIDDLE * size
        elif baseline == "center":
            offset = CENTER * size
        elif baseline == "bottom":
            offset = -(1 - ASCENT) * size
        else:
            offset = 0.0
        attributes = [f'font-size="{_num(size)}"', f'fill="{color}"']
        if weight != "normal":
            attributes.append(f'font-weight="{weight}"')
        if italic:
            attributes.append('font-style="italic"')
        if anchor != "start":
            attributes.append(f'text-anchor="{anchor}"')
        if rotate is not None:
            # Rotated about (x, y); the baseline offset then runs along the rotated x axis.
            attributes.append(f'transform="rotate({_num(rotate)} {_num(x)} {_num(y)})"')
            if rotate in (-90, 270):
                x, y = x + offset, y
                offset = 0.0
        self._parts.append(
            f'<text x="{_num(x)}" y="{_num(y + offset)}" {" ".join(attributes)}>'
            f"{escape(text, quote=False)}</text>"
        )

    # ------------------------------------------------------------------ output
    def to_svg(self) -> str:
        """The SVG document (UTF-8 text, width and height in points like matplotlib's)."""
        head = (
            '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(self.width)}pt" '
            f'height="{_num(self.height)}pt" viewBox="0 0 {_num(self.width)} '
            f'{_num(self.height)}" version="1.1">\n'
            f'<g font-family="{FONT_FAMILY}">\n'
        )
        return head + "\n".join(self._parts) + "\n</g>\n</svg>\n"


def _marker_path(shape: str, size: float, x: float, y: float) -> str:
    r = size / 2
    if shape == "s":
        return f"M{_num(x - r)} {_num(y - r)}h{_num(size)}v{_num(size)}h{_num(-size)}Z"
    if shape == "D":
        h = size * math.sqrt(2) / 2
        return (
            f"M{_num(x)} {_num(y - h)}L{_num(x + h)} {_num(y)}L{_num(x)} {_num(y + h)}"
            f"L{_num(x - h)} {_num(y)}Z"
        )
    raise ValueError(f"unknown marker shape {shape!r}")


@dataclass(frozen=True)
class PlotArea:
    """A chart's plot area in points and the data limits it shows (y may run either way)."""

    left: float
    top: float
    width: float
    height: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]

    @classmethod
    def framed(cls, width_inches: float, plot_height: float, frame: Frame, xlim, ylim):
        """The plot area :func:`~._theme.framed_figure` makes for the same arguments, and the
        whole chart's size in points."""
        width = width_inches * 72
        area = cls(
            frame.left,
            frame.top,
            width - frame.left - frame.right,
            plot_height,
            tuple(map(float, xlim)),
            tuple(map(float, ylim)),
        )
        return area, width, plot_height + frame.top + frame.bottom

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width

    def x(self, value: float) -> float:
        low, high = self.xlim
        return self.left + (float(value) - low) / (high - low) * self.width

    def y(self, value: float) -> float:
        low, high = self.ylim  # data y grows upwards, SVG y downwards
        return self.bottom - (float(value) - low) / (high - low) * self.height


# ---------------------------------------------------------------------------- chart furniture
def axes_frame(canvas: Canvas, area: PlotArea, *, left_spine: bool = True) -> None:
    """The theme's spines: left and bottom only."""
    segments = [(area.left, area.bottom, area.right, area.bottom)]
    if left_spine:
        segments.append((area.left, area.top, area.left, area.bottom))
    canvas.segments(segments, color=SPINE_COLOR, width=SPINE_WIDTH, cap="square")


def x_grid(canvas: Canvas, area: PlotArea, ticks) -> None:
    canvas.segments(
        [(area.x(t), area.top, area.x(t), area.bottom) for t in ticks],
        color=GRID_COLOR,
        width=GRID_WIDTH,
        cap="square",
    )


def y_grid(canvas: Canvas, area: PlotArea, ticks) -> None:
    canvas.segments(
        [(area.left, area.y(t), area.right, area.y(t)) for t in ticks],
        color=GRID_COLOR,
        width=GRID_WIDTH,
        cap="square",
    )


def x_ticks(canvas: Canvas, area: PlotArea, ticks, labels=None) -> None:
    """Tick marks under the plot and their labels (size 9), as matplotlib's bottom axis."""
    labels = [str(t) for t in ticks] if labels is None else labels
    canvas.segments(
        [(area.x(t), area.bottom, area.x(t), area.bottom + TICK_LENGTH) for t in ticks],
        color=TEXT_COLOR,
        width=TICK_WIDTH,
    )
    top = area.bottom + TICK_LENGTH + TICK_PAD
    for tick, label in zip(ticks, labels, strict=True):
        canvas.text(area.x(tick), top, label, size=TICK_SIZE, anchor="middle", baseline="top")


def y_ticks(
    canvas: Canvas,
    area: PlotArea,
    ticks,
    labels,
    *,
    marks: bool = True,
    styles: dict[int, dict] | None = None,
) -> None:
    """Labels right-aligned left of the plot, tick marks unless ``marks`` is False (then the
    labels sit where matplotlib puts them with ``tick_params(length=0)``)."""
    if marks:
        canvas.segments(
            [(area.left - TICK_LENGTH, area.y(t), area.left, area.y(t)) for t in ticks],
            color=TEXT_COLOR,
            width=TICK_WIDTH,
        )
    right = area.left - (TICK_LENGTH if marks else 0) - TICK_PAD
    for i, (tick, label) in enumerate(zip(ticks, labels, strict=True)):
        style = (styles or {}).get(i, {})
        canvas.text(
            right, area.y(tick), label, size=TICK_SIZE, anchor="end", baseline="middle", **style
        )


def x_label(canvas: Canvas, area: PlotArea, text: str) -> None:
    # Below the tick labels' boxes (one em: the font's ascent + descent) and the label pad.
    top = area.bottom + TICK_LENGTH + TICK_PAD + TICK_SIZE + LABEL_PAD
    canvas.text(
        area.left + area.width / 2, top, text, size=LABEL_SIZE, anchor="middle", baseline="top"
    )


def title(canvas: Canvas, text: str, size: float) -> None:
    canvas.text(EDGE, EDGE, text, size=size, weight="bold", baseline="top", color="#000000")


def title_size(text: str, width_points: float, start: float) -> float:
    """The title's font size: as :func:`~._theme.set_title` shrinks a long one."""
    size = start
    while size > 8 and text_width(text, size, "bold") > width_points - 2 * EDGE:
        size -= 0.25
    return size


def note(canvas: Canvas, lines: list[str]) -> None:
    """The grey footnote at the chart's bottom-left (lines already wrapped)."""
    step = NOTE_SIZE * NOTE_LINESPACING
    # matplotlib spreads a fixed line spacing's leading evenly above and below the measured
    # glyphs; a note's last line has descenders ("Data: Global Organized Crime Index …").
    last_baseline = canvas.height - EDGE - (NOTE_LINESPACING - ASCENT + DESCENDER) / 2 * NOTE_SIZE
    for i, line in enumerate(lines):
        y = last_baseline - step * (len(lines) - 1 - i)
        canvas.text(EDGE, y, line, size=NOTE_SIZE, color="#555555")


@dataclass(frozen=True)
class LegendEntry:
    label: str
    kind: str  # "marker" or "line"
    color: str
    shape: str = "o"
    size: float = 6.0
    fill: str | None = None  # marker face when it differs from ``color`` (open circles)
    edge: str | None = None
    edge_width: float = 0.0
    line_width: float = 2.4
    cap: str = "square"  # a Line2D's default ("projecting")


def legend_below(canvas: Canvas, area: PlotArea, entries: list[LegendEntry], columns: int):
    """A frameless legend centred on the chart under the x label, in ``columns`` columns, as
    :func:`~._theme.legend_below` places matplotlib's."""
    size = LEGEND_SIZE
    handle, pad, spacing = 2.0 * size, 0.4 * size, 1.4 * size
    # matplotlib fills a legend column by column, the first columns taking any extra entry.
    per_column = [len(part) for part in _split(len(entries), columns)]
    chunks, start = [], 0
    for count in per_column:
        chunks.append(entries[start : start + count])
        start += count
    widths = [
        max(handle + pad + unhinted_text_width(e.label, size) for e in chunk) for chunk in chunks
    ]
    total = sum(widths) + spacing * (len(chunks) - 1)
    # The first baseline: borderpad (0.4 em) + the text's ascent below the legend's top; each
    # handle sits half its box (0.7 em) above its baseline; rows are a line (1 em) + 0.5 em apart.
    first_baseline = area.bottom + LEGEND_BELOW + 0.4 * size + ASCENT * size
    row_height = size + 0.5 * size
    left = canvas.width / 2 - total / 2
    for chunk, width in zip(chunks, widths, strict=True):
        for row, entry in enumerate(chunk):
            baseline = first_baseline + row * row_height
            middle = baseline - 0.35 * size
            if entry.kind == "line":
                canvas.segments(
                    [(left, middle, left + handle, middle)],
                    color=entry.color,
                    width=entry.line_width,
                    cap=entry.cap,
                )
            else:
                canvas.markers(
                    [(left + handle / 2, middle)],
                    shape=entry.shape,
                    size=entry.size,
                    fill=entry.fill or entry.color,
                    # matplotlib's default marker edge: the face colour, 1 point wide.
                    edge=entry.edge or entry.color,
                    edge_width=entry.edge_width or 1.0,
                )
            # Legend text takes matplotlib's text.color (black), not the axes' label colour.
            canvas.text(left + handle + pad, baseline, entry.label, size=size, color="#000000")
        left += width + spacing


# matplotlib (3.11) lays a text out from the font's outlines (unhinted in its SVG backend), each
# line at least as tall as the font's typographic ascent and descent.
@functools.cache
def _unhinted_extent(
    text: str, size: float, weight: str = "normal", style: str = "normal"
) -> tuple[float, float, float]:
    """Width, height and descent in points of one line's glyphs, unhinted."""
    prop = FontProperties(family=RC["font.family"], size=size, weight=weight, style=style)
    return _text_to_path().get_text_width_height_descent(text, prop, ismath=False)


def unhinted_text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in points of one line as matplotlib's SVG backend and browsers set it (unhinted
    outlines: :func:`~._theme.text_width` measures the hinted PNG text, a little wider).

    >>> unhinted_text_width("Improved", 9) < text_width("Improved", 9)
    True
    """
    return _unhinted_extent(text, size, weight)[0]


def glyph_metrics(
    text: str, size: float, weight: str = "normal", style: str = "normal"
) -> tuple[float, float]:
    """Ascent and descent in points of the text's own glyphs, unhinted."""
    _, height, descent = _unhinted_extent(text, size, weight, style)
    return height - descent, descent


@functools.cache
def font_extent(size: float, weight: str = "normal", style: str = "normal") -> tuple[float, float]:
    """The font's typographic ascent and descent (OS/2 table) in points."""
    prop = FontProperties(family=RC["font.family"], size=size, weight=weight, style=style)
    font = get_font(findfont(prop))
    table, units = font.get_sfnt_table("OS/2"), font.get_sfnt_table("head")["unitsPerEm"]
    return table["sTypoAscender"] * size / units, -table["sTypoDescender"] * size / units


def line_metrics(
    text: str, size: float, weight: str = "normal", style: str = "normal"
) -> tuple[float, float]:
    """A one-line text's box above and below its baseline, in points, as matplotlib sets it.

    >>> least_ascent, least_descent = font_extent(10)
    >>> ascent, descent = line_metrics("x", 10)
    >>> (ascent, descent) == (least_ascent, least_descent), round(ascent + descent, 1)
    (True, 10.0)
    """
    ascent, descent = glyph_metrics(text, size, weight, style)
    least_ascent, least_descent = font_extent(size, weight, style)
    return max(ascent, least_ascent), max(descent, least_descent)


@functools.cache
def _text_to_path() -> TextToPath:
    return TextToPath()


def _split(n: int, parts: int) -> list[range]:
    """``n`` items in ``parts`` runs, as numpy.array_split cuts them.

    >>> [len(r) for r in _split(5, 2)], [len(r) for r in _split(3, 3)]
    ([3, 2], [1, 1, 1])
    """
    parts = max(1, min(parts, n)) if n else 1
    base, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        count = base + (1 if i < extra else 0)
        out.append(range(start, start + count))
        start += count
    return out


@dataclass(frozen=True)
class SvgChart:
    """A chart ready to embed: the SVG text, its alt text and where its marks are."""

    svg: str
    alt: str
    title: str
    marks: dict[str, list[tuple[float, float]]]

    @property
    def width_points(self) -> float:
        head = self.svg[: self.svg.index(">", self.svg.index("<svg")) + 1]
        return float(head.split('width="', 1)[1].split("pt", 1)[0])
