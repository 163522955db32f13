"""Sections of the global overview notebook: one edition, all 193 countries."""

from __future__ import annotations

import pandas as pd

from .. import catalogue, countries
from ..dataset import wide
from ..scoring import rank_table
from .figure import figure_html
from .markup import block, element, wrap
from .tables import frame_table, score_text

HEADLINES = ("criminality", "resilience")


def header(edition: int):
    """Title block of the global overview: edition, and how many countries, regions, continents.

    >>> html = header(2023).data
    >>> "193 countries in 22 regions and 5 continents" in html
    True
    """
    frame = wide(edition)
    means = "".join(
        wrap(
            "div",
            element("span", score_text(frame[m].mean()), class_="value")
            + element("span", f"{catalogue.get(m).label}: world mean", class_="label"),
            class_=f"headline {m}",
        )
        for m in catalogue.COMPOSITE_IDS
    )
    return block(
        wrap(
            "header",
            element("p", f"Global Organized Crime Index, {edition} edition", class_="kicker")
            + element("h1", "Global overview", class_="title")
            + element(
                "p",
                f"{len(frame)} countries in {len(countries.REGIONS)} regions and "
                f"{len(countries.CONTINENTS)} continents",
                class_="where",
            )
            + wrap("div", means, class_="headlines"),
            class_="report-header",
        )
    )


def _ranked(edition: int, measure: str) -> pd.DataFrame:
    frame = wide(edition)
    ranks = rank_table(frame, measure)[["iso3", "global_rank"]]
    return frame.merge(ranks, on="iso3").sort_values(["global_rank", "country"], kind="stable")


def rankings(edition: int, n: int = 10):
    """The n highest and n lowest countries in criminality and in resilience.

    >>> html = rankings(2023, n=3).data
    >>> html.count("<table"), '<td class="num">1</td><td>Myanmar</td>' in html
    (4, True)
    """
    parts = []
    for measure in HEADLINES:
        ranked = _ranked(edition, measure)
        label = catalogue.get(measure).label
        columns = {"global_rank": "Rank", "country": "Country", "region": "Region", measure: label}
        parts.append(frame_table(ranked.head(n), columns, caption=f"Highest {label.lower()}").data)
        parts.append(frame_table(ranked.tail(n), columns, caption=f"Lowest {label.lower()}").data)
    return block(*parts)


def distributions(edition: int):
    """Histograms of the four composites."""
    from .. import figures

    fig = figures.composite_distributions(edition)
    return block(figure_html(fig, f"Distribution of composite scores, {edition}"))


def region_spread(edition: int):
    """Criminality and resilience within each region: box plots, every country a dot."""
    from .. import figures

    return block(
        *(
            figure_html(
                figures.region_distributions(edition, measure),
                f"{catalogue.get(measure).label} within each region, {edition}",
            )
            for measure in HEADLINES
        )
    )


def world_map(edition: int):
    from .. import figures

    return block(
        *(
            figure_html(
                figures.choropleth(m, edition),
                f"{catalogue.get(m).label} by country, {edition}",
                fmt="png",  # see sections._world_map_html
            )
            for m in HEADLINES
        )
    )


def quadrants(edition: int):
    """Countries per quadrant of criminality against resilience.

    >>> html = quadrants(2023).data
    >>> import re
    >>> re.search(r"<td>low criminality, high resilience</td><td[^>]*>([0-9]+)<", html).group(1)
    '47'
    """
    from ..analysis import edition_analysis

    classification = edition_analysis(edition).classification
    classes = classification.table
    counts = classes.groupby("quadrant").size().rename("countries").reset_index()
    examples = (
        classes.sort_values("country")
        .groupby("quadrant")["country"]
        .apply(lambda names: ", ".join(names.head(6)) + (", …" if len(names) > 6 else ""))
        .rename("examples")
        .reset_index()
    )
    table = counts.merge(examples, on="quadrant")
    note = element("p", classification.thresholds.describe(), class_="note")
    return block(
        frame_table(
            table,
            {"quadrant": "Quadrant", "countries": "Countries", "examples": "For example"},
            caption=f"Quadrants, {edition}",
        ).data,
        note,
    )


def regions(edition: int):
    """Mean composite scores of each region.

    >>> html = regions(2023).data
    >>> html.count("<tr>") - 1, "<td>Central America</td><td>Americas</td>" in html
    (22, True)
    """
    frame = wide(edition)
    means = (
        frame.groupby(["continent", "region"])[list(catalogue.COMPOSITE_IDS)]
        .mean()
        .reset_index()
        .sort_values("criminality", ascending=False, kind="stable")
    )
    means.insert(2, "countries", frame.groupby("region").size().reindex(means["region"]).to_numpy())
    columns = {"region": "Region", "continent": "Continent", "countries": "Countries"}
    columns.update({m: catalogue.get(m).label for m in catalogue.COMPOSITE_IDS})
    return frame_table(
        means, columns, caption=f"Regional means, {edition} (highest criminality first)"
    )


def audit_summary(edition: int, n: int = 15):
    """The countries whose criminality rank is least certain under the audit's perturbations.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", str(getfixture("tmp_path")))
    >>> html = audit_summary(2023, n=3).data
    >>> html.count("<tr>") - 1, "The 3 widest 5–95% rank intervals, criminality 2023" in html
    (3, True)
    """
    from ..analysis import edition_analysis

    table = edition_analysis(edition).audit.rank_uncertainty.copy()
    table["width"] = table["q95"] - table["q05"]
    widest = table.sort_values(["width", "nominal"], ascending=[False, True], kind="stable").head(n)
    return frame_table(
        widest,
        {
            "country": "Country",
            "nominal": "Published rank",
            "median": "Median rank",
            "q05": "5th percentile",
            "q95": "95th percentile",
            "width": "Interval width",
        },
        caption=f"The {n} widest 5–95% rank intervals, criminality {edition}",
    )
