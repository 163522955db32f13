"""Rank robustness: median dot and 5–95 % line per country, the country highlighted."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from ocanalysis import dataset, figures
from ocanalysis.errors import ArgumentError
from ocanalysis.figures._theme import COUNTRY
from ocanalysis.scoring import rank_desc

from .conftest import points_by_gid, segments_by_gid


def synthetic_audit(edition: int) -> SimpleNamespace:
    """Nominal ranks from the data; made-up medians and intervals that differ from them."""
    frame = dataset.wide(edition)
    nominal = rank_desc(frame["criminality"]).astype(int)
    table = pd.DataFrame(
        {
            "iso3": frame["iso3"],
            "country": frame["country"],
            "continent": frame["continent"],
            "region": frame["region"],
            "nominal": nominal,
            "median": nominal + 1,
            "q05": (nominal - 3).clip(lower=1),
            "q95": nominal + 5,
        }
    )
    return SimpleNamespace(
        edition=edition, runs=77, rank_uncertainty=table, resilience_rank_uncertainty=table
    )


def test_region_rows_median_dots_and_intervals():
    audit = synthetic_audit(2023)
    fig = figures.rank_robustness("Belgium", 2023, audit)
    ax = fig.axes[0]
    region = audit.rank_uncertainty[audit.rank_uncertainty["region"] == "Western Europe"]
    region = region.sort_values(["nominal", "country"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == region["country"].tolist()
    (mine,) = points_by_gid(fig, "country")
    others = points_by_gid(fig, "other")
    assert len(others) == len(region) - 1
    belgium = region.set_index("iso3").loc["BEL"]
    assert mine[0] == belgium["median"] == 130
    assert mine[2] == COUNTRY.color
    # The interval line of Belgium's row spans q05..q95.
    y = mine[1]
    spans = [[a[0], b[0]] for a, b in segments_by_gid(fig, "interval") if a[1] == b[1] == y]
    assert spans == [[belgium["q05"], belgium["q95"]]]
    assert "77 runs" in figures.alt_text(fig) and "129 of 193" in figures.alt_text(fig)


def test_small_region_falls_back_to_a_window():
    audit = synthetic_audit(2023)
    fig = figures.rank_robustness("USA", 2023, audit)  # North America has 2 countries
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 15 and "United States" in " ".join(labels)
    ordered = audit.rank_uncertainty.sort_values(["nominal", "country"]).reset_index(drop=True)
    at = int(ordered.index[ordered["iso3"] == "USA"][0])
    assert labels == ordered["country"].iloc[at - 7 : at + 8].tolist()


def test_real_audit_and_bad_arguments():
    from ocanalysis.analysis import audit

    result = audit.run(2021, runs=40)
    fig = figures.rank_robustness("Samoa", 2021, result, measure="resilience", scope="region")
    assert figures.title(fig) == "Samoa: how robust is the resilience rank? (2021)"
    assert len(fig.axes[0].get_yticklabels()) == 3  # Polynesia
    with pytest.raises(ArgumentError):
        figures.rank_robustness("Samoa", 2023, result)  # audit of another edition
    with pytest.raises(ArgumentError):
        figures.rank_robustness("Samoa", 2021, result, scope="continent")


def test_without_an_audit_the_default_one_runs_once_per_edition(monkeypatch):
    from ocanalysis.analysis import audit, edition

    calls = []

    def counting_run(edition):
        calls.append(edition)
        return synthetic_audit(edition)

    monkeypatch.setattr(audit, "cached_run", counting_run)
    edition.forget()
    try:
        first = figures.rank_robustness("Belgium", 2023)
        second = figures.rank_robustness("Peru", 2023)
    finally:
        edition.forget()
    assert calls == [2023]  # the edition's default audit, once for both charts
    assert "77 runs" in figures.alt_text(first) and "Peru" in figures.alt_text(second)
