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


def figure_points(fig, artist) -> list[tuple[float, float]]:
    """A line's vertices (or a scatter's offsets) in figure points from the top-left, through
    matplotlib's own transform."""
    if hasattr(artist, "get_offsets"):
        xy, transform = np.asarray(artist.get_offsets(), float), artist.get_offset_transform()
    else:
        xy = np.column_stack([artist.get_xdata(), artist.get_ydata()]).astype(float)
        transform = artist.get_transform()
    scale, height = 72.0 / fig.dpi, fig.get_figheight() * 72
    return [(px * scale, height - py * scale) for px, py in transform.transform(xy)]


def svg_size(svg: str) -> tuple[float, float]:
    width, height = re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    return float(width), float(height)


def assert_same_size(fig, chart) -> None:
    width, height = svg_size(chart.svg)
    assert width == pytest.approx(fig.get_figwidth() * 72, abs=0.01)
    assert height == pytest.approx(fig.get_figheight() * 72, abs=0.01)


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
    assert_same_size(fig, chart)
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


# ---------------------------------------------------------------------------- edition_change_svg
def change_svg_circles(svg: str, fill: str, edge_width: str) -> list[tuple[float, float]]:
    """Centres of the circles drawn with this face colour and edge width (one path a series):
    round-capped dots, the face drawn over a dark dot wider by the edge width."""
    centres = []
    for d, face in re.findall(rf'<path d="([^"]*)" fill="none" stroke="{fill}" '
                              rf'stroke-width="([\d.]+)" stroke-linecap="round"', svg):  # fmt: skip
        edge = re.search(rf'<path d="{re.escape(d)}" fill="none" stroke="#333333" '
                         rf'stroke-width="([\d.]+)" stroke-linecap="round"', svg)  # fmt: skip
        if edge and abs(float(edge.group(1)) - float(face) - 2 * float(edge_width)) < 0.011:
            centres += [(float(x), float(y)) for x, y in re.findall(r"M([-\d.]+) ([-\d.]+)h0", d)]
    return centres


def change_svg_bars(svg: str, color: str) -> list[tuple[float, float, float, float]]:
    """The bars drawn in this colour (butt-capped: the legend's line handles are square)."""
    paths = re.findall(
        rf'<path d="([^"]*)" fill="none" stroke="{color}" stroke-width="2.4" '
        rf'stroke-linecap="butt"',
        svg,
    )
    return [
        tuple(map(float, segment))
        for d in paths
        for segment in re.findall(r"M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)", d)
    ]


def figure_bars(fig) -> dict[str, list[tuple[float, float, float, float]]]:
    """The change chart's bars in figure points from the top-left, by colour."""
    from matplotlib.colors import to_hex

    from .conftest import collections_by_gid

    (bars,) = collections_by_gid(fig, "bars")
    ax = bars.axes
    height, scale = fig.get_figheight() * 72, 72.0 / fig.dpi
    out: dict[str, list] = {}
    for segment, color in zip(bars.get_segments(), bars.get_colors(), strict=True):
        (x1, y1), (x2, y2) = ax.transData.transform(segment)
        out.setdefault(to_hex(color).upper(), []).append(
            (x1 * scale, height - y1 * scale, x2 * scale, height - y2 * scale)
        )
    return out


