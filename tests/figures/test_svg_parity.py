"""The report's SVG charts (``figures._svg`` and the ``*_svg`` twins) against the matplotlib
figures they stand for: same size, every mark at the same place, the same text.

Positions are compared in points from the top-left corner, where matplotlib's own transform
puts each data point, so a twin that drifts from its figure (a changed limit, margin or order)
fails here.
"""

from __future__ import annotations

import re
from html import unescape

import numpy as np
import pytest
from matplotlib.text import Text

from ocanalysis import figures
from ocanalysis.figures import _dots

from .conftest import lines_by_gid

TOLERANCE = 0.6  # points


def figure_points(fig, line) -> list[tuple[float, float]]:
    """A Line2D's data points in figure points from the top-left, via matplotlib's transform."""
    xy = np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)
    pixels = line.axes.transData.transform(xy)
    scale = 72.0 / fig.dpi
    height = fig.get_figheight() * 72
    return [(px * scale, height - py * scale) for px, py in pixels]


def svg_size(svg: str) -> tuple[float, float]:
    width, height = re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    return float(width), float(height)


def svg_texts(svg: str) -> list[str]:
    return [unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def figure_texts(fig) -> list[str]:
    """Every visible, non-empty text line of a matplotlib figure (multi-line texts split)."""
    fig.canvas.draw()  # creates the tick labels matplotlib shows
    out = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.get_window_extent().width:
            out.extend(line for line in text.get_text().split("\n") if line.strip())
    return out


def assert_same_points(expected, actual):
    assert len(expected) == len(actual)
    for (ex, ey), (ax, ay) in zip(sorted(expected), sorted(actual), strict=True):
        assert abs(ex - ax) <= TOLERANCE and abs(ey - ay) <= TOLERANCE, ((ex, ey), (ax, ay))


@pytest.mark.parametrize(
    ("country", "edition", "pillar"),
    [
        ("Belgium", 2023, "criminal_markets"),
        ("Peru", 2021, "criminal_actors"),
        ("Japan", 2025, "resilience"),
        ("Central African Republic", 2023, "resilience"),  # a long title
    ],
)
def test_indicator_dots_svg_matches_figure(country, edition, pillar):
    fig = figures.indicator_dots(country, edition, pillar)
    chart = _dots.indicator_dots_svg(country, edition, pillar)
    width, height = svg_size(chart.svg)
    assert width == pytest.approx(fig.get_figwidth() * 72, abs=0.01)
    assert height == pytest.approx(fig.get_figheight() * 72, abs=0.01)
    for gid in ("country", "region mean", "world mean"):
        (line,) = lines_by_gid(fig, gid)
        assert_same_points(figure_points(fig, line), chart.marks[gid])
    assert sorted(svg_texts(chart.svg)) == sorted(figure_texts(fig))
    assert chart.alt == figures.alt_text(fig)
    assert chart.title == figures.title(fig)


def test_svg_text_is_escaped():
    from ocanalysis.figures._svg import Canvas

    canvas = Canvas(100, 50)
    canvas.text(1, 1, "<script>alert(1)</script> & co", size=9)
    svg = canvas.to_svg()
    assert "<script>" not in svg
    assert svg_texts(svg) == ["<script>alert(1)</script> & co"]


def test_svg_chart_is_deterministic():
    first = _dots.indicator_dots_svg("Belgium", 2023, "resilience").svg
    assert first == _dots.indicator_dots_svg("Belgium", 2023, "resilience").svg
