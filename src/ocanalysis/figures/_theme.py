"""The figures' shared look: palette, roles, fonts, and the alt-text every figure carries.

The palette is Okabe & Ito's colour-blind-safe set. The three roles every figure uses — the
country, its region, the world — differ in hue, in grey level (so they survive grayscale print)
and in marker shape.
"""

from __future__ import annotations

import contextlib
import io
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy

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


@dataclass(frozen=True)
class Role:
    """How one kind of mark (the country, its region, the world, the rest) is drawn."""

    color: str
    marker: str
    size: float  # marker size in points
    label: str


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
    """A Figure that shows itself in Jupyter without pyplot (IPython calls ``_repr_png_``)."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
        return buffer.getvalue()


def new_figure(width: float, height: float) -> Figure:
    """A pyplot-free figure on an Agg canvas: never tied to a GUI, nothing to close in batch runs.

    >>> fig = new_figure(4, 3)
    >>> fig._repr_png_()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    fig = ThemedFigure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def set_title(fig: Figure, text: str) -> None:
    """The figure's title, flush with the figure's left edge (axes titles clip on narrow plots)."""
    fig.suptitle(text, x=0.01, ha="left", fontsize=12.5, fontweight="bold")


def title(fig: Figure) -> str:
    """The title of a figure made by this package.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); set_title(fig, "Belgium: criminal markets, 2023"); title(fig)
    'Belgium: criminal markets, 2023'
    """
    return fig.get_suptitle()


def add_note(fig: Figure, text: str) -> None:
    """A small grey footnote under the plot (source, caveats), inside the figure's layout.

    Wrapped here by character count: matplotlib's own ``wrap=True`` measures the text word by
    word on every draw, which costs more than the rest of a small figure.
    """
    size = 7.5
    width_points = fig.get_figwidth() * 72 * 0.97
    per_line = max(40, int(width_points / (size * 0.56)))  # DejaVu Sans averages ~0.56 em
    wrapped = "\n".join(textwrap.wrap(" ".join(text.split()), per_line))
    fig.supxlabel(wrapped, x=0.01, ha="left", fontsize=size, color="#555555", linespacing=1.3)


def legend_below(ax, handles, *, below_points: float = 34, **kwargs):
    """A one-row legend under the x-axis label, placed in points so tall and short axes agree."""
    anchor = offset_copy(ax.transAxes, fig=ax.figure, y=-below_points, units="points")
    options = {"ncol": len(handles), "handletextpad": 0.4, "columnspacing": 1.4, **kwargs}
    return ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=anchor,
        borderaxespad=0.0, **options,
    )  # fmt: skip


def fmt(value: float) -> str:
    """A score as the profiles print it: two decimals at most, no trailing zeros.

    >>> fmt(4.43), fmt(7.5), fmt(8.0)
    ('4.43', '7.5', '8')
    """
    return f"{value:.2f}".rstrip("0").rstrip(".")
