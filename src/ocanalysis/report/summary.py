"""Sections of the summary reports: the world, a continent, a region, or 2 to 6 countries.

One :class:`SummaryContext` per report holds the members and their headline findings
(:func:`ocanalysis.analysis.findings.headlines`), computed once; every section reads them, so the
figures, the tables and the sentences of a report state the same numbers. The same sections make
every kind of summary report: what differs is only who the members are.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from .. import catalogue, countries
from ..analysis import findings
from ..analysis.edition import edition_analysis
from ..dataset import check_edition, wide
from ..errors import ArgumentError
from ..scoring import rank_desc
from .figure import chart_html, figure_html
from .markup import block, element, table, wrap
from .tables import frame_table, score_text

HEADLINES = ("criminality", "resilience")
LONG_LIST = 30  # above this many members, rankings show the top and bottom ten
SHOWN = 10
MAX_COMPARED = 6


@dataclass(frozen=True)
class SummaryContext:
    """Who a summary report is about, and its headline findings."""

    scope: str  # "world", "continent", "region" or "countries"
    name: str | None
    edition: int
    members: tuple[str, ...]  # ISO3, in name order (in the order given for a comparison)
    found: dict = field(repr=False, compare=False)

    @property
    def title(self) -> str:
        """The report's heading.

        >>> context("region", "Western Europe", 2023).title
        'Western Europe'
        """
        return "The world" if self.scope == "world" else str(self.name)

    @property
    def who(self) -> str:
        """How sentences name the members: 'the world's 193 countries', 'the 11 countries of
        Western Europe', 'the 2 countries compared'.

        >>> context("continent", "Africa", 2023).who
        'the 54 countries of Africa'
        """
        n = len(self.members)
        if self.scope == "world":
            return f"the world's {n} countries"
        if self.scope == "countries":
            return f"the {n} countries compared"
        return f"the {n} countries of {self.name}"

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        """The members' rows of the edition, in :attr:`members` order."""
        return wide(self.edition).set_index("iso3").loc[list(self.members)].reset_index()

    @property
    def is_world(self) -> bool:
        return self.scope == "world"


def context(scope: str, name: str | None = None, edition: int | None = None) -> SummaryContext:
    """The context of a world, continent or region report (``scope``), e.g. from the summary
    notebook's parameters.

    >>> ctx = context("continent", "europe", 2025)
    >>> ctx.name, len(ctx.members), ctx.found["countries"]
    ('Europe', 44, 44)
    """
    if scope not in ("world", "continent", "region"):
        raise ArgumentError(f"unknown scope {scope!r}; expected world, continent or region")
    if scope != "world" and not name:
        raise ArgumentError(f"a {scope} report needs the {scope}'s name")
    edition = check_edition(edition)
    found = findings.headlines(
        edition,
        continent=name if scope == "continent" else None,
        region=name if scope == "region" else None,
    )
    return SummaryContext(scope, found["name"], edition, tuple(found["members"]), found)


def comparison(names, edition: int | None = None) -> SummaryContext:
    """The context of a comparison of 2 to 6 countries (names, aliases or codes), in the order
    given.

    >>> comparison(["NLD", "Belgium"], 2023).members
    ('NLD', 'BEL')
    """
    chosen = list(dict.fromkeys(countries.lookup(n).iso3 for n in names))
    if not 2 <= len(chosen) <= MAX_COMPARED:
        raise ArgumentError(f"a comparison needs 2 to {MAX_COMPARED} countries, not {len(chosen)}")
    edition = check_edition(edition)
    found = findings.headlines(edition, countries=chosen)
    return SummaryContext("countries", found["name"], edition, tuple(chosen), found)


