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


# ------------------------------------------------------------------ rank_robustness_svg
def drawn_texts(fig) -> list[str]:
    """Every text line matplotlib actually draws (not, say, the labels of ticks it keeps beyond
    the axis limits), recorded at the renderer."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = []
    draw_text = renderer.draw_text

    def recording(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        texts.append(s)
        return draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = recording
    try:
        fig.draw(renderer)
    finally:
        del renderer.draw_text
    return texts


def svg_segments(svg: str, color: str, width: float) -> list[tuple[float, float, float, float]]:
    """The straight segments of the SVG's paths stroked in ``color`` at ``width``."""
    out = []
    for d, stroke, stroke_width in re.findall(
        r'<path d="([^"]*)" fill="none" stroke="([^"]*)" stroke-width="([^"]*)"', svg
    ):
        if stroke.upper() == color.upper() and float(stroke_width) == pytest.approx(width):
            for x1, y1, x2, y2 in re.findall(r"M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)", d):
                out.append((float(x1), float(y1), float(x2), float(y2)))
    return out


def figure_segments(fig, color: str, width: float) -> list[tuple[float, float, float, float]]:
    """The two-point lines of the figure's plot in ``color`` at ``width``, in points."""
    from matplotlib.colors import to_hex

    out = []
    for line in fig.axes[0].lines:
        if len(line.get_xdata()) == 2 and line.get_linestyle() != "None":
            if to_hex(line.get_color()).upper() == color.upper() and line.get_linewidth() == width:
                (x1, y1), (x2, y2) = figure_points(fig, line)
                out.append((x1, y1, x2, y2))
    return out


def small_audit(edition: int):
    """The audit with 100 runs: enough for intervals of every width, and quick."""
    from ocanalysis.analysis import audit

    return audit.run(edition, runs=100)


@pytest.mark.parametrize(
    ("country", "edition", "measure", "scope"),
    [
        ("Belgium", 2023, "criminality", "auto"),  # a region of 11
        ("USA", 2025, "resilience", "auto"),  # North America has 2: a window
        ("Samoa", 2021, "resilience", "region"),  # 2021, Polynesia's 3 countries
        ("Central African Republic", 2023, "criminality", "window"),  # a long name
        ("Myanmar", 2025, "criminality", "window"),  # rank 1: the window's top edge
        ("Tuvalu", 2021, "criminality", "auto"),  # last rank, Polynesia: window at the bottom
        ("Finland", 2023, "resilience", "region"),
    ],
)
def test_rank_robustness_svg_matches_figure(country, edition, measure, scope):
    from ocanalysis.figures import _robustness
    from ocanalysis.figures._theme import COUNTRY, REGION_MEMBER

    audit = small_audit(edition)
    options = {"measure": measure, "scope": scope}
    fig = figures.rank_robustness(country, edition, audit, **options)
    chart = _robustness.rank_robustness_svg(country, edition, audit, **options)
    width, height = svg_size(chart.svg)
    assert width == pytest.approx(fig.get_figwidth() * 72, abs=0.01)
    assert height == pytest.approx(fig.get_figheight() * 72, abs=0.01)
    for gid in ("country", "other", "nominal"):
        points = [p for line in lines_by_gid(fig, gid) for p in figure_points(fig, line)]
        assert points
        assert_same_points(points, chart.marks.get(gid, []))
    # The 5–95 % intervals: the country's and the others', end to end.
    for color, line_width in ((COUNTRY.color, 3.2), (REGION_MEMBER.color, 2.2)):
        expected = figure_segments(fig, color, line_width)
        actual = svg_segments(chart.svg, color, line_width)
        assert expected
        assert_same_points([p[:2] for p in expected], [p[:2] for p in actual])
        assert_same_points([p[2:] for p in expected], [p[2:] for p in actual])
    # The x grid lies on the ticks matplotlib draws (its locator's, within the limits).
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if low <= t <= high]
    grid = [x1 for x1, _, _, _ in svg_segments(chart.svg, "#E3E3E3", 0.7)]
    expected_x = [ax.transData.transform((t, 0))[0] * 72 / fig.dpi for t in ticks]
    assert grid == pytest.approx(expected_x, abs=TOLERANCE)
    assert sorted(svg_texts(chart.svg)) == sorted(drawn_texts(fig))
    assert chart.alt == figures.alt_text(fig)
    assert chart.title == figures.title(fig)


def test_rank_robustness_svg_marks_the_country_and_keeps_text_escaped():
    from ocanalysis.figures import _robustness

    chart = _robustness.rank_robustness_svg("Belgium", 2023, small_audit(2023))
    bold_labels = re.findall(r'<text[^>]*font-weight="bold"[^>]*>([^<]*)</text>', chart.svg)
    assert "Belgium" in bold_labels  # the y tick label, bold (and vermillion)
    assert re.search(r'fill="#D55E00" font-weight="bold" text-anchor="end">Belgium<', chart.svg)
    assert chart.svg == _robustness.rank_robustness_svg("Belgium", 2023, small_audit(2023)).svg


def test_rank_robustness_svg_matches_figure_on_a_narrow_range():
    """Two countries tied, with no spread: the axis spans 4 ranks and matplotlib's locator
    puts ticks at half ranks ("98.5"); the twin must pick and print the same."""
    from types import SimpleNamespace

    from ocanalysis.figures import _robustness

    real = small_audit(2023)
    table = real.rank_uncertainty.copy()
    for iso3, rank in (("USA", 100), ("CAN", 100)):
        at = table["iso3"] == iso3
        table.loc[at, ["nominal", "median", "q05", "q95"]] = rank
    audit = SimpleNamespace(
        edition=2023, runs=100, rank_uncertainty=table, resilience_rank_uncertainty=table
    )
    fig = figures.rank_robustness("Canada", 2023, audit, scope="region")
    chart = _robustness.rank_robustness_svg("Canada", 2023, audit, scope="region")
    texts = drawn_texts(fig)
    assert "98.5" in texts or "99.5" in texts  # the case this test is about
    assert sorted(svg_texts(chart.svg)) == sorted(texts)
    for gid in ("country", "other", "nominal"):
        points = [p for line in lines_by_gid(fig, gid) for p in figure_points(fig, line)]
        assert_same_points(points, chart.marks[gid])
