"""Region heatmap: the region's countries × the edition's indicators, the country outlined."""

from __future__ import annotations

import numpy as np
import pytest

from ocanalysis import catalogue, countries, figures
from ocanalysis.errors import ArgumentError
from ocanalysis.figures._theme import COUNTRY

from .conftest import collections_by_gid, region_of


@pytest.mark.parametrize(("iso3", "edition"), [("BEL", 2023), ("BEL", 2021), ("WSM", 2025)])
def test_shape_is_region_size_by_indicators(iso3, edition):
    fig = figures.region_heatmap(iso3, edition)
    region = countries.lookup(iso3).region
    size = sum(c.region == region for c in countries.all_countries())
    n_indicators = len(catalogue.indicators(edition))
    assert fig.ocanalysis_matrix.shape == (size, n_indicators)
    # What is drawn: the mesh holds indicators (rows) × countries (columns).
    (mesh,) = collections_by_gid(fig, "scores")
    assert mesh.get_array().size == size * n_indicators
    drawn = np.asarray(mesh.get_array()).reshape(n_indicators, size)
    members = region_of(iso3, edition).set_index("country")
    for column, name in enumerate(fig.ocanalysis_matrix.index):
        expected = members.loc[name, [i.id for i in catalogue.indicators(edition)]].astype(float)
        np.testing.assert_allclose(drawn[:, column], expected)
    # Every score is also printed in its cell.
    printed = [t for t in fig.axes[0].texts]
    assert len(printed) == size * n_indicators


def test_country_column_outlined_and_named_in_bold():
    fig = figures.region_heatmap("Belgium", 2023)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_xticklabels()]
    (outline,) = [p for p in ax.patches if p.get_gid() == "country"]
    assert outline.get_x() == names.index("Belgium")
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Belgium"]
    assert figures.title(fig) == "Belgium in Western Europe: indicator scores, 2023"
    alt = figures.alt_text(fig)
    assert "Belgium" in alt and "11 countries of Western Europe" in alt
    assert outline.get_edgecolor()[:3] == pytest.approx(_rgb(COUNTRY.color))


def _rgb(color):
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def test_without_annotations_only_the_colours_remain():
    fig = figures.region_heatmap("Samoa", 2023, annotate=False)
    assert len(fig.axes[0].texts) == 0
    assert fig.ocanalysis_matrix.shape == (3, 32)


def test_country_annotations_print_only_the_countrys_column():
    fig = figures.region_heatmap("Belgium", 2023, annotate="country")
    matrix = fig.ocanalysis_matrix
    column = list(matrix.index).index("Belgium")
    printed = fig.axes[0].texts
    assert len(printed) == matrix.shape[1]
    assert {t.get_position()[0] for t in printed} == {column + 0.5}
    top_down = [t.get_text() for t in sorted(printed, key=lambda t: t.get_position()[1])]
    expected = [f"{v:.2f}".rstrip("0").rstrip(".") for v in matrix.loc["Belgium"]]
    assert top_down == expected
    with pytest.raises(ArgumentError):
        figures.region_heatmap("Belgium", 2023, annotate="all")
