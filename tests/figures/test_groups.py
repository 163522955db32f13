"""Figures of a group of countries (a region, a continent, the world, the countries compared)."""

from __future__ import annotations

import numpy as np
import pytest

from ocanalysis import countries, dataset, figures
from ocanalysis.analysis.findings import members

from .conftest import half_up_mean, points_by_gid


def test_quadrant_scatter_of_a_group_highlights_exactly_its_members():
    _, _, codes = members(region="Central & Eastern Europe")
    fig = figures.quadrant_scatter(None, 2023, members=codes, name="Central & Eastern Europe")
    group, others = points_by_gid(fig, "region"), points_by_gid(fig, "others")
    frame = dataset.wide(2023).set_index("iso3")
    expected = sorted(map(tuple, frame.loc[codes, ["criminality", "resilience"]].to_numpy(float)))
    assert sorted(p[:2] for p in group) == expected
    assert len(others) == 193 - len(codes)
    assert points_by_gid(fig, "country") == []
    chart = figures.quadrant_scatter.svg(None, 2023, members=codes, name="x")
    assert len(chart.marks["region"]) == len(codes)  # the SVG twin agrees


def test_heatmap_of_a_large_group_is_its_regions_means():
    _, _, africa = members(continent="Africa")
    chart = figures.region_heatmap.chart(None, 2023, members=africa, name="Africa")
    matrix = chart.extras["matrix"]
    frame = dataset.wide(2023)
    west = frame[frame["region"] == "West Africa"]
    assert matrix.shape == (5, 32)
    assert matrix.loc["West Africa", "cocaine_trade"] == half_up_mean(west["cocaine_trade"])
    small = figures.region_heatmap.chart(None, 2023, members=["BEL", "NLD"], name="Benelux")
    assert list(small.extras["matrix"].index) == ["Netherlands", "Belgium"]  # most criminal first


def test_score_histogram_counts_every_country_once():
    codes = ["BEL", "NLD", "PER"]
    chart = figures.score_histogram.chart("resilience", 2025, members=codes, name="three")
    group, rest = chart.extras["counts"]
    frame = dataset.wide(2025)
    assert group.sum() == 3 and rest.sum() == 190
    belgium = frame.set_index("iso3").at["BEL", "resilience"]
    assert group[int((belgium - 1) // 0.5)] >= 1
    fig = figures.score_histogram("resilience", 2025, members=codes, name="three")
    assert "three" in figures.alt_text(fig)


def test_zoomed_map_shows_every_member_and_outlines_them():
    _, name, codes = members(region="Western Europe")
    fig = figures.choropleth("criminality", 2023, members=codes, name=name)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    from ocanalysis.figures._choropleth import _area, _projected

    drawn = _projected()[0]
    for iso3 in codes:
        if iso3 in drawn:
            cx, cy = max(drawn[iso3], key=_area).mean(axis=0)
            assert x0 <= cx <= x1 and y0 <= cy <= y1, iso3
    assert x1 - x0 < 1.0  # zoomed: the world is about 5.4 wide
    [group] = [c for c in ax.collections if c.get_gid() == "group"]
    assert len(group.get_paths()) == sum(len(drawn[c]) for c in codes if c in drawn)
    assert "Western Europe outlined" in figures.title(fig)


def test_composite_distributions_stack_the_group():
    fig = figures.composite_distributions(2023, members=["BEL", "NLD"], name="Benelux")
    heights = [
        sum(p.get_height() for p in ax.patches if p.get_facecolor()[:3] != (1, 1, 1))
        for ax in fig.axes
    ]
    assert all(h == pytest.approx(193) for h in heights)
    assert np.isclose(len(countries.all_countries()), 193)
