"""Indicator dot charts: one dot per indicator the edition scores, values from the data."""

from __future__ import annotations

import numpy as np
import pytest

from ocanalysis import catalogue, dataset, figures
from ocanalysis.errors import UnknownIndicatorError
from ocanalysis.figures._theme import COUNTRY

from .conftest import half_up_mean, lines_by_gid, region_of


def top_down_labels(ax) -> list[str]:
    ticks = sorted(zip(ax.get_yticks(), ax.get_yticklabels(), strict=True), key=lambda p: -p[0])
    return [label.get_text() for _, label in ticks]


def top_down_x(line) -> np.ndarray:
    order = np.argsort(-np.asarray(line.get_ydata(), dtype=float), kind="stable")
    return np.asarray(line.get_xdata(), dtype=float)[order]


@pytest.mark.parametrize(
    ("pillar", "edition", "expected"),
    [
        ("criminal_markets", 2021, 10),
        ("criminal_markets", 2023, 15),
        ("criminal_actors", 2021, 4),
        ("criminal_actors", 2025, 5),
        ("resilience", 2021, 12),
    ],
)
def test_one_dot_per_indicator_of_the_edition(pillar, edition, expected):
    fig = figures.indicator_dots("Belgium", edition, pillar)
    (country,) = lines_by_gid(fig, "country")
    (region,) = lines_by_gid(fig, "region mean")
    (world,) = lines_by_gid(fig, "world mean")
    assert len(country.get_xdata()) == len(region.get_xdata()) == len(world.get_xdata()) == expected
    # Top to bottom in the index's order.
    assert top_down_labels(fig.axes[0]) == [i.label for i in catalogue.indicators(edition, pillar)]


def test_values_are_the_country_and_hand_computed_means():
    edition, pillar = 2023, "criminal_markets"
    fig = figures.market_scores("BEL", edition)
    ids = [i.id for i in catalogue.indicators(edition, pillar)]
    frame = dataset.wide(edition)
    mine = frame.set_index("iso3").loc["BEL", ids].astype(float).to_numpy()
    region = region_of("BEL", edition)
    (country,) = lines_by_gid(fig, "country")
    (region_line,) = lines_by_gid(fig, "region mean")
    (world_line,) = lines_by_gid(fig, "world mean")
    np.testing.assert_allclose(top_down_x(country), mine)
    np.testing.assert_allclose(top_down_x(region_line), [half_up_mean(region[i]) for i in ids])
    np.testing.assert_allclose(top_down_x(world_line), [half_up_mean(frame[i]) for i in ids])
    assert country.get_color() == COUNTRY.color
    # Belgium's cocaine score (8) is printed beside its row.
    printed = sorted(fig.axes[0].texts, key=lambda t: -t.get_position()[1])
    assert printed[ids.index("cocaine_trade")].get_text() == "8"


def test_title_legend_and_alt_text():
    fig = figures.resilience_scores("Belgium", 2023)
    assert figures.title(fig) == "Belgium: resilience, 2023"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [
        "Belgium",
        "Western Europe mean (11 countries)",
        "World mean (193 countries)",
    ]
    alt = figures.alt_text(fig)
    assert "Belgium" in alt and "12 resilience scores" in alt and "Western Europe" in alt


def test_actor_wrapper_and_unknown_pillar():
    assert figures.title(figures.actor_scores("Tuvalu", 2021)) == "Tuvalu: criminal actors, 2021"
    with pytest.raises(UnknownIndicatorError):
        figures.indicator_dots("Belgium", 2023, "crime")
