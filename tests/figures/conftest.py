"""Helpers for the figure tests: figures are checked for what they show, not only that they draw.

The figures are not registered with pyplot (each has its own Agg canvas), so there is nothing to
close between tests; the autouse fixture checks that stays true.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from ocanalysis import dataset  # noqa: E402


@pytest.fixture(autouse=True)
def no_pyplot_figures():
    plt.close("all")
    yield
    leaked = plt.get_fignums()
    plt.close("all")
    assert leaked == [], "a figure function registered a figure with pyplot"


def lines_by_gid(fig, gid: str):
    return [line for ax in fig.axes for line in ax.lines if line.get_gid() == gid]


def points_by_gid(fig, gid: str) -> list[tuple[float, float, str]]:
    """Every marker of the series ``gid`` as (x, y, face colour), in data coordinates."""
    from matplotlib.colors import to_hex

    return [
        (float(x), float(y), to_hex(line.get_markerfacecolor()).upper())
        for line in lines_by_gid(fig, gid)
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
    ]


def segments_by_gid(fig, gid: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Every segment of the series ``gid``, in its own coordinates."""
    return [
        tuple(map(tuple, segment.tolist()))
        for collection in collections_by_gid(fig, gid)
        for segment in collection.get_segments()
    ]


def collections_by_gid(fig, gid: str):
    return [c for ax in fig.axes for c in ax.collections if c.get_gid() == gid]


def region_of(iso3: str, edition: int):
    """The region's rows in the embedded data, independent of the figure code."""
    frame = dataset.wide(edition)
    region = frame.loc[frame["iso3"] == iso3, "region"].iloc[0]  # the edition's own grouping
    return frame[frame["region"] == region]


def half_up_mean(values) -> float:
    """The publisher's mean of half-point scores, by hand: exact, rounded half up once."""
    from fractions import Fraction

    values = [Fraction(str(v)) for v in values]
    return float((sum(values) / len(values) * 100 + Fraction(1, 2)).__floor__()) / 100
