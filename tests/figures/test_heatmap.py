"""Region heatmap: the region's countries × the edition's indicators, the country outlined."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from ocanalysis import catalogue, countries, figures
from ocanalysis.errors import ArgumentError
from ocanalysis.figures._theme import COUNTRY

from .conftest import collections_by_gid, region_of


@pytest.mark.parametrize(("iso3", "edition"), [("BEL", 2023), ("BEL", 2021), ("WSM", 2025)])
def test_shape_is_region_size_by_indicators(iso3, edition):
    chart = figures.region_heatmap.chart(iso3, edition)
    fig = figures.to_figure(chart)
    matrix = chart.extras["matrix"]
    region = countries.lookup(iso3).region
    size = sum(c.region == region for c in countries.all_countries())
    n_indicators = len(catalogue.indicators(edition))
    assert matrix.shape == (size, n_indicators)
    # What is drawn: one cell per indicator (row) and country (column), coloured by its score.
    (cells,) = collections_by_gid(fig, "scores")
    assert len(cells.get_paths()) == size * n_indicators
    cmap = matplotlib.colormaps["viridis"]
    members = region_of(iso3, edition).set_index("country")
    colours = {}
    for path, colour in zip(cells.get_paths(), cells.get_facecolors(), strict=True):
        x0, y0 = path.vertices.min(axis=0)
        colours[(int(round(y0)), int(round(x0)))] = colour[:3]
    for column, name in enumerate(matrix.index):
        expected = members.loc[name, [i.id for i in catalogue.indicators(edition)]].astype(float)
        for row, value in enumerate(expected):
            # as hex: 8 bits a channel
            np.testing.assert_allclose(
                colours[(row, column)], cmap((value - 1) / 9)[:3], atol=1 / 255
            )
    # Every score is also printed in its cell.
    printed = [t for t in fig.axes[0].texts]
    assert len(printed) == size * n_indicators


def test_country_column_outlined_and_named_in_bold():
    fig = figures.region_heatmap("Belgium", 2023)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_xticklabels()]
    (outline,) = collections_by_gid(fig, "country")
    assert outline.get_paths()[0].vertices[:, 0].min() == names.index("Belgium")
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Belgium"]
    assert figures.title(fig) == "Belgium in Western Europe: indicator scores, 2023"
    alt = figures.alt_text(fig)
    assert "Belgium" in alt and "11 countries of Western Europe" in alt
    assert outline.get_edgecolor()[0][:3] == pytest.approx(_rgb(COUNTRY.color))


def _rgb(color):
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def test_without_annotations_only_the_colours_remain():
    chart = figures.region_heatmap.chart("Samoa", 2023, annotate=False)
    assert len(figures.to_figure(chart).axes[0].texts) == 0
    assert chart.extras["matrix"].shape == (3, 32)


def test_country_annotations_print_only_the_countrys_column():
    chart = figures.region_heatmap.chart("Belgium", 2023, annotate="country")
    fig, matrix = figures.to_figure(chart), chart.extras["matrix"]
    column = list(matrix.index).index("Belgium")
    printed = fig.axes[0].texts
    assert len(printed) == matrix.shape[1]
    assert {t.get_position()[0] for t in printed} == {column + 0.5}
    top_down = [t.get_text() for t in sorted(printed, key=lambda t: t.get_position()[1])]
    expected = [f"{v:.2f}".rstrip("0").rstrip(".") for v in matrix.loc["Belgium"]]
    assert top_down == expected
    with pytest.raises(ArgumentError):
        figures.region_heatmap("Belgium", 2023, annotate="all")
