"""The figures' shared look: palette, roles, fonts, and the alt-text every figure carries.

The palette is Okabe & Ito's colour-blind-safe set. The three roles every figure uses — the
country, its region, the world — differ in hue, in grey level (so they survive grayscale print)
and in marker shape.

Text meets WCAG 2.1 AA contrast (4.5:1; the reports are checked, tests/render/test_accessibility.py):
a label in a mark's colour is drawn in :func:`readable_on_white` of it (vermillion's labels a
darker vermillion; the marks keep the palette), a label on a coloured cell in
:func:`label_color_on` the cell.
"""

from __future__ import annotations

import contextlib
import functools
import math
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import blended_transform_factory, offset_copy

from ._encode import PNG_DPI, to_png

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}


def _luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1's contrast ratio of two ``#RRGGBB`` colours, 1 to 21.

    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1), round(contrast_ratio("#AAAAAA", "#FFFFFF"), 2)
    (21.0, 2.32)
    >>> round(contrast_ratio("#D55E00", "#FFFFFF"), 2)  # vermillion: fine for marks, not text
    3.87
    """
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT_CONTRAST = 4.5  # WCAG 2.1 AA, text under 18 pt (14 pt bold)


@functools.cache
def readable_on_white(colour: str) -> str:
    """``colour``, darkened (same hue) just enough for text on white to reach 4.5:1.

    >>> readable_on_white("#D55E00"), readable_on_white("#333333")
    ('#C25600', '#333333')
    """
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    for percent in range(100, -1, -1):
        darker = "#" + "".join(f"{round(c * percent / 100):02X}" for c in channels)
        if contrast_ratio(darker, "#FFFFFF") >= TEXT_CONTRAST:
            return darker
    return "#000000"


def label_color_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (at least 4.58:1 on any colour).

    >>> label_color_on("#FDE725"), label_color_on("#440154"), label_color_on("#21918C")
    ('#000000', '#FFFFFF', '#000000')
    """
    return max(("#000000", "#FFFFFF"), key=lambda label: contrast_ratio(label, fill))


@dataclass(frozen=True)
class Role:
    """How one kind of mark (the country, its region, the world, the rest) is drawn."""

    color: str
    marker: str
    size: float  # marker size in points
    label: str

    @property
    def text_color(self) -> str:
        """The colour of a label in the role's colour: readable on white."""
        return readable_on_white(self.color)


# Grey levels (luma) 119 / 158 / 64 / 190: distinct in print without colour.
COUNTRY = Role(OKABE_ITO["vermillion"], "o", 9.0, "country")
REGION = Role(OKABE_ITO["sky_blue"], "D", 6.5, "region mean")
WORLD = Role("#404040", "s", 5.5, "world mean")
OTHER = Role("#BEBEBE", "o", 4.0, "other countries")
REGION_MEMBER = Role(OKABE_ITO["blue"], "D", 5.5, "region")

SEQUENTIAL_CMAP = "viridis"  # perceptually uniform, monotonic in grey level
MISSING_COLOR = "#E8E8E8"
BACKGROUND_LAND = "#F2F2F2"
EDGE = "#FFFFFF"

RC = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#555555",
    "axes.linewidth": 0.8,
    "axes.grid": True,
    "axes.grid.axis": "both",
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.7,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 10,
    "axes.labelsize": 10,
    "axes.labelcolor": "#333333",
    "axes.prop_cycle": mpl.cycler(
        color=[OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "black")]
    ),
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.fontsize": 9,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",  # ships with matplotlib: never a missing-font fallback
    "font.size": 10,
    "image.cmap": SEQUENTIAL_CMAP,
    "svg.fonttype": "none",
}

_ALT_ATTRIBUTE = "_ocanalysis_alt_text"


def apply_theme() -> None:
    """Make the theme matplotlib's default for the rest of the session (notebooks).

    >>> apply_theme()
    >>> import matplotlib as mpl; mpl.rcParams["axes.titlelocation"]
    'left'
    """
    mpl.rcParams.update(RC)


