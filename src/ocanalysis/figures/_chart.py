"""A chart described once: what it draws, in data space, and its fixed layout.

Every figure kind builds one :class:`Chart` (its marks, axes, ticks, texts, legend, title, note,
alt text and margins) and never draws anything itself. Two generic renderers draw any chart:
:func:`~._mpl.to_figure` makes a real matplotlib Figure (researchers restyle it, notebooks show
it) and :func:`~._svg.to_svg_chart` writes the SVG the reports embed, at a fraction of the cost.
A kind is therefore written once, and the renderers are tested primitive by primitive
(``tests/figures/test_renderers.py``), so a chart cannot differ between its two renderings.

Coordinates: a mark's x and y are each in ``"data"`` units or in ``"axes"`` fractions of the
plot area (``coords``), or both in :data:`POINTS` from the chart's bottom-left corner; an
``offset`` in points (x right, y up) is added last. Marks are drawn in increasing ``z`` (ties in
the order given), as matplotlib draws its artists: the axes' grid and ticks at 0.5, the spines at
2.5, the legend at 5.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field

from ._theme import (
    EDGE,
    LEGEND_ROW,
    NOTE_LINESPACING,
    NOTE_SIZE,
    TITLE_SIZE,
    Frame,
    fit_width,
    title_lines,
    wrap_note,
    wrap_to,
)

DATA = ("data", "data")
POINTS = ("points", "points")  # from the chart's bottom-left corner, y up
AXIS_Z = 0.5  # matplotlib's axis (grid, ticks, labels) under everything (axes.axisbelow)
SPINE_Z = 2.5
LEGEND_Z = 5.0


@dataclass(frozen=True)
class Segments:
    """Straight segments (x1, y1, x2, y2) of one colour and width."""

    segments: tuple[tuple[float, float, float, float], ...]
    color: str
    width: float
    z: float
    cap: str = "butt"  # "butt", "round" or "square"
    dash: tuple[float, float] | None = None  # points on, points off
    opacity: float | None = None
    coords: tuple[str, str] = DATA
    gid: str | None = None


@dataclass(frozen=True)
class Markers:
    """Markers as matplotlib draws ``marker=shape, markersize=size``: ``o`` a circle of diameter
    ``size``, ``s`` a square of side ``size``, ``D`` that square turned 45°, ``|`` a vertical bar
    ``size`` tall stroked ``edge_width`` wide. ``edge=None``: no edge (a bar takes ``fill``)."""

    points: tuple[tuple[float, float], ...]
    shape: str
    size: float
    fill: str
    z: float
    edge: str | None = None
    edge_width: float = 0.0
    coords: tuple[str, str] = DATA
    gid: str | None = None  # names the series (tests find it in both renderings)
    hover: tuple[str, ...] | None = None  # a text per point that a page shows on hover


@dataclass(frozen=True)
class Hotspot:
    """A region of a chart's picture that names what is there on hover (an HTML image map's
    ``<area>``, no script): ``shape`` "circle" (coords x, y, r) or "poly" (x1, y1, x2, y2, …),
    in points from the picture's top-left corner."""

    shape: str
    coords: tuple[float, ...]
    text: str


@dataclass(frozen=True)
class Rects:
    """Rectangles (x0, y0, x1, y1), each filled with its own colour (``fills``; None: unfilled)
    and stroked ``edge_width`` wide in ``edge`` (None: no edge)."""

    rects: tuple[tuple[float, float, float, float], ...]
    fills: tuple[str, ...] | None
    z: float
    edge: str | None = None
    edge_width: float = 0.0
    coords: tuple[str, str] = DATA
    gid: str | None = None


@dataclass(frozen=True)
class Text:
    """A text at (x, y): ``ha`` left/center/right, ``va`` top/center/bottom/baseline/
    center_baseline, as matplotlib aligns a text's box; lines split at ``\\n``, stacked
    ``linespacing`` (None: matplotlib's "normal") apart; ``rotation`` 0 or 90 (reading upwards)."""

    x: float
    y: float
    text: str
    size: float
    z: float = 3.0
    color: str = "#333333"
    weight: str = "normal"
    italic: bool = False
    ha: str = "left"
    va: str = "baseline"
    coords: tuple[str, str] = DATA
    offset: tuple[float, float] = (0.0, 0.0)
    linespacing: float | None = None
    rotation: float = 0.0


