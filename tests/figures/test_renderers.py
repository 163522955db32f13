"""The two renderers against each other, primitive by primitive and on every report chart.

Each test describes a chart (``figures.Chart``), draws it with both renderers and compares where
matplotlib's own transforms and SVG backend put every marker, segment and text with where our SVG
puts it, in points from the top-left corner. Text is placed by metrics measured at run time, so
these tests also hold the SVG renderer to the installed matplotlib.
"""

from __future__ import annotations

import functools
import re
from html import unescape

import numpy as np
import pytest

from ocanalysis import figures
from ocanalysis.figures import Axis, Chart, ColorBar, LegendEntry, Markers, Rects, Segments, Text
from ocanalysis.figures._chart import POINTS, fit
from ocanalysis.figures._theme import Frame

from .conftest import collections_by_gid, lines_by_gid

TOLERANCE = 0.3  # points


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
        if anchor != "start":
            prop = FontProperties(
                family="DejaVu Sans",
                size=float(attribute("font-size").rstrip("px")),
                weight=attribute("font-weight", "normal"),
                style=attribute("font-style", "normal"),
            )
            width = measure.get_text_width_height_descent(text, prop, ismath=False)[0]
            shift = width if anchor == "end" else width / 2
            if angle == 0:
                x -= shift
            else:  # turned to read upwards: the start is below the anchor
                y += shift
        out.append((text, x, y, angle))
    return sorted(out)