# --------------------------------------------------------------------------- sections


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def header(ctx: SummaryContext):
    """Title block: who, how many countries and people, the four mean scores and their change.

    >>> html = header(context("region", "Western Europe", 2023)).data
    >>> "<h1 class=\\"title\\">Western Europe</h1>" in html, "11 countries" in html
    (True, True)
    """
    found = ctx.found
    cards = []
    for measure in catalogue.COMPOSITE_IDS:
        change = (found["change"] or {}).get(measure)
        since = (
            element("span", f"{change:+.2f} since {found['change_from']}", class_="change")
            if change is not None
            else ""
        )
        cards.append(
            wrap(
                "div",
                element("span", score_text(found["means"][measure]), class_="value")
                + element("span", f"{catalogue.get(measure).label}: mean", class_="label")
                + since,
                class_=f"headline {measure}",
            )
        )
    kind = {
        "world": "World report",
        "continent": "Continent report",
        "region": "Region report",
        "countries": "Comparison",
    }[ctx.scope]
    where = (
        f"{found['countries']} countries, {found['population'] / 1e6:,.0f} million people "
        f"(World Bank, {found['population_year']})"
    )
    return block(
        wrap(
            "header",
            element(
                "p",
                f"Global Organized Crime Index, {ctx.edition} edition · {kind}",
                class_="kicker",
            )
            + element("h1", ctx.title, class_="title")
            + element("p", where, class_="where")
            + wrap("div", "".join(cards), class_="headlines"),
            class_="report-header",
        )
    )


def key_findings(ctx: SummaryContext):
    """The findings in sentences: matrix, population, most pervasive, moves.

    >>> html = key_findings(context("world", None, 2023)).data
    >>> "82.7% of the population" in html
    True
    """
    found = ctx.found
    quadrants = found["quadrants"]
    worst = quadrants["high criminality, low resilience"]
    shares = found["population_share"]
    market, market_mean = found["most_pervasive"]["criminal_markets"][0]
    actor, actor_mean = found["most_pervasive"]["criminal_actors"][0]
    items = [
        f"{worst['countries']} of {ctx.who} have high criminality and low resilience, "
        f"home to {_percent(worst['population_share'])} of their population."
        if worst["countries"]
        else f"None of {ctx.who} has both high criminality and low resilience.",
        f"{_percent(shares['high criminality'])} of the population lives with high "
        f"criminality, {_percent(shares['low resilience'])} with low resilience.",
        f"The most pervasive criminal market is {catalogue.get(market).label.lower()} "
        f"(mean {score_text(market_mean)}); the most pervasive criminal actors are "
        f"{catalogue.get(actor).label.lower()} (mean {score_text(actor_mean)}).",
    ]
    if found["change"] is not None:
        change = found["change"]["criminality"]
        direction = "rose" if change > 0 else "fell" if change < 0 else "did not change"
        by = f" by {abs(change):.2f}" if change else ""
        items.append(
            f"Mean criminality {direction}{by} since {found['change_from']} (like for like); "
            f"{len(found['moved_quadrant'])} countries changed quadrant."
        )
    note = element(
        "p",
        "High means a score of 5.5 or more, on each axis: the publisher's vulnerability matrix."
        if found["cutoffs_from"] == "publisher"
        else f"Cut-offs: criminality {found['cutoffs']['criminality']:.2f}, resilience "
        f"{found['cutoffs']['resilience']:.2f}.",
        class_="note",
    )
    return block(wrap("ul", "".join(element("li", i) for i in items), class_="findings"), note)


def _ranked(ctx: SummaryContext, measure: str) -> pd.DataFrame:
    frame = ctx.frame.copy()
    everyone = wide(ctx.edition)
    global_rank = rank_desc(everyone[measure]).set_axis(everyone["iso3"])
    frame["rank"] = rank_desc(frame[measure]).astype(int).to_numpy()
    frame["global_rank"] = frame["iso3"].map(global_rank).astype(int)
    return frame.sort_values(["rank", "country"], kind="stable")