@dataclass(frozen=True)
class Axis:
    """One axis: ticks (data values) with their labels, grid lines, tick marks, the axis label;
    ``label_styles`` gives some tick labels their own ``weight``/``color``."""

    ticks: tuple[float, ...] = ()
    labels: tuple[str, ...] | None = None  # None: the ticks written as numbers
    label: str | None = None
    grid: bool = False
    tick_marks: bool = True
    label_styles: dict[int, dict] = field(default_factory=dict)
    side: str = "default"  # "top" puts an x axis's ticks and labels above the plot
    label_rotation: float = 0.0  # 90: tick labels read upwards
    label_size: float | None = None  # None: the theme's tick label size

    @property
    def tick_labels(self) -> tuple[str, ...]:
        return self.labels if self.labels is not None else tuple(str(t) for t in self.ticks)


@dataclass(frozen=True)
class LegendEntry:
    label: str
    kind: str  # "marker" or "line"
    color: str
    shape: str = "o"
    size: float = 6.0
    fill: str | None = None  # marker face when it differs from ``color`` (open circles)
    edge: str | None = None  # marker edge; matplotlib's default is the face colour, 1 pt
    edge_width: float = 0.0
    line_width: float = 2.4


@dataclass(frozen=True)
class ColorBar:
    """A vertical colour scale: ``cmap`` from ``vmin`` to ``vmax``, placed at (left, bottom)
    ``width`` × ``height`` points from the chart's bottom-left, ticks and label on its right."""

    cmap: str
    vmin: float
    vmax: float
    left: float
    bottom: float
    width: float
    height: float
    ticks: tuple[float, ...]
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything one chart shows. Sizes: ``width`` in inches, the plot area ``plot_height``
    points tall inside ``frame``'s margins (points); the chart's height follows."""

    width: float
    plot_height: float
    frame: Frame
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    x_axis: Axis
    y_axis: Axis
    marks: tuple
    title: str
    note: str
    alt: str
    legend: tuple[LegendEntry, ...] = ()
    legend_columns: int = 1
    spines: tuple[str, ...] = ("left", "bottom")
    equal_aspect: bool = False
    colorbar: ColorBar | None = None
    extras: dict = field(default_factory=dict, compare=False)  # kind-specific facts for callers
    fitted: bool = False  # laid out by fit(): its texts fit the chart (the renderers call it)

    @functools.cached_property
    def title_size(self) -> float:
        """The title's font size: a long title shrinks, then wraps (``title_lines``)."""
        return title_lines(self.title, self.width)[0]

    @functools.cached_property
    def title_lines(self) -> tuple[str, ...]:
        """The title's lines: one, or as many as it needs to fit the chart's width."""
        return title_lines(self.title, self.width)[1]

    @functools.cached_property
    def note_lines(self) -> tuple[str, ...]:
        """The footnote wrapped to the chart's width, measured."""
        return wrap_to(self.note, self.width * 72 - 2 * EDGE, NOTE_SIZE) if self.note else ()

    @property
    def width_points(self) -> float:
        return self.width * 72

    @property
    def height_points(self) -> float:
        return self.plot_height + self.frame.top + self.frame.bottom

    def data_to_points(self, x: float, y: float) -> tuple[float, float]:
        """A data point's place in points from the bottom-left corner, y up.

        >>> chart = Chart(1, 50, Frame(10, 12, 5, 5), (0, 10), (0, 1), Axis(), Axis(), (), "",
        ...               "", "")
        >>> chart.data_to_points(5, 0.5)
        (35.0, 30.0)
        """
        (x0, x1), (y0, y1) = self.xlim, self.ylim
        plot_width = self.width_points - self.frame.left - self.frame.right
        return (
            self.frame.left + (x - x0) / (x1 - x0) * plot_width,
            self.frame.bottom + (y - y0) / (y1 - y0) * self.plot_height,
        )


# ------------------------------------------------------------------------------------ fitting
LEGEND_SIZE = 9.0  # the theme's legend.fontsize
LEGEND_HANDLE = 2.4 * LEGEND_SIZE  # handle length + the pad before its text
LEGEND_SPACING = 1.4 * LEGEND_SIZE  # between columns


def _legend_columns(labels: list[tuple[str, ...]], room: float, most: int) -> int:
    """The most columns (up to ``most``) whose widest lines fit ``room`` side by side."""
    widths = [
        LEGEND_HANDLE + max(fit_width(line, LEGEND_SIZE) for line in lines) for lines in labels
    ]
    for columns in range(min(most, len(labels)), 1, -1):
        rows = math.ceil(len(labels) / columns)
        per_column = [max(widths[c * rows : (c + 1) * rows], default=0) for c in range(columns)]
        if sum(per_column) + LEGEND_SPACING * (columns - 1) <= room:
            return columns
    return 1