def svg_paths(svg: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Every straight segment of our SVG's paths (M x y L x y)."""
    pattern = r"M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)"
    return [
        ((float(a), float(b)), (float(c), float(d)))
        for path in re.findall(r'<path d="([^"]*)"', svg)
        for a, b, c, d in re.findall(pattern, path)
    ]


def figure_segments(fig, gid: str):
    """A LineCollection's segments in figure points from the top-left, by matplotlib's transform."""
    scale, height = 72.0 / fig.dpi, fig.get_figheight() * 72
    out = []
    for collection in collections_by_gid(fig, gid):
        transform = collection.get_transform()
        for segment in collection.get_segments():
            (x1, y1), (x2, y2) = transform.transform(np.asarray(segment, float))
            out.append(((x1 * scale, height - y1 * scale), (x2 * scale, height - y2 * scale)))
    return out


def assert_close(expected, actual, tolerance=TOLERANCE):
    assert len(expected) == len(actual), (expected, actual)
    for e, a in zip(sorted(expected), sorted(actual), strict=True):
        assert np.allclose(np.ravel(e), np.ravel(a), atol=tolerance), (e, a)


def assert_same_texts(fig, svg, tolerance=TOLERANCE):
    expected, actual = text_starts(figures.to_svg(fig)), text_starts(svg)
    assert [t[0] for t in expected] == [t[0] for t in actual]
    for e, a in zip(expected, actual, strict=True):
        assert e[3] == a[3] and abs(e[1] - a[1]) <= tolerance and abs(e[2] - a[2]) <= tolerance, (
            e,
            a,
        )


def assert_same_rendering(chart: Chart, tolerance=TOLERANCE):
    """Both renderings of ``chart``: the same size, every marker series and text in one place,
    the same title and alt text."""
    fig, drawn = figures.to_figure(chart), figures.to_svg_chart(chart)
    width, height = svg_size(drawn.svg)
    expected = (fig.get_figwidth() * 72, fig.get_figheight() * 72)
    assert (width, height) == pytest.approx(expected, abs=0.01)  # written to two decimals
    for gid in {m.gid for m in chart.marks if isinstance(m, Markers) and m.gid}:
        expected = [p for line in lines_by_gid(fig, gid) for p in figure_points(fig, line)]
        assert_close(expected, drawn.marks[gid], tolerance)
    assert_same_texts(fig, drawn.svg, tolerance)
    assert drawn.alt == figures.alt_text(fig) == chart.alt
    assert drawn.title == figures.title(fig) == chart.title
    return fig, drawn


NO_AXIS = Axis()


def tiny(
    *marks,
    x_axis=NO_AXIS,
    y_axis=NO_AXIS,
    legend=(),
    columns=1,
    note="",
    title="A title",
    **options,
):
    """A small chart holding only the primitives under test."""
    return Chart(
        width=4,
        plot_height=120,
        frame=Frame(left=60, right=30, top=30, bottom=60),
        xlim=(0, 10),
        ylim=(0, 5),
        x_axis=x_axis,
        y_axis=y_axis,
        marks=tuple(marks),
        title=title,
        note=note,
        alt="Alt",
        legend=legend,
        legend_columns=columns,
        **options,
    )


# ---------------------------------------------------------------------------- primitives
@pytest.mark.parametrize("ha", ["left", "center", "right"])
@pytest.mark.parametrize("va", ["top", "center", "bottom", "baseline", "center_baseline"])
def test_text_alignment(ha, va):
    assert_same_rendering(tiny(Text(3, 2, "Côte d'Ivoire", 9, ha=ha, va=va)))


@pytest.mark.parametrize(
    "options",
    [
        {"coords": ("axes", "data"), "offset": (6, 0), "weight": "bold"},
        {"coords": ("axes", "axes"), "italic": True, "text": "Two\nlines (4)", "linespacing": 1.2},
        {"coords": ("data", "data"), "offset": (-11, 19.5), "text": "One\nTwo\nThree"},
        {"coords": ("points", "points"), "x": 150, "y": 40, "size": 12.5, "weight": "bold"},
    ],
)
def test_text_coordinates_offsets_and_lines(options):
    text = {"x": 0.985, "y": 0.5, "text": "Peru", "size": 8, "va": "top", "ha": "right", **options}
    assert_same_rendering(tiny(Text(**text)))


@pytest.mark.parametrize("shape", ["o", "s", "D", "|"])
@pytest.mark.parametrize("coords", [("data", "data"), ("axes", "data")])
def test_markers(shape, coords):
    points = ((1.0, 1.0), (0.5, 4.0), (9.5, 2.5))
    mark = Markers(
        points,
        shape,
        7,
        "#D55E00",
        z=3,
        edge="#FFFFFF",
        edge_width=0.8,
        coords=coords,
        gid="series",
    )
    assert_same_rendering(tiny(mark))


@pytest.mark.parametrize(
    "coords",
    [("data", "data"), ("axes", "data"), ("data", "axes"), ("points", "points")],
)
def test_segments(coords):
    segments = ((0.0, 1.0, 1.0, 1.0), (2.5, 0.0, 7.5, 0.5))
    mark = Segments(segments, "#0072B2", 2.2, z=2, coords=coords, gid="lines")
    fig, drawn = assert_same_rendering(tiny(mark))
    assert_close(figure_segments(fig, "lines"), _of_colour(drawn.svg, "#0072B2"))


def _of_colour(svg: str, colour: str, width: str = r"[\d.]+"):
    paths = re.findall(
        rf'<path d="([^"]*)" fill="none" stroke="{colour}" stroke-width="{width}"', svg
    )
    return svg_paths("".join(f'<path d="{p}"/>' for p in paths))


def test_axes_ticks_labels_and_styles():
    chart = tiny(
        x_axis=Axis((0, 2.5, 5, 10), ("0", "2.5", "5", "10"), label="Score (1–10)", grid=True),
        y_axis=Axis(
            (1, 2, 4),
            ("Belgium", "Côte d'Ivoire", "Peru"),
            label="Resilience",
            grid=True,
            label_styles={1: {"weight": "bold", "color": "#D55E00"}},
        ),
    )
    fig, drawn = assert_same_rendering(chart)
    assert 'font-weight="bold" fill="#D55E00"' not in drawn.svg  # attribute order: fill first
    assert 'fill="#D55E00" font-weight="bold"' in drawn.svg


def test_axes_without_tick_marks():
    chart = tiny(
        y_axis=Axis((1, 3), ("Composites", "Markets"), tick_marks=False), x_axis=Axis((1, 9))
    )
    assert_same_rendering(chart)


@pytest.mark.parametrize("columns", [1, 2, 3, 5])
def test_legend(columns):
    entries = (
        LegendEntry("2021", "marker", "#333333", "o", 7, fill="#FFFFFF"),
        LegendEntry("A longer label", "marker", "#404040", "s", 5.5),
        LegendEntry("Improved", "line", "#0072B2"),
        LegendEntry("Region mean", "marker", "#56B4E9", "D", 6.5),
        LegendEntry("2023 like for like", "marker", "#000000", "|", 10, edge_width=2),
    )
    fig, drawn = assert_same_rendering(tiny(legend=entries, columns=columns))
    legend = fig.axes[0].get_legend()
    assert len(legend.get_texts()) == len(entries)


def test_note_and_long_title():
    note = (
        "Scores on a 1–10 scale; higher means more pervasive. Data: Global Organized Crime Index."
    )
    chart = tiny(note=note, title="Central African Republic: how robust is the criminality rank?")
    assert len(chart.note_lines) == 2 and chart.title_size < 12.5
    assert_same_rendering(chart)


def test_wrapped_title():
    title = "Bosnia and Herzegovina, North Macedonia, Central African Republic: indicator scores"
    chart = tiny(title=title)
    assert len(fit(chart).title_lines) > 1
    assert_same_rendering(chart)


@pytest.mark.parametrize("columns", [1, 2])
def test_wrapped_legend_labels(columns):
    long = "Bosnia and Herzegovina, North Macedonia, Central African Republic, Trinidad (4)"
    entries = (
        LegendEntry(long, "marker", "#E69F00", "s", 6),
        LegendEntry("Others (189)", "marker", "#BEBEBE", "s", 6),
        LegendEntry("Improved", "line", "#0072B2"),
    )
    chart = tiny(Text(2, 1, "x", 9, coords=POINTS), legend=entries, columns=columns)
    fitted = fit(chart)
    assert fitted.legend[0].label.count("\n") >= 1
    assert fitted.height_points > chart.height_points
    assert_same_rendering(chart)


@pytest.mark.parametrize("ha", ["left", "center", "right"])
@pytest.mark.parametrize("va", ["top", "center", "bottom"])
def test_rotated_text(ha, va):
    assert_same_rendering(tiny(Text(5, 2, "Liechtenstein", 8.5, ha=ha, va=va, rotation=90)))


def test_rects_filled_and_outlined():
    cells = Rects(
        ((0, 0, 1, 1), (1, 0, 2, 1.5)),
        ("#440154", "#FDE725"),
        z=1,
        edge="#FFFFFF",
        edge_width=0.6,
        gid="cells",
    )
    outline = Rects(((3, 1, 4, 5),), None, z=5, edge="#D55E00", edge_width=2.6, gid="box")
    fig, drawn = assert_same_rendering(tiny(cells, outline))
    for gid, colour in (("cells", "#FFFFFF"), ("box", "#D55E00")):
        (collection,) = collections_by_gid(fig, gid)
        corners = _figure_rect_corners(fig, collection)
        assert_close(corners, _svg_rects(drawn.svg, colour))


def _figure_rect_corners(fig, collection):
    scale, height = 72.0 / fig.dpi, fig.get_figheight() * 72
    out = []
    for path in collection.get_paths():
        points = collection.get_transform().transform(path.vertices[:4])
        xs, ys = points[:, 0] * scale, height - points[:, 1] * scale
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _svg_rects(svg: str, stroke: str):
    pattern = rf'<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="[^"]*" stroke="{stroke}"'
    return [
        (float(x), float(y), float(x) + float(w), float(y) + float(h))
        for x, y, w, h in re.findall(pattern, svg)
    ]


def test_x_axis_on_top_turned_labels_and_no_spines():
    chart = tiny(
        x_axis=Axis(
            (0.5, 1.5, 2.5),
            ("France", "Belgium", "Liechtenstein"),
            tick_marks=False,
            side="top",
            label_rotation=90,
            label_size=8.5,
            label_styles={1: {"weight": "bold", "color": "#D55E00"}},
        ),
        y_axis=Axis((0.5, 1.5), ("Cocaine trade", "Prevention"), tick_marks=False, label_size=8.5),
        spines=(),
    )
    fig, drawn = assert_same_rendering(chart)
    assert 'stroke="#555555"' not in drawn.svg  # no spine drawn


def test_colorbar():
    bar = ColorBar("viridis", 1, 10, 230, 40, 10, 60, (2, 4, 6, 8, 10), "Score (1–10)")
    fig, drawn = assert_same_rendering(tiny(colorbar=bar))
    cax = fig.axes[1]
    x0, y0, x1, y1 = cax.get_position().extents
    width, height = fig.get_figwidth() * 72, fig.get_figheight() * 72
    rects = re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', drawn.svg
    )
    left, top, w, h = map(float, rects[1])  # the first band spans the whole bar
    assert (left, top, left + w, top + h) == pytest.approx(
        (x0 * width, height - y1 * height, x1 * width, height - y0 * height), abs=0.01
    )