def rankings(ctx: SummaryContext):
    """The members ranked on criminality and on resilience (the top and bottom ten of a long
    list).

    >>> html = rankings(context("region", "Western Europe", 2023)).data
    >>> html.count("<table"), "<td>Belgium</td>" in html
    (2, True)
    """
    parts = []
    for measure in HEADLINES:
        label = catalogue.get(measure).label
        ranked = _ranked(ctx, measure)
        columns = {
            "rank": "Rank",
            "country": "Country",
            measure: label,
            "global_rank": "Of 193",
        }
        if ctx.scope in ("world", "continent"):
            columns = {**columns, "region": "Region"}
        if len(ranked) > LONG_LIST:
            shown = pd.concat([ranked.head(SHOWN), ranked.tail(SHOWN)])
            caption = f"{label}: the {SHOWN} highest and the {SHOWN} lowest of {ctx.who}"
        else:
            shown, caption = ranked, f"{label}: {ctx.who}, highest first"
        parts.append(frame_table(shown, columns, caption=caption).data)
    return block(*parts)


def regions(ctx: SummaryContext):
    """Mean composites of each region concerned: all 22 for the world; a continent's own; for a
    region, the regions of its continent; for a comparison, the regions of its countries.

    >>> html = regions(context("world", None, 2023)).data
    >>> html.count("<tr>") - 1, "<td>Central America</td><td>Americas</td>" in html
    (22, True)
    >>> regions(context("region", "Western Europe", 2023)).data.count("<tr>") - 1
    4
    """
    frame = wide(ctx.edition)
    if ctx.scope == "continent":
        wanted = set(frame.loc[frame["continent"] == ctx.name, "region"])
    elif ctx.scope == "region":
        continent = countries.lookup(ctx.members[0]).continent
        wanted = set(frame.loc[frame["continent"] == continent, "region"])
    elif ctx.scope == "countries":
        wanted = {countries.lookup(c).region for c in ctx.members}
    else:
        wanted = set(frame["region"])
    rows = []
    for region, members in frame[frame["region"].isin(wanted)].groupby("region"):
        rows.append(
            [
                region,
                members["continent"].iloc[0],
                len(members),
                *(findings.mean_score(members[m]) for m in catalogue.COMPOSITE_IDS),
            ]
        )
    rows.sort(key=lambda r: (-r[3], r[0]))
    return block(
        table(
            [
                "Region",
                "Continent",
                "Countries",
                *(catalogue.get(m).label for m in catalogue.COMPOSITE_IDS),
            ],
            [[r[0], r[1], str(r[2]), *(score_text(v) for v in r[3:])] for r in rows],
            caption=f"Regional means, {ctx.edition} (highest criminality first)",
            numeric=[2, 3, 4, 5, 6],
        )
    )


def distributions(ctx: SummaryContext):
    """How the members' four composites spread, against the rest of the world; for the world
    and a continent, the spread within each region too.

    >>> html = distributions(context("region", "Western Europe", 2023)).data
    >>> html.count("<figure"), 'class="chart-grid"' in html
    (4, True)
    """
    from .. import figures

    members = None if ctx.is_world else list(ctx.members)
    charts = [
        chart_html(
            figures.score_histogram.svg(m, ctx.edition, members=members, name=ctx.title),
            f"{catalogue.get(m).label}: countries per half point, {ctx.edition}",
        )
        for m in catalogue.COMPOSITE_IDS
    ]
    parts = [wrap("div", "".join(charts), class_="chart-grid")]
    if ctx.scope in ("world", "continent"):
        for measure in HEADLINES:
            spread = figures.region_distributions(
                ctx.edition, measure, continent=None if ctx.is_world else ctx.name
            )
            parts.append(
                figure_html(
                    spread,
                    f"{catalogue.get(measure).label} within each region, {ctx.edition}",
                )
            )
    return block(*parts)