def legend_height(labels: list[tuple[str, ...]], columns: int) -> float:
    """Points a legend of these labels (each its lines) takes in ``columns`` columns, filled
    column by column: a row per entry, and a line more for each line a label wraps to."""
    if not labels:
        return 0.0
    from ._svg import wrapped_label

    rows = math.ceil(len(labels) / columns)
    return max(
        sum(
            LEGEND_ROW + wrapped_label("\n".join(lines), LEGEND_SIZE)[1]
            for lines in labels[c * rows : (c + 1) * rows]
        )
        for c in range(columns)
    )


def fit(chart: Chart) -> Chart:
    """The chart laid out so every text around the plot fits it: the one step between a kind's
    description and either renderer (both call it; a fitted chart is returned as it is).

    A kind reserves room for a title on one line, a legend of one-line labels in
    ``legend_columns`` columns and a footnote wrapped by character count. Here the texts are
    measured with the font's metrics: a long title wraps (``Chart.title_lines``), a legend label
    wider than the chart wraps onto lines of its own and the columns drop to what fits, the
    note wraps to the chart's width, and the chart grows by the height these take beyond what
    the kind reserved (the plot keeps its size; marks placed in points move with it).

    >>> from ocanalysis.figures import Axis, LegendEntry
    >>> long = "Bosnia and Herzegovina, North Macedonia, Central African Republic (3)"
    >>> chart = Chart(3.6, 100, Frame(30, 10, 30, 80), (0, 1), (0, 1), Axis(), Axis(), (),
    ...               "Bosnia and Herzegovina, North Macedonia: scores", "", "",
    ...               legend=(LegendEntry(long, "marker", "#000000"),))
    >>> fitted = fit(chart)
    >>> len(fitted.title_lines), fitted.legend[0].label.count("\\n") > 0
    (2, True)
    >>> fitted.height_points > chart.height_points, fit(fitted) is fitted
    (True, True)
    """
    if chart.fitted:
        return chart
    from ._svg import text_layout

    room = chart.width_points - 2 * EDGE
    # The title: the height of its lines beyond the one line at full size the kind reserved.
    lines = title_lines(chart.title, chart.width)
    reserved = text_layout("A", TITLE_SIZE, "bold")[1]
    grow_top = max(0.0, text_layout("\n".join(lines[1]), lines[0], "bold")[1] - reserved)
    # The legend: each label within the chart's width, then as many columns as fit.
    labels = [
        wrap_to(entry.label, room - LEGEND_HANDLE, LEGEND_SIZE) or ("",) for entry in chart.legend
    ]
    columns = _legend_columns(labels, room, chart.legend_columns) if labels else 1
    grow_legend = max(
        0.0,
        legend_height(labels, columns)
        - LEGEND_ROW * math.ceil(len(labels) / max(1, chart.legend_columns)),
    )
    # The note: measured lines against the ones counted by characters.
    counted = len(wrap_note(chart.note, chart.width)) if chart.note else 0
    grow_note = max(0, len(chart.note_lines) - counted) * NOTE_SIZE * NOTE_LINESPACING
    grow_bottom = grow_legend + grow_note
    legend = tuple(
        dataclasses.replace(entry, label="\n".join(lines))
        for entry, lines in zip(chart.legend, labels, strict=True)
    )
    frame = Frame(
        chart.frame.left,
        chart.frame.right,
        chart.frame.top + grow_top,
        chart.frame.bottom + grow_bottom,
    )
    marks = (
        tuple(_raised(mark, grow_bottom) for mark in chart.marks) if grow_bottom else chart.marks
    )
    colorbar = chart.colorbar
    if colorbar is not None and grow_bottom:
        colorbar = dataclasses.replace(colorbar, bottom=colorbar.bottom + grow_bottom)
    return dataclasses.replace(
        chart,
        frame=frame,
        legend=legend,
        legend_columns=columns,
        marks=marks,
        colorbar=colorbar,
        fitted=True,
    )


def _raised(mark, by: float):
    """A mark placed in points from the chart's bottom, moved up with the plot."""
    if getattr(mark, "coords", None) != POINTS:
        return mark
    if isinstance(mark, Text):
        return dataclasses.replace(mark, y=mark.y + by)
    if isinstance(mark, Segments):
        return dataclasses.replace(
            mark, segments=tuple((x1, y1 + by, x2, y2 + by) for x1, y1, x2, y2 in mark.segments)
        )
    if isinstance(mark, Markers):
        return dataclasses.replace(mark, points=tuple((x, y + by) for x, y in mark.points))
    if isinstance(mark, Rects):
        return dataclasses.replace(
            mark, rects=tuple((x0, y0 + by, x1, y1 + by) for x0, y0, x1, y1 in mark.rects)
        )
    return mark