def test_svg_text_is_escaped():
    drawn = figures.to_svg_chart(tiny(Text(1, 1, "<script>alert(1)</script> & co", 9)))
    assert "<script>" not in drawn.svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in drawn.svg


# ---------------------------------------------------------------------------- every report chart
@functools.cache
def small_audit(edition: int):
    from ocanalysis.analysis import audit

    return audit.run(edition, runs=60, seed=3)


@pytest.mark.parametrize(
    ("country", "edition", "pillar"),
    [
        ("Belgium", 2023, "criminal_markets"),
        ("Peru", 2021, "criminal_actors"),
        ("Japan", 2025, "resilience"),
        ("Central African Republic", 2023, "resilience"),  # a long title
    ],
)
def test_indicator_dots(country, edition, pillar):
    assert_same_rendering(figures.indicator_dots.chart(country, edition, pillar))


@pytest.mark.parametrize(
    ("country", "first", "second"),
    [
        ("Belgium", 2021, 2023),
        ("Peru", 2023, 2025),
        ("Micronesia", 2021, 2025),
        ("Côte d'Ivoire", 2021, 2023),
    ],
)
def test_edition_change(country, first, second):
    chart = figures.edition_change.chart(country, first, second)
    fig, drawn = assert_same_rendering(chart)
    assert_close(figure_segments(fig, "bars"), _of_bars(drawn.svg, chart))


