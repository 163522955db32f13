"""Quadrant scatter: every country once, the country and its region picked out, labels apart."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.text import Text

from ocanalysis import dataset, figures
from ocanalysis.figures._theme import COUNTRY

from .conftest import collections_by_gid, region_of


@pytest.mark.parametrize(("iso3", "edition"), [("BEL", 2023), ("POL", 2021)])
def test_every_country_once_and_the_right_ones_highlighted(iso3, edition):
    fig = figures.quadrant_scatter(iso3, edition)
    (country,) = collections_by_gid(fig, "country")
    (region,) = collections_by_gid(fig, "region")
    (others,) = collections_by_gid(fig, "others")
    sizes = [len(c.get_offsets()) for c in (country, region, others)]
    frame = dataset.wide(edition)
    members = region_of(iso3, edition)
    assert sizes == [1, len(members) - 1, len(frame) - len(members)]
    mine = frame.set_index("iso3").loc[iso3]
    np.testing.assert_allclose(country.get_offsets()[0], [mine["criminality"], mine["resilience"]])
    expected = members[members["iso3"] != iso3][["criminality", "resilience"]].to_numpy(float)
    assert sorted(map(tuple, region.get_offsets().tolist())) == sorted(map(tuple, expected))
    np.testing.assert_allclose(country.get_facecolor()[0][:3], _rgb(COUNTRY.color))


def _rgb(color):
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def test_labels_name_the_region_and_never_overlap():
    # Central & Eastern Europe: 17 countries packed near the middle of the plot.
    fig = figures.quadrant_scatter("Poland", 2023)
    ax = fig.axes[0]
    fig.canvas.draw()  # as saved: annotations are positioned at draw time
    renderer = fig.canvas.get_renderer()
    annotations = [t for t in ax.texts if hasattr(t, "xyann")]
    names = {t.get_text() for t in annotations}
    assert names == set(region_of("POL", 2023)["country"])
    # The text itself, without its leader line (Annotation's own extent includes the line).
    boxes = [Text.get_window_extent(t, renderer) for t in annotations]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = ax.get_window_extent(renderer)
    assert all(frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1) for b in boxes)
    (poland,) = [t for t in annotations if t.get_text() == "Poland"]
    assert poland.get_fontweight() == "bold" and poland.get_color() == COUNTRY.color


def test_quadrant_lines_at_the_given_thresholds_and_alt_text():
    fig = figures.quadrant_scatter("Belgium", 2023, thresholds=(5.0, 6.0))
    ax = fig.axes[0]
    vertical = [line for line in ax.lines if list(line.get_xdata()) == [5.0, 5.0]]
    horizontal = [line for line in ax.lines if list(line.get_ydata()) == [6.0, 6.0]]
    assert len(vertical) == 1 and len(horizontal) == 1
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
