"""The one rule for group means (the publisher's), held to its printed figures, to a case built so
that the two rules differ, and to every place a group mean is shown, for every group of every
edition."""

from __future__ import annotations

import pytest

from ocanalysis import catalogue, dataset
from ocanalysis.analysis import edition_analysis, findings, group_mean, group_means
from ocanalysis.figures._heatmap import region_heatmap_chart

from .conftest import make_wide, publisher_mean

# What the publisher prints, and where.
PRINTED = [
    # The 2023 press kit: global resilience 4.81 (the mean of the rounded scores is 4.82).
    (2023, None, "resilience", 4.81),
    # Northern Europe 2023, as the publisher's regional page prints it.
    (2023, "Northern Europe", "criminality", 3.86),
    (2023, "Northern Europe", "resilience", 7.89),
]


@pytest.mark.parametrize(("edition", "region", "measure", "printed"), PRINTED)
def test_the_publishers_printed_means(edition, region, measure, printed):
    frame = dataset.wide(edition)
    if region is not None:
        frame = frame[frame["region"] == region]
        assert findings.headlines(edition, region=region)["means"][measure] == printed
    else:
        assert findings.headlines(edition)["means"][measure] == printed
    assert group_mean(frame, measure) == printed


def test_a_group_where_the_two_rules_differ():
    # A's resilience is 61.5 / 12 = 5.125 exactly (published 5.13), B's 5.0: the publisher's mean
    # is 5.0625 -> 5.06; the mean of the published scores would be 5.065 -> 5.07.
    resilience = [i.id for i in catalogue.indicators(2023, "resilience")]
    frame = make_wide(
        [
            {"iso3": "BEL", "region": "R", "continent": "C", resilience[0]: 6.5},
            {"iso3": "NLD", "region": "R", "continent": "C"},
        ]
    )
    assert frame["resilience"].tolist() == [5.13, 5.0]
    assert group_mean(frame, "resilience") == 5.06
    assert round(frame["resilience"].mean() + 1e-9, 2) == 5.07  # the other rule, for contrast


@pytest.mark.parametrize("edition", [2021, 2023, 2025])
def test_every_group_mean_shown_follows_the_rule(edition):
    """Headlines, a member's peer comparison and the heatmap's regional columns state the same
    mean of every region and continent, and it is the rule computed in plain Python."""
    frame = dataset.wide(edition)
    rows = frame.to_dict("records")
    measures = list(catalogue.COMPOSITE_IDS)
    for level in ("region", "continent"):
        table = group_means(frame, measures, by=level)
        for name, means in table.iterrows():
            members = [r for r in rows if r[level] == name]
            for measure in measures:
                assert means[measure] == publisher_mean(members, measure, edition), (name, measure)
            compared = edition_analysis(edition).compare(members[0]["iso3"]).set_index("indicator")
            assert compared.loc[measures, f"{level}_mean"].tolist() == means.tolist(), name
    world = region_heatmap_chart(None, edition, members=list(frame["iso3"]), name="the world")
    matrix = world.extras["matrix"]
    expected = group_means(frame, list(matrix.columns), by="region")
    assert matrix.to_dict("index") == expected.loc[matrix.index].to_dict("index")
    for name in ("Northern Europe", "Micronesia", "Australia and New Zealand"):
        found = findings.headlines(edition, region=name)["means"]
        mine = frame[frame["region"] == name]
        assert found == {m: group_mean(mine, m) for m in findings.HEADLINE_MEANS}


def test_regions_are_the_editions_own():
    assert dataset.place("Kiribati", 2023).region == "Melanesia"
    assert dataset.place("Kiribati", 2025).region == "Micronesia"
    assert "KIR" in findings.headlines(2025, region="Micronesia")["members"]
    assert "KIR" in findings.headlines(2023, region="Melanesia")["members"]
