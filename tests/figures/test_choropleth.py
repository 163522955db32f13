"""World choropleth: shipped geometry, every country drawn or listed, the country outlined."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest
from matplotlib.colors import Normalize

from ocanalysis import countries, dataset, figures
from ocanalysis.errors import UnknownIndicatorError
from ocanalysis.figures._choropleth import equal_earth
from ocanalysis.figures._theme import SEQUENTIAL_CMAP

from .conftest import collections_by_gid


def world() -> dict:
    return json.loads(
        resources.files("ocanalysis.figures").joinpath("world.json").read_text(encoding="utf-8")
    )


def test_every_country_is_drawn_or_listed_as_too_small():
    coverage = figures.choropleth_coverage()
    drawn, small = set(coverage["drawn"]), set(coverage["too_small"])
    index = {c.iso3 for c in countries.all_countries()}
    assert len(index) == 193
    assert drawn | small == index and not drawn & small
    assert len(drawn) + len(small) == 193
    # Microstates and small islands are the ones left out, never a large country.
    assert {"TUV", "NRU", "MCO", "SGP", "MLT"} <= small
    assert {"BEL", "FRA", "NOR", "SOM", "CYP", "BRA"} <= drawn
    # ... and each of those is still shown, as a dot.
    assert coverage["dots"] == coverage["too_small"]


def test_shipped_geometry_is_self_describing():
    data = world()
    assert "public domain" in data["license"].lower() and "Natural Earth" in data["source"]
    index = {c.iso3 for c in countries.all_countries()}
    assert set(data["countries"]) <= index  # non-index territories live under "other"
    for rings in data["countries"].values():
        assert rings and all(len(r) >= 6 and len(r) % 2 == 0 for r in rings)
    assert set(data["points"]) <= index and not set(data["points"]) & set(data["countries"])
    for lon, lat in data["points"].values():  # tenths of a degree
        assert -1800 <= lon <= 1800 and -600 <= lat <= 850


def test_patch_count_colours_and_outline():
    fig = figures.choropleth("criminality", 2023, country="Belgium")
    (shapes,) = collections_by_gid(fig, "countries")
    data = world()
    assert len(shapes.get_paths()) == sum(len(r) for r in data["countries"].values())
    # Belgium's polygons carry Belgium's score, coloured on the fixed 1–10 scale.
    score = dataset.wide(2023).set_index("iso3").loc["BEL", "criminality"]
    owners = np.asarray(shapes.ocanalysis_owners)
    assert np.all(shapes.get_array()[owners == "BEL"] == score)
    import matplotlib as mpl

    expected = mpl.colormaps[SEQUENTIAL_CMAP](Normalize(1, 10)(score))
    fig.canvas.draw()
    np.testing.assert_allclose(shapes.get_facecolor()[owners == "BEL"][0], expected, atol=1e-6)
    (outline,) = collections_by_gid(fig, "outline")
    assert len(outline.get_paths()) == len(data["countries"]["BEL"])
    assert figures.title(fig) == "Criminality, 2023: Belgium outlined"
    alt = figures.alt_text(fig)
    assert "Belgium (outlined) scores 4.43" in alt and "Tuvalu" in alt


def test_small_country_is_a_circled_dot_not_an_outline():
    fig = figures.choropleth("resilience", 2021, country="Tuvalu")
    assert collections_by_gid(fig, "outline") == []
    (circle,) = collections_by_gid(fig, "circle")
    (dots,) = collections_by_gid(fig, "dots")
    # One dot per country without an outline, coloured by its score; Tuvalu's is the circled one.
    assert sorted(dots.ocanalysis_owners) == figures.choropleth_coverage()["too_small"]
    at = dots.ocanalysis_owners.index("TUV")
    np.testing.assert_allclose(circle.get_offsets()[0], dots.get_offsets()[at])
    score = dataset.wide(2021).set_index("iso3").loc["TUV", "resilience"]
    assert dots.get_array()[at] == score
    assert figures.title(fig) == "Resilience, 2021: Tuvalu circled (too small to outline)"
    assert "Tuvalu (too small to outline at this scale, circled as a dot)" in figures.alt_text(fig)


def test_measures_by_label_and_missing_ones():
    assert figures.title(figures.choropleth("Cocaine trade", 2025)) == "Cocaine trade, 2025"
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth("financial_crimes", 2021)  # scored since 2023
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth("happiness", 2023)


def test_equal_earth_against_published_extent():
    # Šavrič et al. (2018): the map is 2 × 2.7066 wide and 2 × 1.3174 tall on the unit sphere.
    x, y = equal_earth(np.array([180.0, 0.0]), np.array([0.0, 90.0]))
    assert x[0] == pytest.approx(2.70663, abs=1e-4)
    assert y[1] == pytest.approx(1.31736, abs=1e-4)
