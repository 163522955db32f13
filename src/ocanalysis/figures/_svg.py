"""The SVG renderer: any :class:`~._chart.Chart` written straight to SVG, for the reports.

A country report draws six charts, and a batch draws them for every country: building and
encoding them with matplotlib was most of a report's time (ticks, text layout and an SVG of
thousands of nodes, each of which WeasyPrint then walks again for the PDF). A chart is one plot
area with text around it, laid out by arithmetic already (its :class:`~._theme.Frame`), so this
renderer writes it directly: the same frame, palette, fonts and sizes in a few hundred nodes.
Text is placed as matplotlib places it, from the font's own metrics measured at run time with the
installed matplotlib (:func:`text_layout`), and ``tests/figures/test_renderers.py`` checks every
primitive against matplotlib's own SVG of the same description.

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

from ._chart import (
    AXIS_Z,
    LEGEND_Z,
    POINTS,
    SPINE_Z,
    Chart,
    ColorBar,
    Hotspot,
    Markers,
    Rects,
    Segments,
    Text,
    fit,
)
from ._encode import FONT_FAMILIES
from ._theme import EDGE, LEGEND_BELOW, NOTE_LINESPACING, NOTE_SIZE, RC

FONT_FAMILY = FONT_FAMILIES  # the fallbacks _encode.to_svg names
TEXT_COLOR = str(RC["axes.labelcolor"])
SPINE_COLOR = str(RC["axes.edgecolor"])
SPINE_WIDTH = float(RC["axes.linewidth"])
GRID_COLOR = str(RC["grid.color"])
GRID_WIDTH = float(RC["grid.linewidth"])
TICK_LENGTH = 3.5
TICK_PAD = 3.5
TICK_WIDTH = 0.8
TICK_SIZE = float(RC["xtick.labelsize"])
LABEL_SIZE = float(RC["axes.labelsize"])
LABEL_PAD = 4.0
LEGEND_SIZE = float(RC["legend.fontsize"])
NOTE_COLOR = "#555555"
TITLE_COLOR = "#000000"
LEGEND_TEXT_COLOR = "#000000"  # matplotlib's text.color: legends do not take the axes' colour


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
    hotspots: list[Hotspot] = field(default_factory=list)

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
        italic: bool = False,
        rotate: float | None = None,
    ) -> None:
        """One line of text whose baseline starts (or ends, or is centred: ``anchor``) at
        (x, y); ``rotate`` turns it about that point (degrees, clockwise as in SVG)."""
        attributes = [f'font-size="{_num(size)}"', f'fill="{color}"']
        if weight != "normal":
            attributes.append(f'font-weight="{weight}"')
        if italic:
            attributes.append('font-style="italic"')
        if anchor != "start":
            attributes.append(f'text-anchor="{anchor}"')
        if rotate is not None:
            attributes.append(f'transform="rotate({_num(rotate)} {_num(x)} {_num(y)})"')
        self._parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" {" ".join(attributes)}>'
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

    >>> from ocanalysis.figures._theme import text_width
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
    return _font_heights(size, weight, style)[:2]


@functools.cache
def _font_heights(size: float, weight: str, style: str) -> tuple[float, float, float]:
    # Ascent, descent and line gap as matplotlib's Text layout reads them (OS/2, else hhea).
    prop = FontProperties(family=RC["font.family"], size=size, weight=weight, style=style)
    font = get_font(findfont(prop))
    scale = size / font.get_sfnt_table("head")["unitsPerEm"]
    for table_name, gap, ascent, descent in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is not None:
            return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    raise ValueError(f"{findfont(prop)}: no OS/2 or hhea table to lay text out with")


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


# ---------------------------------------------------------------------------- text layout
@functools.cache
def text_layout(
    text: str, size: float, weight: str = "normal", italic: bool = False, linespacing=None
) -> tuple[tuple[float, ...], float]:
    """Each line's baseline below the top of the text's box, and the box's height, in points,
    as matplotlib (``Text._get_layout``) stacks lines: every line at least as tall as the font's
    typographic ascent and descent ("normal" spacing), or, with a fixed ``linespacing``, that
    many times the font's height, the leading shared above and below the line's own glyphs.

    >>> baselines, height = text_layout("Belgium", 10)
    >>> [round(b, 2) for b in baselines], round(height, 2)
    ([7.6], 10.0)
    """
    style = "italic" if italic else "normal"
    least_ascent, least_descent, gap = _font_heights(size, weight, style)
    lines = text.split("\n")
    gap = gap if len(lines) > 1 else 0.0
    top, baselines = 0.0, []
    for line in lines:
        ascent, descent = glyph_metrics(line, size, weight, style) if line else (0.0, 0.0)
        if linespacing is None:
            ascent = max(ascent, least_ascent) + gap / 2
            descent = max(descent, least_descent) + gap / 2
        else:
            leading = linespacing * (least_ascent + least_descent) - (ascent + descent)
            ascent, descent = ascent + leading / 2, descent + leading / 2
        baselines.append(top + ascent)
        top += ascent + descent
    return tuple(baselines), top


def _baselines(text: Text) -> tuple[float, ...]:
    """The text's baselines relative to its anchor's y (SVG's y, downwards), by ``va``."""
    baselines, height = text_layout(
        text.text, text.size, text.weight, text.italic, text.linespacing
    )
    top = {
        "top": 0.0,
        "bottom": -height,
        "center": -height / 2,
        "baseline": -baselines[-1],
        # matplotlib: half the depth of the last baseline below the box's top.
        "center_baseline": -baselines[-1] / 2,
    }[text.va]
    return tuple(top + b for b in baselines)


# ---------------------------------------------------------------------------- the renderer
@dataclass(frozen=True)
class _Area:
    """The plot area in SVG points and the data limits it shows."""

    left: float
    top: float
    width: float
    height: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    chart_height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width

    def x(self, value: float, coords: str = "data") -> float:
        if coords == "axes":
            return self.left + float(value) * self.width
        low, high = self.xlim
        return self.left + (float(value) - low) / (high - low) * self.width

    def y(self, value: float, coords: str = "data") -> float:
        if coords == "axes":
            return self.bottom - float(value) * self.height
        low, high = self.ylim  # data y grows upwards, SVG y downwards
        return self.bottom - (float(value) - low) / (high - low) * self.height

    def point(self, x, y, coords, offset=(0.0, 0.0)) -> tuple[float, float]:
        if coords == POINTS:
            px, py = float(x), self.chart_height - float(y)
        else:
            px, py = self.x(x, coords[0]), self.y(y, coords[1])
        return px + offset[0], py - offset[1]


def _area(chart: Chart) -> _Area:
    frame = chart.frame
    return _Area(
        frame.left,
        frame.top,
        chart.width_points - frame.left - frame.right,
        chart.plot_height,
        tuple(map(float, chart.xlim)),
        tuple(map(float, chart.ylim)),
        chart.height_points,
    )


def to_svg_chart(chart: Chart) -> SvgChart:
    """The chart as an SVG document, with its alt text, title and where its markers are.

    >>> from ocanalysis import figures
    >>> svg = to_svg_chart(figures.indicator_dots.chart("Belgium", 2023, "criminal_actors"))
    >>> svg.title, svg.svg.count("<text") > 5, len(svg.marks["country"])
    ('Belgium: criminal actors, 2023', True, 5)
    """
    chart = fit(chart)
    canvas = Canvas(chart.width_points, chart.height_points)
    area = _area(chart)
    layers = [(AXIS_Z, 0, lambda: _x_axis(canvas, area, chart))]
    layers.append((AXIS_Z, 1, lambda: _y_axis(canvas, area, chart)))
    layers.append((SPINE_Z, 2, lambda: _spines(canvas, area, chart)))
    for i, mark in enumerate(chart.marks):
        layers.append((mark.z, 3 + i, functools.partial(_draw_mark, canvas, area, mark)))
    if chart.legend:
        layers.append((LEGEND_Z, 10**6, lambda: _legend(canvas, area, chart)))
    if chart.colorbar:  # its own axes, drawn after the plot's
        layers.append((10**6, 10**6, lambda: _colorbar(canvas, area, chart.colorbar)))
    # Stable: equal z keeps the given order (matplotlib puts the axes' own children after marks).
    for _, _, draw in sorted(layers, key=lambda layer: (layer[0], _rank(layer[1]))):
        draw()
    _title(canvas, chart)
    _note(canvas, chart.note_lines)
    return SvgChart(canvas.to_svg(), chart.alt, chart.title, canvas.marks, tuple(canvas.hotspots))


def _rank(order: int) -> int:
    # matplotlib lists an axes' children as: added artists, then spines, then the axes; at equal
    # z the artists come first.
    return order + 100 if order < 3 else order - 3


def _draw_mark(canvas: Canvas, area: _Area, mark) -> None:
    if isinstance(mark, Segments):
        points = [
            (*area.point(x1, y1, mark.coords), *area.point(x2, y2, mark.coords))
            for x1, y1, x2, y2 in mark.segments
        ]
        canvas.segments(
            points,
            color=mark.color,
            width=mark.width,
            cap=mark.cap,
            opacity=mark.opacity,
            dash=" ".join(_num(v) for v in mark.dash) if mark.dash else None,
        )
    elif isinstance(mark, Markers):
        placed = [area.point(x, y, mark.coords) for x, y in mark.points]
        if mark.hover:  # at least 4 points across, so that a small dot is easy to point at
            radius = max(mark.size / 2, 4.0)
            canvas.hotspots.extend(
                Hotspot("circle", (x, y, radius), text)
                for (x, y), text in zip(placed, mark.hover, strict=True)
            )
        canvas.markers(
            placed,
            shape=mark.shape,
            size=mark.size,
            fill=mark.fill,
            edge=mark.edge,
            edge_width=mark.edge_width,
            mark=mark.gid,
        )
    elif isinstance(mark, Rects):
        _rects(canvas, area, mark)
    elif isinstance(mark, Text):
        _text(canvas, area, mark)
    else:
        raise TypeError(f"no SVG drawing for {type(mark).__name__}")


_ANCHORS = {"left": "start", "center": "middle", "right": "end"}


def _text(canvas: Canvas, area: _Area, text: Text) -> None:
    x, y = area.point(text.x, text.y, text.coords, text.offset)
    if text.rotation:
        _rotated_text(canvas, x, y, text)
        return
    baselines = _baselines(text)
    for line, baseline in zip(text.text.split("\n"), baselines, strict=True):
        if line:
            canvas.text(
                x,
                y + baseline,
                line,
                size=text.size,
                color=text.color,
                weight=text.weight,
                italic=text.italic,
                anchor=_ANCHORS[text.ha],
            )


def _rotated_text(canvas: Canvas, x: float, y: float, text: Text) -> None:
    """One line turned 90° to read upwards, its turned box aligned by ``ha`` and ``va`` as
    matplotlib aligns a rotated text's box."""
    if text.rotation != 90 or "\n" in text.text:
        raise ValueError("rotated text: one line at 90 degrees only")
    (ascent,), height = text_layout(text.text, text.size, text.weight, text.italic)
    descent = height - ascent
    length = unhinted_text_width(text.text, text.size, text.weight)
    # The glyphs lie left of the baseline (ascent) and right of it (descent).
    baseline_x = {"left": x + ascent, "center": x + (ascent - descent) / 2, "right": x - descent}
    start_y = {"bottom": y, "baseline": y, "top": y + length, "center": y + length / 2}
    canvas.text(
        baseline_x[text.ha],
        start_y.get(text.va, y + length / 2),
        text.text,
        size=text.size,
        color=text.color,
        weight=text.weight,
        italic=text.italic,
        rotate=-90,
    )


def _rects(canvas: Canvas, area: _Area, mark: Rects) -> None:
    fills = mark.fills or ("none",) * len(mark.rects)
    for (x0, y0, x1, y1), fill in zip(mark.rects, fills, strict=True):
        (ax, ay), (bx, by) = area.point(x0, y0, mark.coords), area.point(x1, y1, mark.coords)
        canvas.rect(
            min(ax, bx),
            min(ay, by),
            abs(bx - ax),
            abs(by - ay),
            fill=fill,
            stroke=mark.edge,
            stroke_width=mark.edge_width,
        )


def _colorbar(canvas: Canvas, area: _Area, bar: ColorBar) -> None:
    """The colour scale as matplotlib's colorbar draws it: the colours in thin bands, ticks and
    their labels on the right, the label turned to read upwards beside them."""
    import matplotlib as mpl

    cmap, steps = mpl.colormaps[bar.cmap], 64
    left, top = bar.left, area.chart_height - bar.bottom - bar.height
    band = bar.height / steps
    for i in range(steps):  # each band reaches the top, so no seam shows between bands
        color = mpl.colors.to_hex(cmap((i + 0.5) / steps)).upper()
        canvas.rect(left, top, bar.width, bar.height - i * band, fill=color)
    right = left + bar.width

    def y_of(value: float) -> float:
        return top + bar.height - (value - bar.vmin) / (bar.vmax - bar.vmin) * bar.height

    canvas.segments(
        [(right, y_of(t), right + TICK_LENGTH, y_of(t)) for t in bar.ticks],
        color=TEXT_COLOR,
        width=TICK_WIDTH,
    )
    labels = [f"{t:g}" for t in bar.ticks]
    for tick, label in zip(bar.ticks, labels, strict=True):
        _text(
            canvas,
            area,
            Text(
                right + TICK_LENGTH + TICK_PAD,
                area.chart_height - y_of(tick),
                label,
                TICK_SIZE,
                va="center_baseline",
                coords=POINTS,
            ),
        )
    widest = max(unhinted_text_width(label, TICK_SIZE) for label in labels)
    _text(
        canvas,
        area,
        Text(
            right + TICK_LENGTH + TICK_PAD + widest + LABEL_PAD,
            bar.bottom + bar.height / 2,
            bar.label,
            LABEL_SIZE,
            ha="left",
            va="center",
            coords=POINTS,
            rotation=90,
        ),
    )


def _spines(canvas: Canvas, area: _Area, chart: Chart) -> None:
    """The chart's spines (the theme's: left and bottom)."""
    segments = []
    if "bottom" in chart.spines:
        segments.append((area.left, area.bottom, area.right, area.bottom))
    if "left" in chart.spines:
        segments.append((area.left, area.top, area.left, area.bottom))
    canvas.segments(segments, color=SPINE_COLOR, width=SPINE_WIDTH, cap="square")


def _x_axis(canvas: Canvas, area: _Area, chart: Chart) -> None:
    """Grid, tick marks under the plot, their labels and the axis label, as matplotlib's."""
    axis = chart.x_axis
    xs = [area.x(t) for t in axis.ticks]
    if axis.grid:
        canvas.segments(
            [(x, area.top, x, area.bottom) for x in xs],
            color=GRID_COLOR,
            width=GRID_WIDTH,
            cap="square",
        )
    length = TICK_LENGTH if axis.tick_marks else 0.0
    above = axis.side == "top"
    edge, outward = (area.top, -1) if above else (area.bottom, 1)
    if axis.tick_marks:
        canvas.segments(
            [(x, edge, x, edge + outward * length) for x in xs],
            color=TEXT_COLOR,
            width=TICK_WIDTH,
        )
    top = edge + outward * (length + TICK_PAD)
    size = axis.label_size or TICK_SIZE
    tallest = 0.0
    for i, (x, label) in enumerate(zip(xs, axis.tick_labels, strict=True)):
        style = axis.label_styles.get(i, {})
        tick = Text(
            x,
            area.chart_height - top,
            label,
            size,
            ha="center",
            va="bottom" if above else "top",
            coords=POINTS,
            rotation=axis.label_rotation,
            **style,
        )
        _text(canvas, area, tick)
        tallest = max(tallest, text_layout(label, size, style.get("weight", "normal"))[1])
    if axis.label:
        # Below the tick labels' boxes and the label pad, centred on the plot.
        label_top = top + tallest + LABEL_PAD
        _text(
            canvas,
            area,
            Text(
                area.left + area.width / 2,
                area.chart_height - label_top,
                axis.label,
                LABEL_SIZE,
                ha="center",
                va="top",
                coords=POINTS,
            ),
        )


def _y_axis(canvas: Canvas, area: _Area, chart: Chart) -> None:
    """Grid, tick marks left of the plot, labels right-aligned beside them, the rotated label."""
    axis = chart.y_axis
    ys = [area.y(t) for t in axis.ticks]
    if axis.grid:
        canvas.segments(
            [(area.left, y, area.right, y) for y in ys],
            color=GRID_COLOR,
            width=GRID_WIDTH,
            cap="square",
        )
    length = TICK_LENGTH if axis.tick_marks else 0.0
    if axis.tick_marks:
        canvas.segments(
            [(area.left - length, y, area.left, y) for y in ys],
            color=TEXT_COLOR,
            width=TICK_WIDTH,
        )
    right = area.left - length - TICK_PAD
    size = axis.label_size or TICK_SIZE
    widest = 0.0
    for i, (y, label) in enumerate(zip(ys, axis.tick_labels, strict=True)):
        style = axis.label_styles.get(i, {})
        tick = Text(
            right,
            area.chart_height - y,
            label,
            size,
            ha="right",
            va="center_baseline",
            coords=POINTS,
            **style,
        )
        _text(canvas, area, tick)
        widest = max(widest, unhinted_text_width(label, size, style.get("weight", "normal")))
    if axis.label:
        # Turned to read upwards, its box a label pad left of the tick labels, centred.
        _text(
            canvas,
            area,
            Text(
                right - widest - LABEL_PAD,
                area.chart_height - area.top - area.height / 2,
                axis.label,
                LABEL_SIZE,
                ha="right",
                va="center",
                coords=POINTS,
                rotation=90,
            ),
        )


def _title(canvas: Canvas, chart: Chart) -> None:
    """The title's lines (``Chart.title_lines``), its box's top EDGE below the chart's top."""
    text = "\n".join(chart.title_lines)
    baselines, _ = text_layout(text, chart.title_size, "bold")
    for line, baseline in zip(chart.title_lines, baselines, strict=True):
        canvas.text(
            EDGE, EDGE + baseline, line, size=chart.title_size, weight="bold", color=TITLE_COLOR
        )


def _note(canvas: Canvas, lines) -> None:
    """The grey footnote at the chart's bottom-left, its box's bottom EDGE above the edge."""
    if not lines:
        return
    note = Text(
        EDGE,
        EDGE,
        "\n".join(lines),
        NOTE_SIZE,
        color=NOTE_COLOR,
        va="bottom",
        coords=POINTS,
        linespacing=NOTE_LINESPACING,
    )
    area = _Area(0, 0, canvas.width, canvas.height, (0, 1), (0, 1), canvas.height)
    _text(canvas, area, note)


def _legend(canvas: Canvas, area: _Area, chart: Chart) -> None:
    """A frameless legend centred on the chart under the x label, in columns filled column by
    column, as :func:`~._theme.legend_below` places matplotlib's."""
    size = LEGEND_SIZE
    entries = chart.legend
    handle, pad, spacing = 2.0 * size, 0.4 * size, 1.4 * size
    chunks = [
        entries[part.start : part.stop] for part in _split(len(entries), chart.legend_columns)
    ]
    widths = [
        max(
            handle + pad + max(unhinted_text_width(line, size) for line in e.label.split("\n"))
            for e in chunk
        )
        for chunk in chunks
    ]
    total = sum(widths) + spacing * (len(chunks) - 1)
    # The first baseline: borderpad (0.4 em) + the text's ascent below the legend's top; each
    # handle sits half its box (0.7 em) above its baseline; rows are a line (1 em) + 0.5 em apart.
    ascent = font_extent(size)[0]
    first_baseline = area.bottom + LEGEND_BELOW + 0.4 * size + ascent
    row_height = size + 0.5 * size
    left = canvas.width / 2 - total / 2
    # A label wrapped onto lines (``fit``) stacks them as a text does, the handle by its first;
    # the rows under it move down by what the lines add to its box.
    for chunk, width in zip(chunks, widths, strict=True):
        baseline = first_baseline
        for entry in chunk:
            lines = entry.label.split("\n")
            baselines, extra = wrapped_label(entry.label, size)
            middle = baseline - 0.35 * size
            if entry.kind == "line":
                canvas.segments(
                    [(left, middle, left + handle, middle)],
                    color=entry.color,
                    width=entry.line_width,
                    cap="square",  # a Line2D's default ("projecting")
                )
            else:
                canvas.markers(
                    [(left + handle / 2, middle)],
                    shape=entry.shape,
                    size=entry.size,
                    fill=entry.fill or entry.color,
                    edge=entry.edge or entry.color,
                    edge_width=entry.edge_width or 1.0,
                )
            for line, below in zip(lines, baselines, strict=True):
                canvas.text(
                    left + handle + pad, baseline + below, line, size=size, color=LEGEND_TEXT_COLOR
                )
            baseline += row_height + extra
        left += width + spacing


def wrapped_label(label: str, size: float) -> tuple[tuple[float, ...], float]:
    """A legend label's lines, as matplotlib's legend sets a label of several (measured with
    matplotlib 3.10-3.11): each baseline below the one-line label's (the first 0.1 em lower,
    the others 1.2 em apart), and the height the label adds to its row (0 for one line).

    >>> wrapped_label("One line", 9)
    ((0.0,), 0.0)
    >>> [round(b, 2) for b in wrapped_label("Two\\nlines", 10)[0]], wrapped_label("Two\\nlines", 10)[1]
    ([1.0, 13.0], 14.0)
    """
    lines = label.count("\n") + 1
    if lines == 1:
        return (0.0,), 0.0
    step = 1.2 * size
    return tuple(0.1 * size + i * step for i in range(lines)), (lines - 1) * step + 0.2 * size


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
    hotspots: tuple[Hotspot, ...] = ()  # what the page names on hover (no script)

    @property
    def width_points(self) -> float:
        head = self.svg[: self.svg.index(">", self.svg.index("<svg")) + 1]
        return float(head.split('width="', 1)[1].split("pt", 1)[0])