@pytest.mark.parametrize(
    ("country", "first", "second"),
    [
        ("Belgium", 2021, 2023),  # 2021 lacks 6 indicators: like-for-like ticks, 5-entry legend
        ("Belgium", 2023, 2025),  # the same indicators: no ticks, 4-entry legend
        ("Micronesia (Federated States of)", 2021, 2025),  # the longest name: a smaller title
        ("Tonga", 2023, 2025),  # a region of 3 countries
        ("Mexico", 2021, 2023),
    ],
)
def test_edition_change_svg_matches_figure(country, first, second):
    from ocanalysis.figures import _change

    fig = figures.edition_change(country, first, second)
    chart = _change.edition_change_svg(country, first, second)
    assert_same_size(fig, chart)
    for gid in ("from", "to", "like_for_like"):
        expected = [p for line in lines_by_gid(fig, gid) for p in figure_points(fig, line)]
        assert_same_points(expected, chart.marks.get(gid, []))
    partial = first == 2021
    assert bool(chart.marks.get("like_for_like")) == partial
    # Each filled circle in its colour (better, worse, same), each bar in its colour.
    for color in (_change.BETTER, _change.WORSE, _change.SAME):
        ends = [
            p
            for line in lines_by_gid(fig, "to")
            if line.get_markerfacecolor().upper() == color
            for p in figure_points(fig, line)
        ]
        assert_same_points(ends, change_svg_circles(chart.svg, color, "0.8"))
        expected_bars = figure_bars(fig).get(color, [])
        actual_bars = change_svg_bars(chart.svg, color)
        assert len(expected_bars) == len(actual_bars)
        for e, a in zip(sorted(expected_bars), sorted(actual_bars), strict=True):
            assert np.allclose(e, a, atol=TOLERANCE), (e, a)
    assert_same_points(
        [p for line in lines_by_gid(fig, "from") for p in figure_points(fig, line)],
        change_svg_circles(chart.svg, "#FFFFFF", "1.2"),
    )
    assert sorted(svg_texts(chart.svg)) == sorted(figure_texts(fig))
    assert chart.alt == figures.alt_text(fig)
    assert chart.title == figures.title(fig)


def test_edition_change_svg_is_few_nodes():
    from ocanalysis.figures import _change

    svg = _change.edition_change_svg("Belgium", 2021, 2023).svg
    # 30 rows of circles, bars and ticks, but one path per series and colour (two for circles
    # with an edge): the nodes are mostly text (title, 35 labels and headings, 30 changes,
    # 10 ticks, legend, note).
    assert svg.count("<path") <= 30


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
    assert_same_size(fig, chart)
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


# ------------------------------------------------------------------ quadrant_scatter_svg
QUADRANT_CASES = [
    ("Belgium", 2023, None),
    ("Peru", 2023, None),
    ("Poland", 2023, None),  # 16 neighbours packed in the middle: leader lines
    ("Canada", 2021, None),  # a region of two: one diamond
    ("Central African Republic", 2025, None),  # a long name, bold, placed among the dots
    ("Belgium", 2021, (5.0, 6.0)),  # thresholds chosen by the user
]


def quadrant_svg_segments(svg: str, stroke: str, width: str, dash: str = ""):
    """The segments of the SVG's paths stroked in ``stroke`` at ``width`` (dashed as ``dash``),
    each as ((x1, y1), (x2, y2))."""
    tail = f' stroke-dasharray="{dash}"' if dash else "/>"
    paths = re.findall(
        rf'<path d="([^"]*)" fill="none" stroke="{stroke}" stroke-width="{width}" '
        rf'stroke-linecap="butt"{re.escape(tail)}',
        svg,
    )
    pattern = r"M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)"
    return [
        ((float(x1), float(y1)), (float(x2), float(y2)))
        for d in paths
        for x1, y1, x2, y2 in re.findall(pattern, d)
    ]


def assert_same_segments(expected, actual):
    """Segments ((x1, y1), (x2, y2)) match within the tolerance, whichever way they run."""
    assert len(expected) == len(actual)
    expected, actual = (sorted(tuple(sorted(s)) for s in group) for group in (expected, actual))
    for e, a in zip(expected, actual, strict=True):
        assert np.allclose(e, a, atol=TOLERANCE), (e, a)


