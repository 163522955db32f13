"""One call per report section: the analysis and figures for one country, as escaped HTML."""

from __future__ import annotations

import functools

import pandas as pd

from .. import catalogue
from ..errors import ReportError
from .context import ReportContext
from .figure import chart_html, png_figure_html
from .markup import block, element, esc, wrap
from .tables import composites_table, frame_table, indicators_table, rank_summary


def _columns(frame: pd.DataFrame, wanted: dict[str, str]) -> dict[str, str]:
    """The table's columns and their headings; a column the analysis no longer gives is an error
    (a renamed column must not vanish from reports unnoticed)."""
    missing = [column for column in wanted if column not in frame.columns]
    if missing:
        raise ReportError(
            f"the report expects columns {', '.join(missing)}, which the analysis no longer gives"
        )
    return wanted


def _html(item) -> str:
    return item.data if hasattr(item, "data") else str(item)


def summary(ctx: ReportContext):
    """Headline scores and the ranks at three levels.

    >>> from ocanalysis.profile import profile
    >>> html = summary(ReportContext(profile("Belgium", 2023), 2021, None)).data
    >>> "129th of 193 countries" in html, "<caption>Belgium, 2023: composite scores" in html
    (True, True)
    """
    return block(rank_summary(ctx.profile).data, composites_table(ctx.profile))


def indicators(ctx: ReportContext):
    """Per pillar: the indicator dot chart (country, region, world) and the scores table."""
    from .. import figures

    parts = []
    for pillar in catalogue.PILLARS:
        chart = figures.indicator_dots.svg(ctx.place, ctx.edition, pillar)
        parts.append(
            wrap(
                "div",
                chart_html(chart, f"{catalogue.get(pillar).label}: indicator scores")
                + indicators_table(ctx.profile, pillar),
                class_="pillar",
            )
        )
    return block(*parts)


def peers(ctx: ReportContext):
    """Against the region, continent and world; strengths and weaknesses.

    (The region heatmap is left out of the country report: it takes seconds per report.)

    >>> from ocanalysis.profile import profile
    >>> html = peers(ReportContext(profile("Belgium", 2023), 2021, None)).data
    >>> html.count("<table"), "<caption>Composite scores against group means</caption>" in html
    (3, True)
    """
    from ..analysis import peers as peers_module

    compared = ctx.analysis.compare(ctx.profile.iso3)
    composites = compared.loc[compared["composite"].astype(bool)]
    parts = [
        _html(
            frame_table(
                composites,
                _columns(
                    composites,
                    {
                        "label": "Measure",
                        "score": ctx.country,
                        "region_mean": "Region mean",
                        "continent_mean": "Continent mean",
                        "world_mean": "World mean",
                    },
                ),
                caption="Composite scores against group means",
            )
        )
    ]
    strong, weak = peers_module.strengths_weaknesses(ctx.place, ctx.edition, 5)
    wanted = {
        "label": "Indicator",
        "score": "Score",
        "region_mean": "Region mean",
        "better": "Better is",
        "advantage": "Advantage",
    }
    for frame, title in (
        (strong, "Strengths: indicators better than the region's mean"),
        (weak, "Weaknesses: indicators worse than the region's mean"),
    ):
        if len(frame):
            parts.append(_html(frame_table(frame, _columns(frame, wanted), caption=title)))
        else:
            parts.append(element("p", f"{title}: none.", class_="note"))
    return block(*parts)


