"""Quadrant scatter: every country once, the country and its region picked out, labels apart."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from ocanalysis import dataset, figures
from ocanalysis.figures._theme import COUNTRY

from .conftest import points_by_gid, region_of


@pytest.mark.parametrize(("iso3", "edition"), [("BEL", 2023), ("POL", 2021)])
def test_every_country_once_and_the_right_ones_highlighted(iso3, edition):
    fig = figures.quadrant_scatter(iso3, edition)
    country, region, others = (points_by_gid(fig, gid) for gid in ("country", "region", "others"))
    sizes = [len(points) for points in (country, region, others)]
    frame = dataset.wide(edition)
    members = region_of(iso3, edition)
    assert sizes == [1, len(members) - 1, len(frame) - len(members)]
    mine = frame.set_index("iso3").loc[iso3]
    np.testing.assert_allclose(country[0][:2], [mine["criminality"], mine["resilience"]])
    expected = members[members["iso3"] != iso3][["criminality", "resilience"]].to_numpy(float)
    assert sorted(p[:2] for p in region) == sorted(map(tuple, expected))
    assert country[0][2] == COUNTRY.color


def test_labels_name_the_region_and_never_overlap():
    # Central & Eastern Europe: 17 countries packed near the middle of the plot.
    fig = figures.quadrant_scatter("Poland", 2023)
    ax = fig.axes[0]
    fig.canvas.draw()  # as saved
    renderer = fig.canvas.get_renderer()
    members = set(region_of("POL", 2023)["country"])
    annotations = [t for t in ax.texts if t.get_text() in members]
    assert {t.get_text() for t in annotations} == members
    boxes = [t.get_window_extent(renderer) for t in annotations]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = ax.get_window_extent(renderer)
    assert all(frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1) for b in boxes)
    (poland,) = [t for t in annotations if t.get_text() == "Poland"]
    assert poland.get_fontweight() == "bold" and poland.get_color() == COUNTRY.text_color


def test_quadrant_lines_at_the_given_thresholds_and_alt_text():
    fig = figures.quadrant_scatter("Belgium", 2023, thresholds=(5.0, 6.0))
    ax = fig.axes[0]
    cuts = [s for c in ax.collections if c.get_linestyle()[0][1] for s in c.get_segments()]
    vertical = [s for s in cuts if list(s[:, 0]) == [5.0, 5.0]]
    horizontal = [s for s in cuts if list(s[:, 1]) == [6.0, 6.0]]
    assert len(vertical) == 1 and len(horizontal) == 1 and len(cuts) == 2
    frame = dataset.wide(2023)
    # Quadrant counts are written in the corners; they must add up to all countries.
    counts = [
        int(t.get_text().split("(")[-1].rstrip(")"))
        for t in ax.texts
        if "(" in t.get_text() and "\n" in t.get_text()
    ]
    assert sum(counts) == len(frame)
    high_both = int(((frame["criminality"] > 5.0) & (frame["resilience"] > 6.0)).sum())
    assert high_both in counts
    alt = figures.alt_text(fig)
    assert "Belgium" in alt and "criminality 5 and resilience 6" in alt
    assert figures.title(fig).startswith("Belgium among 193 countries")
