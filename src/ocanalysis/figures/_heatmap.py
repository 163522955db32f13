"""Every indicator score of a region's countries as one heatmap, the country's column outlined."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .. import catalogue
from ..errors import ArgumentError
from . import _data
from ._theme import (
    COUNTRY,
    EDGE,
    MISSING_COLOR,
    SEQUENTIAL_CMAP,
    TITLE_BAND,
    Frame,
    add_note,
    fmt,
    framed_figure,
    note_height,
    set_alt,
    set_title,
    text_width,
    theme,
    wrap_note,
)

CELL_WIDTH = 0.36 * 72  # points per country
CELL_HEIGHT = 0.245 * 72  # points per indicator
COLORBAR_WIDTH = 10.0  # points


def region_heatmap(
    country: str, edition: int | None = None, *, annotate: bool | str = True
) -> Figure:
    """The scores of the country's region (columns) on every indicator of the edition (rows).

    Drawn with indicators as rows so the long labels stay horizontal on a portrait page; columns
    are the region's countries, most criminal first, and the country's column is outlined and
    its name set in bold. ``annotate``: True prints every cell's score, ``"country"`` only the
    country's column (the others read by colour), False none; printing a few hundred numbers is
    most of the figure's drawing time. ``fig.ocanalysis_matrix`` holds the drawn values
    (countries × indicators: the region's size × 32 in 2023, × 26 in 2021).

    >>> fig = region_heatmap("Belgium", 2023)
    >>> fig.ocanalysis_matrix.shape
    (11, 32)
    """
    place, edition = _data.resolve(country, edition)
    members = _data.region_members(place, edition)
    members = members.sort_values(["criminality", "country"], ascending=[False, True])
    indicators = catalogue.indicators(edition)
    ids = [i.id for i in indicators]
    matrix = members.set_index("country")[ids].astype(float)
    n_countries, n_indicators = matrix.shape
    note = (
        f"Columns: the {n_countries} countries of {place.region}, highest criminality first; "
        f"rows: criminal markets, criminal actors, resilience. Data: Global Organized Crime "
        f"Index {edition}."
    )
    names = list(matrix.index)
    left = EDGE + max(text_width(i.label, 8.5) for i in indicators) + 3.5 + 2
    top = (
        TITLE_BAND
        + 3.5
        + 2
        + max(text_width(name, 8.5, "bold" if name == place.name else "normal") for name in names)
    )
    # Colour bar: gap, bar, its tick labels ("10"), its rotated label.
    right = EDGE + 10 + COLORBAR_WIDTH + 3.5 + text_width("10", 9) + 4 + 10 * 1.2 + 4
    width = max(5.4 * 72, left + CELL_WIDTH * n_countries + right)
    plot_width = width - left - right
    frame = Frame(
        left=left, right=right, top=top,
        bottom=10 + note_height(len(wrap_note(note, width / 72))),
    )  # fmt: skip
    with theme():
        fig, ax = framed_figure(width / 72, CELL_HEIGHT * n_indicators, frame)
        values = matrix.T.to_numpy()  # indicators × countries
        cmap = mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad=MISSING_COLOR)
        norm = Normalize(vmin=1, vmax=10)
        # Drawn directly rather than with seaborn.heatmap, which renders the whole figure once
        # more to check its tick labels: a second of a report's time for nothing.
        mesh = ax.pcolormesh(
            np.ma.masked_invalid(values), cmap=cmap, norm=norm, edgecolors="white",
            linewidth=0.6, gid="scores",
        )  # fmt: skip
        ax.set_xlim(0, n_countries)
        ax.set_ylim(n_indicators, 0)  # first indicator at the top
        rgba = cmap(norm(values))
        light = (0.299 * rgba[..., 0] + 0.587 * rgba[..., 1] + 0.114 * rgba[..., 2]) > 0.5
        if annotate not in (True, False, "country"):
            raise ArgumentError(f"annotate must be True, False or 'country', not {annotate!r}")
        mine = list(matrix.index).index(place.name)
        for (row, column), value in np.ndenumerate(values):
            wanted = annotate is True or (annotate == "country" and column == mine)
            if wanted and np.isfinite(value):
                ax.text(
                    column + 0.5, row + 0.5, fmt(value), ha="center", va="center", fontsize=7,
                    color="#111111" if light[row, column] else "white",
                )  # fmt: skip
        w, h = fig.get_figwidth() * 72, fig.get_figheight() * 72
        plot_height = CELL_HEIGHT * n_indicators
        bar_height = 0.5 * plot_height
        cax = fig.add_axes(
            (
                (left + plot_width + 10) / w,
                (frame.bottom + (plot_height - bar_height) / 2) / h,
                COLORBAR_WIDTH / w,
                bar_height / h,
            )
        )
        bar = fig.colorbar(mesh, cax=cax)
        bar.set_label("Score (1–10)")
        bar.outline.set_visible(False)
        ax.set_xticks(np.arange(n_countries) + 0.5, list(matrix.index), rotation=90, fontsize=8.5)
        ax.set_yticks(np.arange(n_indicators) + 0.5, [i.label for i in indicators], fontsize=8.5)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.grid(False)
        ax.tick_params(axis="both", length=0)
        ax.xaxis.tick_top()
        # Separate the pillars.
        boundary = 0
        for pillar in catalogue.PILLARS[:-1]:
            boundary += len(catalogue.indicators(edition, pillar))
            ax.axhline(boundary, color="white", lw=3)
        column = list(matrix.index).index(place.name)
        ax.add_patch(
            Rectangle(
                (column, 0), 1, n_indicators, fill=False, edgecolor=COUNTRY.color, lw=2.6,
                clip_on=False, zorder=5, gid="country",
            )
        )  # fmt: skip
        for label in ax.get_xticklabels():
            if label.get_text() == place.name:
                label.set_fontweight("bold")
                label.set_color(COUNTRY.color)
        set_title(fig, f"{place.name} in {place.region}: indicator scores, {edition}")
        add_note(fig, note)
    fig.ocanalysis_matrix = matrix
    set_alt(fig, _alt(place, edition, matrix))
    return fig


def _alt(place, edition, matrix) -> str:
    n_countries, n_indicators = matrix.shape
    mine = matrix.loc[place.name]
    region_means = matrix.mean(axis=0)
    gaps = (mine - region_means).sort_values(kind="stable")
    labels = {i.id: i.label.lower() for i in catalogue.INDICATORS}
    above = ", ".join(f"{labels[i]} ({fmt(mine[i])})" for i in gaps.index[::-1][:3] if gaps[i] > 0)
    below = ", ".join(f"{labels[i]} ({fmt(mine[i])})" for i in gaps.index[:3] if gaps[i] < 0)
    highest = matrix.stack()
    top = highest.idxmax()
    members = ", ".join(matrix.index)
    return (
        f"Heatmap of {n_indicators} indicator scores (1–10) for the {n_countries} countries of "
        f"{place.region} in the {edition} Global Organized Crime Index: {members}. "
        f"{place.name}'s column is outlined. It stands furthest above the region's mean on "
        f"{above or 'no indicator'}, and furthest below on {below or 'no indicator'}. "
        f"The region's highest score is {fmt(highest.max())} ({top[0]}, {labels[top[1]]})."
    )