def change(ctx: ReportContext):
    """Change since the compare edition: composites published and like for like, ranks, and the
    indicators whose score moved.

    >>> from ocanalysis.profile import profile
    >>> change(ReportContext(profile("Belgium", 2021), None, None)).data
    '<p class="note">There is no earlier edition to compare with.</p>'
    """
    if ctx.compare_edition is None:
        return block(element("p", "There is no earlier edition to compare with.", class_="note"))
    from .. import figures
    from ..analysis import edition_analysis

    older, newer = sorted((ctx.compare_edition, ctx.edition))
    # Every country's changes, computed once per kernel and edition pair (the chart reads them).
    frame, like = edition_analysis(newer).change_from(older).of(ctx.profile.iso3)
    composites = frame.loc[frame["composite"].astype(bool)]
    like = like.set_index("composite")
    composites = composites.assign(
        like_for_like_change=composites["indicator"].map(like["like_for_like_change"])
    )
    moved = frame.loc[~frame["composite"].astype(bool) & (frame["change"] != 0)]
    moved = moved.sort_values("change", key=abs, ascending=False, kind="stable")
    parts = [
        chart_html(
            figures.edition_change.svg(ctx.place, older, newer),
            f"Scores in {older} and {newer}",
        ),
        _html(
            frame_table(
                composites,
                {
                    "label": "Composite",
                    "score_from": str(older),
                    "score_to": str(newer),
                    "change": "Change",
                    "like_for_like_change": "Change like for like",
                    "rank_from": f"Rank {older}",
                    "rank_to": f"Rank {newer}",
                },
                caption=f"Composite scores and global ranks, {older} and {newer}",
            )
        ),
    ]
    if len(moved):
        parts.append(
            _html(
                frame_table(
                    moved,
                    {
                        "label": "Indicator",
                        "score_from": str(older),
                        "score_to": str(newer),
                        "change": "Change",
                    },
                    caption=f"Indicators whose score changed ({len(moved)} of {len(frame) - len(composites)} scored in both editions)",
                )
            )
        )
    else:
        parts.append(element("p", "No indicator scored in both editions changed.", class_="note"))
    return block(*parts)


def quadrant(ctx: ReportContext):
    """Where the country sits on criminality against resilience.

    >>> from ocanalysis.profile import profile
    >>> html = quadrant(ReportContext(profile("Belgium", 2023), 2021, None)).data
    >>> "Belgium is in the quadrant: low criminality, high resilience." in html
    True
    """
    from .. import figures

    classes = ctx.analysis.classification.table
    found = classes.loc[classes["iso3"] == ctx.profile.iso3, "quadrant"].tolist()
    if len(found) != 1:
        raise ReportError(f"{ctx.country} has no quadrant in the {ctx.edition} classification")
    quadrant_name = found[0]
    moved = ""
    if ctx.compare_edition is not None and ctx.compare_edition < ctx.edition:
        from ..analysis.quadrant import moves

        mine = moves(ctx.compare_edition, ctx.edition).set_index("iso3")
        if ctx.profile.iso3 in mine.index:
            row = mine.loc[ctx.profile.iso3]
            moved = (
                f" It moved there from '{row['from']}' since {ctx.compare_edition}: its "
                f"{row['because'].replace('both', 'criminality and resilience')} crossed 5.5."
            )
        else:
            moved = f" It was in the same quadrant in {ctx.compare_edition}."
    return block(
        element(
            "p", f"{ctx.country} is in the quadrant: {quadrant_name}.{moved}", class_="finding"
        ),
        element("p", ctx.analysis.classification.thresholds.describe(), class_="note"),
        chart_html(
            figures.quadrant_scatter.svg(ctx.place, ctx.edition),
            f"Criminality against resilience, {ctx.edition}",
        ),
    )


def similar(ctx: ReportContext):
    """The countries whose indicator profiles are closest.

    >>> from ocanalysis.profile import profile
    >>> html = similar(ReportContext(profile("Belgium", 2023), 2021, None)).data
    >>> html.count("<tr>") - 1, "<td>Netherlands</td><td>Western Europe</td>" in html
    (5, True)
    """
    from ..analysis import similar as similar_module

    frame = similar_module.nearest(ctx.place, ctx.edition, 5)
    return frame_table(
        frame,
        _columns(
            frame,
            {
                "country": "Country",
                "region": "Region",
                "distance": "Distance",
                "distance_criminal_markets": "Markets",
                "distance_criminal_actors": "Actors",
                "distance_resilience": "Resilience",
            },
        ),
        caption=f"The five countries closest to {ctx.country} (distance over all indicators, then by pillar; smaller is closer)",
    )