@contextlib.contextmanager
def theme() -> Iterator[None]:
    """Draw inside the theme without changing the caller's matplotlib settings.

    >>> import matplotlib as mpl
    >>> with theme():
    ...     mpl.rcParams["axes.spines.top"]
    False
    """
    with mpl.rc_context(RC):
        yield


def set_alt(fig: Figure, text: str) -> Figure:
    """Attach an alt-text caption to a figure (reports put it in the image's ``alt``).

    >>> from matplotlib.figure import Figure
    >>> alt_text(set_alt(Figure(), "Dots of 15 scores."))
    'Dots of 15 scores.'
    """
    setattr(fig, _ALT_ATTRIBUTE, " ".join(str(text).split()))
    return fig


def alt_text(fig: Figure) -> str:
    """The alt-text caption of a figure made by this package ('' if it has none).

    >>> from matplotlib.figure import Figure
    >>> alt_text(Figure())
    ''
    """
    return getattr(fig, _ALT_ATTRIBUTE, "")


class ThemedFigure(Figure):
    """A Figure that shows itself in Jupyter without pyplot (IPython calls ``_repr_png_``),
    with its alt text in the output's metadata (``{"alt": …}``) when it has one."""

    def _repr_png_(self):
        alt = alt_text(self)
        return (to_png(self), {"alt": alt}) if alt else to_png(self)


def show_alt_text_in_ipython() -> bool:
    """Make IPython show our figures with their alt text in the output's metadata, also under
    ``%matplotlib inline`` (whose Figure formatter would otherwise take them first). Returns
    whether an IPython shell was there to tell. The handouts' exporter turns that metadata into
    the image's ``alt``."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.formatters["image/png"].for_type(ThemedFigure, ThemedFigure._repr_png_)
    return True


def new_figure(width: float, height: float, *, layout: str | None = "constrained") -> Figure:
    """A pyplot-free figure on an Agg canvas: never tied to a GUI, nothing to close in batch runs.

    Its dpi is the PNG encoder's, so text measured while building (label placement) is measured
    once: the encoder's renderer is the same one, with the same cache. ``layout=None`` for figures
    laid out by :func:`framed_figure` (no layout pass when encoded).

    >>> fig = new_figure(4, 3)
    >>> fig._repr_png_()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> png, metadata = set_alt(fig, "Four by three.")._repr_png_()
    >>> metadata
    {'alt': 'Four by three.'}
    """
    fig = ThemedFigure(figsize=(width, height), dpi=PNG_DPI, layout=layout)
    FigureCanvasAgg(fig)
    return fig


# ----------------------------------------------------------------------------- fixed layout
# The report's figures are one plot area with text around it, so their layout is arithmetic on
# text widths measured once per process, not matplotlib's constrained layout (which measures every
# text of the figure again at each encoding: a second full pass over the figure).

EDGE = 6.0  # points of white around everything
TITLE_SIZE = 12.5
TITLE_BAND = EDGE + TITLE_SIZE * 1.2 + 9  # top of the figure to the top of the plot area
NOTE_SIZE = 7.5
NOTE_LINESPACING = 1.3
TICK_SPACE = 3.5 + 3.5  # tick length + tick label pad, points
LEGEND_BELOW = 34.0  # plot area's bottom to the legend's top: x tick labels and x label
LEGEND_ROW = 17.0  # one legend row at 9 pt


@functools.cache
def _measuring_renderer() -> RendererAgg:
    return RendererAgg(10, 10, PNG_DPI)


@functools.cache
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in points of one line of text in the theme's font, as the PNG renderer sets it.

    Cached for the process: the same labels recur in every country's figures.

    >>> text_width("Belgium", 10) > text_width("Chad", 10) > 0
    True
    """
    prop = FontProperties(family=RC["font.family"], size=size, weight=weight)
    width, _, _ = _measuring_renderer().get_text_width_height_descent(text, prop, ismath=False)
    return width * 72.0 / PNG_DPI