def matrix(ctx: SummaryContext):
    """The vulnerability matrix: the members highlighted among all countries, and each
    quadrant's countries and share of the members' population.

    >>> html = matrix(context("world", None, 2025)).data
    >>> "<td>high criminality, low resilience</td><td class=\\"num\\">66</td>" in html
    True
    """
    from .. import figures

    found = ctx.found
    rows = [
        [name, str(q["countries"]), _percent(q["population_share"])]
        for name, q in found["quadrants"].items()
    ]
    rows.append(
        [
            "all",
            str(found["countries"]),
            "100.0%",
        ]
    )
    counts = table(
        ["Quadrant", "Countries", "Share of the population"],
        rows,
        caption=f"The vulnerability matrix, {ctx.edition}: {ctx.who}",
        numeric=[1, 2],
        row_classes=[None] * 4 + ["total"],
    )
    cuts = found["cutoffs"]
    note = element(
        "p",
        f"High means a score of {cuts['criminality']:.2f} or more (criminality) and "
        f"{cuts['resilience']:.2f} or more (resilience), the publisher's cut-offs. Population: "
        f"World Bank (SP.POP.TOTL), {found['population_year']}.",
        class_="note",
    )
    chart = figures.quadrant_scatter.svg(
        None,
        ctx.edition,
        members=list(ctx.members),
        name="All countries" if ctx.is_world else ctx.title,
    )
    return block(
        chart_html(chart, f"Criminality against resilience, {ctx.edition}"),
        wrap("div", counts, class_="table-block"),
        note,
    )


def pervasive(ctx: SummaryContext):
    """The three most pervasive criminal markets and actor types of the members, beside the
    world's means.

    >>> html = pervasive(context("region", "Western Europe", 2025)).data
    >>> "<td>Financial crimes</td><td class=\\"num\\">6.64</td>" in html
    True
    """
    world_frame = wide(ctx.edition)
    parts = []
    for pillar, top in ctx.found["most_pervasive"].items():
        rows = []
        for indicator, mean in top:
            row = [catalogue.get(indicator).label, score_text(mean)]
            if not ctx.is_world:
                row.append(score_text(findings.mean_score(world_frame[indicator])))
            rows.append(row)
        header = ["Indicator", "Mean"] + ([] if ctx.is_world else ["World mean"])
        parts.append(
            table(
                header,
                rows,
                caption=f"Most pervasive {catalogue.get(pillar).label.lower()}, {ctx.edition}",
                numeric=[1, 2],
            )
        )
    return block(*(wrap("div", p, class_="table-block") for p in parts))


def change(ctx: SummaryContext):
    """The mean composites like for like against the previous edition, and the countries that
    changed quadrant.

    >>> html = change(context("world", None, 2025)).data
    >>> "Greece" in html, "like for like" in html
    (True, True)
    >>> "first edition" in change(context("world", None, 2021)).data
    True
    """
    found = ctx.found
    previous = found["change_from"]
    if previous is None:
        return block(
            element(
                "p",
                f"{ctx.edition} is the index's first edition: there is nothing to compare with.",
                class_="note",
            )
        )
    like = edition_analysis(ctx.edition).change_from(previous).like_for_like
    rows = like.table[like.table["iso3"].isin(ctx.members)]
    lines = []
    for measure in catalogue.COMPOSITE_IDS:
        mine = rows[rows["composite"] == measure]
        lines.append(
            [
                catalogue.get(measure).label,
                score_text(findings.mean_score(mine["like_for_like_from"])),
                score_text(findings.mean_score(mine["like_for_like_to"])),
                f"{found['change'][measure]:+.2f}",
                score_text(ctx.found["means"][measure]),
            ]
        )
    means = table(
        ["Measure", f"{previous}", f"{ctx.edition}", "Change", f"{ctx.edition} as published"],
        lines,
        caption=f"Mean scores of {ctx.who}, {previous} and {ctx.edition}, like for like",
        numeric=[1, 2, 3, 4],
    )
    note = element(
        "p",
        f"Like for like: both editions' composites recomputed on the {len(like.shared_indicators)}"
        f" indicators both score, so an indicator added in {ctx.edition} is not counted as change.",
        class_="note",
    )
    moved = found["moved_quadrant"]
    if moved:
        names = {c.iso3: c.name for c in countries.all_countries()}
        moves = table(
            ["Country", f"{previous}", f"{ctx.edition}", "Moved by"],
            [[names[m["iso3"]], m["from"], m["to"], m["because"]] for m in moved],
            caption=f"Countries that changed quadrant since {previous} ({len(moved)})",
        )
    else:
        moves = element("p", f"No country changed quadrant since {previous}.", class_="note")
    return block(
        wrap("div", means, class_="table-block"), note, wrap("div", moves, class_="table-block")
    )


