"""Exploratory seaborn figures: every country drawn once, in the right place, no pyplot figure."""

from __future__ import annotations

import numpy as np
import pytest

from ocanalysis import countries, dataset, figures
from ocanalysis.errors import UnknownIndicatorError


def test_region_distributions_every_country_once_regions_by_median():
    fig = figures.region_distributions(2023, "criminality")
    ax = fig.axes[0]
    frame = dataset.wide(2023)
    regions = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(regions) == sorted(countries.REGIONS)
    medians = frame.groupby("region")["criminality"].median()
    assert list(medians.loc[regions]) == sorted(medians, reverse=True)
    # The strip plot's dots: one per country, x its score, y its region's row.
    dots = np.concatenate([c.get_offsets() for c in ax.collections if len(c.get_offsets())])
    assert len(dots) == len(frame)
    expected = sorted(zip(frame["criminality"], frame["region"].map(regions.index), strict=True))
    drawn = sorted(zip(dots[:, 0], np.rint(dots[:, 1]).astype(int), strict=True))
    np.testing.assert_allclose(np.array(drawn, float), np.array(expected, float))
    assert figures.title(fig) == "Criminality by region, 2023"
    assert f"{regions[0]} (" in figures.alt_text(fig)


def test_region_distributions_unknown_measure():
    with pytest.raises(UnknownIndicatorError):
        figures.region_distributions(2023, "crime")


def test_pillar_pairs_draws_each_pair_of_pillars():
    fig = figures.pillar_pairs(2021)
    frame = dataset.wide(2021)
    assert len(fig.axes) == 9
    markets_vs_actors = fig.axes[1]  # row 0 (markets on y), column 1 (actors on x)
    (dots,) = [c for c in markets_vs_actors.collections if len(c.get_offsets())]
    expected = sorted(zip(frame["criminal_actors"], frame["criminal_markets"], strict=True))
    np.testing.assert_allclose(sorted(map(tuple, dots.get_offsets())), expected)
    correlation = frame["criminal_markets"].corr(frame["resilience"])
    assert f"criminal markets and resilience {correlation:+.2f}" in figures.alt_text(fig)


def test_composite_distributions_count_every_country_per_composite():
    fig = figures.composite_distributions(2025)
    frame = dataset.wide(2025)
    assert len(fig.axes) == 4
    for ax, measure in zip(
        fig.axes, ("criminality", "criminal_markets", "criminal_actors", "resilience"), strict=True
    ):
        heights = [patch.get_height() for patch in ax.patches]
        assert sum(heights) == frame[measure].notna().sum()