def wrap_note(text: str, width_inches: float) -> list[str]:
    """A footnote's lines for a figure of the given width (by character count; see add_note).

    What a kind reserves room for; the chart's own lines are measured (:func:`wrap_to`).
    """
    width_points = width_inches * 72 - 2 * EDGE
    per_line = max(40, int(width_points / (NOTE_SIZE * 0.56)))  # DejaVu Sans averages ~0.56 em
    return textwrap.wrap(" ".join(text.split()), per_line)


def fit_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in points a text needs wherever it is drawn: the wider of the PNG renderer's
    (hinted) and the SVG's (unhinted outlines, as browsers and WeasyPrint set it).

    >>> fit_width("Belgium", 10) >= text_width("Belgium", 10)
    True
    """
    from ._svg import unhinted_text_width

    return max(text_width(text, size, weight), unhinted_text_width(text, size, weight))


def wrap_to(text: str, room: float, size: float, weight: str = "normal") -> tuple[str, ...]:
    """``text`` in lines each at most ``room`` points wide in the theme's font, measured: broken
    at spaces (a no-break space holds "25 %" together), a word wider than a line at a character.

    >>> wrap_to("Bosnia and Herzegovina, North Macedonia", 120, 9)
    ('Bosnia and Herzegovina,', 'North Macedonia')
    >>> wrap_to("Short", 120, 9), wrap_to("", 120, 9)
    (('Short',), ())
    """
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if fit_width(candidate, size, weight) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while fit_width(line, size, weight) > room and len(line) > 1:
            cut = (
                next(
                    i
                    for i in range(len(line) - 1, 0, -1)
                    if fit_width(line[:i], size, weight) <= room
                )
                if fit_width(line[0], size, weight) <= room
                else 1
            )
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return tuple(lines)


def note_height(lines: int) -> float:
    """Points a footnote of ``lines`` lines takes at the figure's bottom, edge included."""
    return EDGE + NOTE_SIZE * (1 + NOTE_LINESPACING * (lines - 1)) + 3


def legend_columns(labels: list[str], width_inches: float, *, size: float = 9) -> int:
    """How many columns a one-or-more-row legend under the plot gets so it fits the figure."""
    handle = 2.0 * size + 0.4 * size  # handle length + handle text pad, points
    widths = [handle + fit_width(label, size) + 1.4 * size for label in labels]
    room = width_inches * 72 - 2 * EDGE
    for rows in range(1, len(labels) + 1):
        columns = math.ceil(len(labels) / rows)
        per_column = [
            max(widths[i] for i in range(c, len(labels), columns)) for c in range(columns)
        ]
        if sum(per_column) <= room:
            return columns
    return 1


@dataclass(frozen=True)
class Frame:
    """Margins in points around a figure's plot area."""

    left: float
    right: float
    top: float
    bottom: float


def framed_figure(width: float, plot_height: float, frame: Frame) -> tuple[Figure, Axes]:
    """A figure ``width`` inches wide whose plot area is ``plot_height`` points tall, placed by
    ``frame``; the figure's height follows. No layout engine: nothing is laid out at draw time.

    >>> fig, ax = framed_figure(4, 144, Frame(left=36, right=18, top=30, bottom=40))
    >>> round(fig.get_figheight() * 72), fig.get_layout_engine() is None
    (214, True)
    """
    height = (plot_height + frame.top + frame.bottom) / 72
    fig = new_figure(width, height, layout=None)
    w, h = width * 72, height * 72
    ax = fig.add_axes(
        (frame.left / w, frame.bottom / h, 1 - (frame.left + frame.right) / w, plot_height / h)
    )
    return fig, ax


TITLE_LEAST = 10.5  # a title shrinks this far on one line; a longer one wraps at this size


def title_lines(
    text: str, width_inches: float, start: float = TITLE_SIZE
) -> tuple[float, tuple[str, ...]]:
    """A title's font size and lines: a little long, it shrinks (to 10.5 pt) on one line; longer
    still, it wraps at 10.5 pt, whole, on as many lines as it needs.

    >>> title_lines("Belgium", 7.6)
    (12.5, ('Belgium',))
    >>> size, lines = title_lines("Bosnia and Herzegovina, North Macedonia: indicators", 3.6)
    >>> size, len(lines)
    (10.5, 2)
    """
    room = width_inches * 72 - 2 * EDGE
    size = start
    while size > TITLE_LEAST and fit_width(text, size, "bold") > room:
        size -= 0.25
    if fit_width(text, size, "bold") <= room:
        return size, (text,)
    return size, wrap_to(text, room, size, "bold")