# Report text of the robustness section's sensitivity part (one place, for translation).
DRIVERS_CAPTION = "{measure} rank: what drives its uncertainty (Sobol' indices)"
DRIVERS_COLUMNS = {
    "label": "Uncertain input",
    "first_order": "First order (alone)",
    "total_order": "Total order (with interactions)",
}
DRIVERS_NONE = "{country}'s {measure} rank is the same under every choice the analysis varies."
DRIVERS_MAIN = (
    "Under the index's choices {country}'s {measure} rank varies by {sd:.1f} places (standard "
    "deviation); what drives it most: {names}."
)
DRIVERS_NOTE = (
    "Sobol' indices of {samples:,} base samples (first order: the input alone; total order: with "
    "its interactions). The inputs: every indicator weight within ±25 %, criminal markets "
    "against criminal actors within ±25 %, the arithmetic, geometric or harmonic mean, and no "
    "indicator or one left out."
)
DRIVERS_AND = " and "
DRIVER_THRESHOLD = 0.1  # total-order index from which an input is named in the sentence
DRIVERS_NAMED = 3  # at most


def _drivers(ctx: ReportContext, measure: str) -> list[str]:
    """The sentence and the table naming the inputs that drive one rank's uncertainty."""
    from ..analysis.sensitivity import INPUT_LABELS

    result = ctx.analysis.sensitivity
    country = ctx.profile.country
    name = catalogue.get(measure).label.lower()
    row = result.countries.loc[result.countries["iso3"] == ctx.profile.iso3]
    if row.empty:
        raise ReportError(f"the sensitivity analysis has no row for {ctx.profile.iso3}")
    sd = float(row[f"{measure}_rank_sd"].iloc[0])
    drivers = result.drivers(ctx.profile.iso3, measure)
    if sd == 0:
        return [element("p", DRIVERS_NONE.format(country=country, measure=name), class_="note")]
    named = drivers.loc[drivers["total_order"] >= DRIVER_THRESHOLD].head(DRIVERS_NAMED)
    if named.empty:
        named = drivers.head(1)
    parts = [f"{INPUT_LABELS[r.input]} ({r.total_order:.2f})" for r in named.itertuples()]
    names = DRIVERS_AND.join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    sentence = DRIVERS_MAIN.format(country=country, measure=name, sd=sd, names=names)
    drivers = drivers.assign(label=drivers["input"].map(INPUT_LABELS))
    table = frame_table(
        drivers,
        _columns(drivers, DRIVERS_COLUMNS),
        caption=DRIVERS_CAPTION.format(measure=catalogue.get(measure).label),
    )
    return [element("p", sentence), _html(table)]


def robustness(ctx: ReportContext):
    """How much the country's rank moves when the index's weights and scores are perturbed,
    and which of the index's choices drive it (the default sensitivity analysis).

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", str(getfixture("tmp_path")))
    >>> from ocanalysis.profile import profile
    >>> html = robustness(ReportContext(profile("Belgium", 2023), 2021, None)).data
    >>> "<figcaption>Rank under perturbation</figcaption>" in html, "<td>Belgium</td>" in html
    (True, True)
    >>> "Belgium&#x27;s criminality rank varies by" in html, "indices)</caption>" in html
    (True, True)
    """
    from .. import figures

    result = ctx.analysis.audit
    table = result.rank_uncertainty
    row = table.loc[table["iso3"] == ctx.profile.iso3]
    return block(
        chart_html(
            figures.rank_robustness.svg(ctx.place, ctx.edition, audit=result),
            "Rank under perturbation",
        ),
        _html(
            frame_table(
                row,
                _columns(
                    row,
                    {
                        "country": "Country",
                        "nominal": "Published rank",
                        "median": "Median rank",
                        "q05": "5th percentile",
                        "q95": "95th percentile",
                    },
                ),
                caption="Criminality rank: published and under perturbation",
            )
        ),
        *_drivers(ctx, "criminality"),
        *_drivers(ctx, "resilience"),
        element("p", DRIVERS_NOTE.format(samples=ctx.analysis.sensitivity.samples), class_="note"),
    )