def _of_bars(svg, chart):
    """The bars of our SVG: the bars' colours' segments inside the plot (not the legend's)."""
    colours = {m.color for m in chart.marks if getattr(m, "gid", None) == "bars"}
    bottom = chart.frame.top + chart.plot_height
    return [s for colour in colours for s in _of_colour(svg, colour) if s[0][1] < bottom]


@pytest.mark.parametrize(
    ("country", "edition", "options"),
    [
        ("Belgium", 2023, {}),
        ("Canada", 2023, {"scope": "region"}),
        ("Fiji", 2021, {}),
        ("Belgium", 2025, {"measure": "resilience", "scope": "window"}),
    ],
)
def test_rank_robustness(country, edition, options):
    chart = figures.rank_robustness.chart(country, edition, small_audit(edition), **options)
    assert_same_rendering(chart)


@pytest.mark.parametrize(
    ("country", "edition", "thresholds"),
    [
        ("Belgium", 2023, None),
        ("Poland", 2023, None),
        ("Canada", 2021, None),
        ("Central African Republic", 2025, None),
        ("Belgium", 2021, (5.0, 6.0)),
    ],
)
def test_quadrant_scatter(country, edition, thresholds):
    chart = figures.quadrant_scatter.chart(country, edition, thresholds)
    fig, drawn = assert_same_rendering(chart)
    leaders = next(m for m in chart.marks if getattr(m, "gid", None) == "leaders")
    width = f"{leaders.width:g}"
    assert_close(figure_segments(fig, "leaders"), _of_colour(drawn.svg, leaders.color, width))


@pytest.mark.parametrize(("country", "edition"), [("Belgium", 2023), ("Samoa", 2021)])
def test_region_heatmap(country, edition):
    assert_same_rendering(figures.region_heatmap.chart(country, edition))


def test_charts_are_deterministic():
    first = figures.quadrant_scatter.svg("Poland", 2023).svg
    assert first == figures.quadrant_scatter.svg("Poland", 2023).svg


def test_report_charts_are_few_nodes():
    # WeasyPrint walks every node of every chart for the PDF: a few hundred, not thousands.
    assert figures.quadrant_scatter.svg("Poland", 2023).svg.count("<") < 150
    assert figures.indicator_dots.svg("Belgium", 2023, "criminal_markets").svg.count("<") < 150
