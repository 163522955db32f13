"""Edition change dumbbells: composites and shared indicators, scores from both editions."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from ocanalysis import catalogue, dataset, figures
from ocanalysis.figures._change import BETTER, WORSE

from .conftest import points_by_gid


@cache
def change_figure(country: str, first: int, second: int):
    """Built once per module: the tests below only read the figure."""
    return figures.edition_change(country, first, second)


def measure_ids(first: int, second: int) -> list[str]:
    later = {i.id for i in catalogue.indicators(second)}
    shared = [i.id for i in catalogue.indicators(first) if i.id in later]
    return list(catalogue.COMPOSITE_IDS) + shared


@pytest.mark.parametrize(("first", "second", "rows"), [(2021, 2023, 30), (2023, 2025, 36)])
def test_one_dumbbell_per_composite_and_shared_indicator(first, second, rows):
    fig = change_figure("BEL", first, second)
    ids = measure_ids(first, second)
    assert len(ids) == rows
    starts, ends = points_by_gid(fig, "from"), points_by_gid(fig, "to")
    assert len(starts) == len(ends) == rows
    before = dataset.wide(first).set_index("iso3").loc["BEL"]
    after = dataset.wide(second).set_index("iso3").loc["BEL"]

    def top_down(points):
        return [x for x, _, _ in sorted(points, key=lambda p: -p[1])]

    np.testing.assert_allclose(top_down(starts), before[ids].astype(float))
    np.testing.assert_allclose(top_down(ends), after[ids].astype(float))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [catalogue.get(i).label for i in ids]
    assert figures.title(fig) == f"Belgium: change from {first} to {second}"


def test_colour_says_better_or_worse_by_pillar():
    fig = change_figure("BEL", 2021, 2023)
    before = dataset.wide(2021).set_index("iso3").loc["BEL"]
    after = dataset.wide(2023).set_index("iso3").loc["BEL"]
    ids = measure_ids(2021, 2023)
    ends = sorted(points_by_gid(fig, "to"), key=lambda p: -p[1])
    checked = 0
    for measure, end in zip(ids, ends, strict=True):
        delta = after[measure] - before[measure]
        if delta == 0:
            continue
        resilience = catalogue.get(measure).pillar == "resilience"
        expected = BETTER if (delta > 0) == resilience else WORSE
        assert end[2] == expected, measure
        checked += 1
    assert checked >= 5


def test_like_for_like_ticks_only_when_editions_differ_in_indicators():
    assert len(points_by_gid(change_figure("BEL", 2021, 2023), "like_for_like")) == 4
    assert points_by_gid(change_figure("BEL", 2023, 2025), "like_for_like") == []


def test_alt_text_states_the_composites():
    alt = figures.alt_text(change_figure("BEL", 2021, 2023))
    before = dataset.wide(2021).set_index("iso3").loc["BEL", "criminality"]
    after = dataset.wide(2023).set_index("iso3").loc["BEL", "criminality"]
    assert f"criminality {before:g} to {after:g}" in alt
    assert "Belgium" in alt and "26 indicators" in alt