def trend(ctx: ReportContext):
    """The country in every edition up to this one: published composites and ranks, the
    composites on the indicators every one of these editions scores (like for like), and the
    quadrant of the publisher's matrix.

    >>> from ocanalysis.profile import profile
    >>> html = trend(ReportContext(profile("Greece", 2025), 2023, None)).data
    >>> "<td>2025</td>" in html, "high criminality, low resilience" in html
    (True, True)
    """
    from ..analysis.change import trend as trend_of

    table, shared = trend_of(ctx.profile.iso3, up_to=ctx.edition)
    if len(table) < 2:
        return block(element("p", f"{ctx.edition} is the country's first edition.", class_="note"))
    rows = []
    for row in table.itertuples(index=False):
        rows.append(
            [
                str(row.edition),
                *(
                    f"{getattr(row, c):.2f} ({getattr(row, 'like_for_like_' + c):.2f})"
                    for c in catalogue.COMPOSITE_IDS
                ),
                str(row.criminality_rank),
                str(row.resilience_rank),
                row.quadrant,
            ]
        )
    header = [
        "Edition",
        *(catalogue.get(c).label for c in catalogue.COMPOSITE_IDS),
        "Criminality rank",
        "Resilience rank",
        "Quadrant",
    ]
    first, last = table.iloc[0], table.iloc[-1]
    delta = last["like_for_like_criminality"] - first["like_for_like_criminality"]
    finding = element(
        "p",
        f"From {int(first['edition'])} to {int(last['edition'])}, like for like, criminality "
        + ("rose" if delta > 0 else "fell" if delta < 0 else "did not change")
        + (f" by {abs(delta):.2f}" if delta else "")
        + f" and resilience went from {first['like_for_like_resilience']:.2f} to "
        f"{last['like_for_like_resilience']:.2f}.",
        class_="finding",
    )
    note = element(
        "p",
        f"Each score is the published one; in brackets, the same composite on the "
        f"{len(shared)} indicators every edition from {int(first['edition'])} scores, so the "
        "brackets compare like for like. Ranks of 193 countries; quadrants with the publisher's "
        "cut-offs (5.5 or more is high).",
        class_="note",
    )
    from .markup import table as html_table

    return block(
        finding,
        wrap(
            "div",
            html_table(
                header,
                rows,
                caption=f"{ctx.country} in every edition to {ctx.edition}",
                numeric=[1, 2, 3, 4, 5, 6],
            ),
            class_="table-block",
        ),
        note,
    )


def see_also(related: dict | None):
    """Links to the region's and the continent's reports rendered beside this one (the
    ``related`` parameter the renderer passes); nothing when there are none.

    >>> see_also({"region": "region-western-europe.html"}).data
    '<p class="see-also">See also: <a href="region-western-europe.html">the region report</a></p>'
    >>> see_also(None).data
    ''
    """
    links = []
    for kind in ("region", "continent"):
        href = (related or {}).get(kind)
        if href:
            links.append(wrap("a", esc(f"the {kind} report"), href=href))
    if not links:
        return block("")
    return block(wrap("p", "See also: " + ", ".join(links), class_="see-also"))


def _world_map_html(measure: str, edition: int, country: str | None = None) -> str:
    from .. import figures

    # The map's pixels (a PNG: WeasyPrint draws one far faster than 193 countries' outlines) are
    # drawn once per kernel; each report's map is an SVG of them with its title and the
    # country's outline drawn over them as vectors. A map without a country is its PNG alone.
    image = figures.choropleth_svg(measure, edition, country=country)
    caption = f"{catalogue.get(measure).label} by country, {edition}" + (
        f", {country} outlined" if country else ""
    )
    if image.png is not None:
        return png_figure_html(image.png, image.alt, caption)
    return chart_html(image, caption)


# The same for every country of an edition: drawn once per kernel, then reused.
_shared_world_map_html = functools.cache(_world_map_html)


def world_map(ctx: ReportContext):
    """Criminality around the world with the country outlined, and resilience (shared map)."""
    return block(
        _world_map_html("criminality", ctx.edition, ctx.country),
        _shared_world_map_html("resilience", ctx.edition),
    )