def title_size(text: str, width_inches: float, start: float = TITLE_SIZE) -> float:
    """The title's font size: a long title shrinks (down to 10.5 pt), then wraps.

    >>> title_size("Belgium", 7.6), title_size("A" * 200, 7.6)
    (12.5, 10.5)
    """
    return title_lines(text, width_inches, start)[0]


def set_title(fig: Figure, text: str, size: float | None = None) -> None:
    """The figure's title, flush with the figure's left edge (axes titles clip on narrow plots)."""
    if fig.get_layout_engine() is None:  # fixed layout: the title's place in points
        w, h = fig.get_figwidth() * 72, fig.get_figheight() * 72
        fig.suptitle(
            text,  # a Chart's title, already fitted (its lines joined)
            x=EDGE / w,
            y=1 - EDGE / h,
            ha="left",
            va="top",
            fontsize=size or title_size(text, fig.get_figwidth()),
            fontweight="bold",
        )
        return
    # Laid out by the figure's engine: lines that fit the figure (the engine makes room).
    size, lines = title_lines(text, fig.get_figwidth(), size or TITLE_SIZE)
    fig.suptitle("\n".join(lines), x=0.01, ha="left", fontsize=size, fontweight="bold")


def title(fig: Figure) -> str:
    """The title of a figure made by this package.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); set_title(fig, "Belgium: criminal markets, 2023"); title(fig)
    'Belgium: criminal markets, 2023'
    """
    return " ".join(fig.get_suptitle().split("\n"))  # a long title wraps (title_lines)


def add_note(fig: Figure, text: str) -> None:
    """A small grey footnote under the plot (source, caveats), inside the figure's layout.

    Wrapped here by character count: matplotlib's own ``wrap=True`` measures the text word by
    word on every draw, which costs more than the rest of a small figure.
    """
    add_note_lines(fig, wrap_note(text, fig.get_figwidth()))


def add_note_lines(fig: Figure, lines) -> None:
    """A footnote already wrapped into ``lines``, at the figure's bottom-left."""
    if not lines:
        return
    style = {
        "ha": "left",
        "fontsize": NOTE_SIZE,
        "color": "#555555",
        "linespacing": NOTE_LINESPACING,
    }
    if fig.get_layout_engine() is None:  # fixed layout: the note's place in points
        w, h = fig.get_figwidth() * 72, fig.get_figheight() * 72
        fig.supxlabel("\n".join(lines), x=EDGE / w, y=EDGE / h, va="bottom", **style)
        return
    fig.supxlabel("\n".join(lines), x=0.01, **style)


def legend_below(ax, handles, *, below_points: float = LEGEND_BELOW, **kwargs):
    """A legend under the x-axis label, placed in points so tall and short axes agree.

    Centred on the figure when its layout is fixed (:func:`framed_figure`; the columns come from
    :func:`legend_columns`, which fits them to the figure's width), on the plot otherwise.
    """
    fig = ax.figure
    below = offset_copy(ax.transAxes, fig=fig, y=-below_points, units="points")
    fixed = fig.get_layout_engine() is None
    anchor = blended_transform_factory(fig.transFigure, below) if fixed else below
    options = {"ncol": len(handles), "handletextpad": 0.4, "columnspacing": 1.4, **kwargs}
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=anchor,
        borderaxespad=0.0,
        **options,
    )


def fmt(value: float) -> str:
    """A score as the profiles print it: two decimals at most, no trailing zeros.

    >>> fmt(4.43), fmt(7.5), fmt(8.0)
    ('4.43', '7.5', '8')
    """
    from ..i18n import decimal

    return decimal(f"{value:.2f}".rstrip("0").rstrip("."))
