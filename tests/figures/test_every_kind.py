"""Every figure kind renders for countries of every edition: a microstate, a three-country region."""

from __future__ import annotations

import io
from functools import cache

import pytest

from ocanalysis import countries, figures
from ocanalysis.analysis import audit

# Each edition once (Belgium 2023 is covered by the per-kind tests), a microstate that the map
# cannot draw (Tuvalu) and a country of a three-country region (Samoa, Polynesia).
CASES = [("BEL", 2021), ("TUV", 2025), ("WSM", 2023)]
PREVIOUS = {2021: 2023, 2023: 2021, 2025: 2023}  # the other edition to compare with


@cache
def small_audit(edition: int):
    return audit.run(edition, runs=30)


def every_kind(iso3: str, edition: int):
    yield figures.market_scores(iso3, edition)
    yield figures.actor_scores(iso3, edition)
    yield figures.resilience_scores(iso3, edition)
    yield figures.quadrant_scatter(iso3, edition)
    yield figures.edition_change(
        iso3, min(edition, PREVIOUS[edition]), max(edition, PREVIOUS[edition])
    )
    yield figures.region_heatmap(iso3, edition)
    yield figures.rank_robustness(iso3, edition, small_audit(edition))
    yield figures.choropleth("criminality", edition, country=iso3)


@pytest.mark.parametrize(("iso3", "edition"), CASES)
def test_every_kind_renders_with_title_and_alt_text(iso3, edition):
    name = countries.lookup(iso3).name
    for fig in every_kind(iso3, edition):
        assert name in figures.title(fig)
        alt = figures.alt_text(fig)
        assert name in alt and len(alt) > 80
        if iso3 == "TUV":  # drawing (text rendering) is the slow part: draw one case only
            fig.savefig(io.BytesIO(), format="png", dpi=30)