def text_starts(svg: str) -> list[tuple[str, float, float, float]]:
    """Each <text> of an SVG (ours or matplotlib's) as (text, left end, baseline, rotation), in
    points: an end- or middle-anchored line is moved to its start by its width as matplotlib's
    SVG backend measures it (unhinted), so both writers' texts compare."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()
    out = []
    for attributes, content in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        text = unescape(content)

        def attribute(name: str, default: str = "", attributes=attributes) -> str:
            found = re.search(rf'\b{name}[=:]\s*"?([^";]+)', attributes)
            return found.group(1).strip() if found else default

        position = re.search(r'\bx="([-\d.]+)" y="([-\d.]+)"', attributes) or re.search(
            r"translate\(([-\d.]+) ([-\d.]+)\)", attributes
        )
        x, y = map(float, position.groups())
        rotation = re.search(r"rotate\((-?[\d.]+)", attributes)
        angle = abs(float(rotation.group(1))) if rotation else 0.0
        anchor = attribute("text-anchor", "start")
        if angle == 0 and anchor != "start":
            prop = FontProperties(
                family="DejaVu Sans", size=float(attribute("font-size").rstrip("px")),
                weight=attribute("font-weight", "normal"), style=attribute("font-style", "normal"),
            )  # fmt: skip
            width = measure.get_text_width_height_descent(text, prop, ismath=False)[0]
            x -= width if anchor == "end" else width / 2
        out.append((text, x, y, angle))
    return sorted(out)


@pytest.mark.parametrize(("country", "edition", "thresholds"), QUADRANT_CASES)
def test_quadrant_scatter_svg_matches_figure(country, edition, thresholds):
    from ocanalysis.figures import _quadrant

    from .conftest import collections_by_gid

    fig = figures.quadrant_scatter(country, edition, thresholds)
    chart = _quadrant.quadrant_scatter_svg(country, edition, thresholds)
    assert_same_size(fig, chart)
    # Every marker of the three series, where matplotlib's transform puts it.
    for gid in ("others", "region", "country"):
        (collection,) = collections_by_gid(fig, gid)
        assert_same_points(figure_points(fig, collection), chart.marks[gid])
    assert len(chart.marks["country"]) == 1
    # The dashed quadrant lines and the labels' leader lines.
    ax = fig.axes[0]
    cuts = [figure_points(fig, line) for line in ax.lines]
    assert len(cuts) == 2
    assert_same_segments(cuts, quadrant_svg_segments(chart.svg, _quadrant.CUT_COLOR, "1", "4 3"))
    fig.canvas.draw()
    scale, top = 72.0 / fig.dpi, fig.get_figheight() * 72
    leaders = [
        [(x * scale, top - y * scale) for x, y in t.arrow_patch.get_path().vertices[[0, -1]]]
        for t in ax.texts
        if getattr(t, "arrow_patch", None) is not None
    ]
    assert_same_segments(leaders, quadrant_svg_segments(chart.svg, "#555555", "0.7"))
    # The same lines of text as matplotlib draws, each starting where its own SVG starts it.
    expected_texts = text_starts(figures.to_svg(fig))
    actual_texts = text_starts(chart.svg)
    assert [t[0] for t in expected_texts] == [t[0] for t in actual_texts]
    for expected, actual in zip(expected_texts, actual_texts, strict=True):
        assert np.allclose(expected[1:], actual[1:], atol=TOLERANCE), (expected, actual)
    assert chart.alt == figures.alt_text(fig)
    assert chart.title == figures.title(fig)


def test_quadrant_scatter_labels_are_placed_once_for_both_renderers():
    # Poland's neighbours crowd the plot: the placer has to move labels and draw leader lines.
    from ocanalysis.figures import _quadrant

    chart = _quadrant._quadrant("Poland", 2023, None)
    fig = figures.quadrant_scatter("Poland", 2023)
    placed = [(label.text, label.offset) for label in chart.labels]
    assert [(label.text, label.offset) for label in fig.ocanalysis_labels] == placed
    assert any(label.has_leader for label in chart.labels)
    assert all(label.overlaps == 0 for label in chart.labels)
    # matplotlib sets each label's text box where the placer reserved it.
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    scale = 72.0 / fig.dpi
    boxes = {
        t.get_text(): Text.get_window_extent(t, renderer).get_points() * scale
        for t in fig.axes[0].texts
        if hasattr(t, "xyann")
    }
    for label in chart.labels:
        assert np.allclose(boxes[label.text], label.bbox.get_points(), atol=0.01), label.text


def test_quadrant_scatter_svg_is_few_nodes():
    from ocanalysis.figures import _quadrant

    svg = _quadrant.quadrant_scatter_svg("Poland", 2023).svg
    # 193 markers, 16 labels, grid and ticks, but one path per series and colour: the nodes
    # are mostly text (labels, ticks, quadrant names, legend, title, note).
    assert svg.count("<path") <= 16
    assert len(re.findall(r"<[a-z]", svg)) <= 80


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_svg_legend_matches_matplotlib_legend(columns):
    """_svg.legend_below against the theme's matplotlib legend, in one or more rows: every
    handle and label where matplotlib's SVG puts it."""
    from matplotlib.lines import Line2D

    from ocanalysis.figures import _svg
    from ocanalysis.figures._theme import Frame, framed_figure, legend_below, theme

    labels = ["2021", "A longer label", "Improved", "Worsened", "2023 like for like"]
    frame = Frame(left=40, right=20, top=30, bottom=90)
    with theme():
        fig, ax = framed_figure(5, 100, frame)
        handles = [
            Line2D([], [], ls="none", marker="o", ms=7, color="#333333", label=labels[0]),
            Line2D([], [], ls="none", marker="s", ms=5.5, color="#404040", label=labels[1]),
            Line2D([], [], color="#0072B2", lw=2.4, label=labels[2]),
            Line2D([], [], color="#D55E00", lw=2.4, label=labels[3]),
            Line2D([], [], ls="none", marker="|", ms=10, mew=2, color="black", label=labels[4]),
        ]
        legend_below(ax, handles, ncol=columns)
    drawn = figures.to_svg(fig)
    drawn = drawn[drawn.index('id="legend_1"') :]
    expected_texts = [
        (unescape(t), float(x), float(y))
        for x, y, t in re.findall(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<', drawn)
    ]
    # Marker handles are <use> at their centres; line handles are paths from their left end.
    expected_handles = [
        (float(x), float(y)) for x, y in re.findall(r'<use[^>]*x="([\d.]+)" y="([\d.]+)"', drawn)
    ] + [(float(x) + 9, float(y)) for x, y in re.findall(r'<path d="M ([\d.]+) ([\d.]+)', drawn)]

    area, width, height = _svg.PlotArea.framed(5, 100, frame, (0, 1), (0, 1))
    canvas = _svg.Canvas(width, height)
    entries = [
        _svg.LegendEntry(labels[0], "marker", "#333333", "o", 7),
        _svg.LegendEntry(labels[1], "marker", "#404040", "s", 5.5),
        _svg.LegendEntry(labels[2], "line", "#0072B2"),
        _svg.LegendEntry(labels[3], "line", "#D55E00"),
        _svg.LegendEntry(labels[4], "marker", "#000000", "|", 10, edge_width=2),
    ]
    _svg.legend_below(canvas, area, entries, columns)
    svg = canvas.to_svg()
    actual_texts = [
        (unescape(t), float(x), float(y))
        for x, y, t in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<', svg)
    ]
    assert len(actual_texts) == len(expected_texts) == 5
    for (label, ex, ey), (text, ax_, ay) in zip(
        sorted(expected_texts), sorted(actual_texts), strict=True
    ):
        assert label == text and abs(ex - ax_) <= 0.1 and abs(ey - ay) <= 0.1, (label, ex, ax_)
    actual_handles = [
        (float(x), float(y)) for x, y in set(re.findall(r'M([\d.]+) ([\d.]+)h0(?=M|")', svg))
    ]  # the circle: a round-capped dot at its centre (an edged one is two dots: one handle)
    actual_handles += [
        (float(x) + 2.75, float(y) + 2.75)
        for x, y in re.findall(r'M([\d.]+) ([\d.]+)h(?!0(?:M|"))', svg)
    ]  # the square: its top-left corner
    actual_handles += [
        (float(x1) + 9 if x1 != x2 else float(x1), (float(y1) + float(y2)) / 2)
        for x1, y1, x2, y2 in re.findall(r"M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)\"", svg)
    ]  # lines from their left end, the "|" tick from its top
    assert_same_points(expected_handles, actual_handles)