def heatmap(ctx: SummaryContext):
    """Every indicator of the members (of a large group, of its regions) as one heatmap."""
    from .. import figures

    chart = figures.region_heatmap.svg(
        None,
        ctx.edition,
        members=list(ctx.members),
        name=ctx.title if ctx.scope != "world" else "the world",
        annotate=len(ctx.members) <= 12,
    )
    return block(chart_html(chart, f"Indicator scores, {ctx.edition}"))


def world_map(ctx: SummaryContext):
    """Criminality on a map zoomed to the members (the world's: criminality and resilience)."""
    from .. import figures

    measures = HEADLINES if ctx.is_world else HEADLINES[:1]
    parts = []
    for measure in measures:
        fig = figures.choropleth(
            measure,
            ctx.edition,
            members=None if ctx.is_world else list(ctx.members),
            name=ctx.title,
        )
        caption = f"{catalogue.get(measure).label} by country, {ctx.edition}"
        caption += "" if ctx.is_world else f", zoomed to {ctx.title}"
        parts.append(figure_html(fig, caption, fmt="png"))
    return block(*parts)


def rank_intervals(ctx: SummaryContext):
    """Each member's criminality rank under the audit's perturbations (5th to 95th percentile
    of 1,000 runs); for a long list the widest intervals.

    >>> html = rank_intervals(context("region", "Western Europe", 2023)).data
    >>> html.count("<tr>") - 1
    11
    """
    table_ = edition_analysis(ctx.edition).audit.rank_uncertainty
    rows = table_[table_["iso3"].isin(ctx.members)].copy()
    rows["width"] = rows["q95"] - rows["q05"]
    if len(rows) > LONG_LIST:
        rows = rows.sort_values(["width", "nominal"], ascending=[False, True], kind="stable")
        rows = rows.head(15)
        caption = f"The 15 widest 5–95% criminality rank intervals of {ctx.who}, {ctx.edition}"
    else:
        rows = rows.sort_values("nominal", kind="stable")
        caption = f"Criminality rank intervals of {ctx.who}, {ctx.edition}"
    return frame_table(
        rows,
        {
            "country": "Country",
            "nominal": "Published rank",
            "median": "Median rank",
            "q05": "5th percentile",
            "q95": "95th percentile",
            "width": "Interval width",
        },
        caption=caption,
    )


def side_by_side(ctx: SummaryContext):
    """The compared countries' composites and every indicator, one column per country.

    >>> html = side_by_side(comparison(["Belgium", "Netherlands"], 2023)).data
    >>> "<th class=\\"num\\">Belgium</th><th class=\\"num\\">Netherlands</th>" in html
    True
    """
    frame = ctx.frame.set_index("iso3")
    names = [countries.lookup(c).name for c in ctx.members]
    parts = []
    groups = [("Composite scores", catalogue.COMPOSITES)] + [
        (catalogue.get(p).label, catalogue.indicators(ctx.edition, p)) for p in catalogue.PILLARS
    ]
    for title, measures in groups:
        rows = [[m.label, *(score_text(frame.at[c, m.id]) for c in ctx.members)] for m in measures]
        parts.append(
            wrap(
                "div",
                table(
                    ["Measure", *names],
                    rows,
                    caption=f"{title}, {ctx.edition}",
                    numeric=list(range(1, len(names) + 1)),
                    class_="data indicators",
                ),
                class_="table-block",
            )
        )
    return block(*parts)


def source_and_citation(ctx: SummaryContext):
    """The data's source and citation, and the population's (World Bank).

    >>> "SP.POP.TOTL" in source_and_citation(context("world", None, 2023)).data
    True
    """
    from .text import source_and_citation as index_sources

    people = element(
        "p",
        f"Population: World Bank, World Development Indicators, total population (SP.POP.TOTL), "
        f"{ctx.found['population_year']}, for the 193 countries (data/population.csv).",
    )
    return block(index_sources(ctx.edition).data, people)
