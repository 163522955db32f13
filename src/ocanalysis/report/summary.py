"""Sections of the summary reports: the world, a continent, a region, or 2 to 6 countries.

One :class:`SummaryContext` per report holds the members and their headline findings
(:func:`ocanalysis.analysis.findings.headlines`), computed once; every section reads them, so the
figures, the tables and the sentences of a report state the same numbers. The same sections make
every kind of summary report: what differs is only who the members are.

Each section is written in the current language (:mod:`ocanalysis.i18n`), which
:func:`context` and :func:`comparison` set from the notebook's ``lang`` parameter; each section's
heading and lead are in ``outline.SUMMARY_SECTIONS``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from .. import catalogue, countries, i18n
from ..analysis import findings
from ..analysis.change import shared_indicators
from ..analysis.edition import edition_analysis
from ..analysis.means import group_mean
from ..dataset import check_edition, wide
from ..errors import ArgumentError
from ..i18n import N_, _, ngettext
from ..scoring import rank_desc
from . import outline
from .figure import chart_html, figure_html
from .markup import block, element, esc, table, wrap
from .tables import frame_table, score_text

HEADLINES = ("criminality", "resilience")
LONG_LIST = 30  # above this many members, rankings show the top and bottom ten
SHOWN = 10
MAX_COMPARED = 6

KINDS = {
    "world": N_("World report"),
    "continent": N_("Continent report"),
    "region": N_("Region report"),
    "countries": N_("Comparison"),
}


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
        """The report's heading, in the current language.

        >>> ctx = context("region", "Western Europe", 2023)
        >>> ctx.title
        'Western Europe'
        >>> with i18n.use("fr"):
        ...     ctx.title
        "Europe de l'Ouest"
        """
        if self.scope == "world":  # a heading's words, not a title's 'World'
            return _("The world")
        return i18n.subject(self.scope, str(self.name), self.members)

    @property
    def who(self) -> str:
        """How sentences name the members: 'the world's 193 countries', 'the 11 countries of
        Western Europe', 'the 2 countries compared'.

        >>> ctx = context("continent", "Africa", 2023)
        >>> ctx.who
        'the 54 countries of Africa'
        >>> with i18n.use("fr"):
        ...     ctx.who
        "les 54 pays de l'Afrique"
        """
        n = i18n.integer(len(self.members))
        if self.scope == "world":
            return _("the world's {count} countries").format(count=n)
        if self.scope == "countries":
            return _("the {count} countries compared").format(count=n)
        # The name as 'of' takes it: the language's preposition and article ('de l'Afrique').
        of = i18n.of_continent if self.scope == "continent" else i18n.of_region
        return _("the {count} countries of {name}").format(count=n, name=of(str(self.name)))

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        """The members' rows of the edition, in :attr:`members` order."""
        return wide(self.edition).set_index("iso3").loc[list(self.members)].reset_index()

    @property
    def is_world(self) -> bool:
        return self.scope == "world"

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections the report shows: change only where there is a previous edition.

        >>> "change" in context("world", None, 2021).sections, "change" in context("world", None, 2023).sections
        (False, True)
        """
        keys = outline.COMPARISON_REPORT if self.scope == "countries" else outline.SUMMARY_REPORT
        return tuple(k for k in keys if k != "change" or self.found["change_from"] is not None)


def context(
    scope: str, name: str | None = None, edition: int | None = None, *, lang: str | None = None
) -> SummaryContext:
    """The context of a world, continent or region report (``scope``), e.g. from the summary
    notebook's parameters; ``lang`` (en, fr, es, pt; None: English) becomes the language every
    section writes in.

    >>> ctx = context("continent", "europe", 2025)
    >>> ctx.name, len(ctx.members), ctx.found["countries"]
    ('Europe', 44, 44)
    """
    i18n.set_language(lang)
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


def comparison(names, edition: int | None = None, *, lang: str | None = None) -> SummaryContext:
    """The context of a comparison of 2 to 6 countries (names, aliases or codes), in the order
    given; ``lang`` as for :func:`context`.

    >>> comparison(["NLD", "Belgium"], 2023).members
    ('NLD', 'BEL')
    """
    i18n.set_language(lang)
    chosen = list(dict.fromkeys(countries.lookup(n).iso3 for n in names))
    if not 2 <= len(chosen) <= MAX_COMPARED:
        raise ArgumentError(f"a comparison needs 2 to {MAX_COMPARED} countries, not {len(chosen)}")
    edition = check_edition(edition)
    found = findings.headlines(edition, countries=chosen)
    return SummaryContext("countries", found["name"], edition, tuple(chosen), found)


# --------------------------------------------------------------------------- sections


def _section(key: str, *parts):
    """The summary section ``key`` (its heading and lead from ``outline.SUMMARY_SECTIONS``)."""
    return outline.section(
        key,
        *(p.data if hasattr(p, "data") else str(p) for p in parts),
        outline=outline.SUMMARY_SECTIONS,
    )


def contents(ctx: SummaryContext):
    """The report's numbered list of sections (a comparison has its side-by-side tables too).

    >>> "Side by side" in contents(comparison(["BEL", "NLD"], 2023)).data
    True
    """
    return outline.contents(ctx.sections, outline.SUMMARY_SECTIONS)


def _percent(share: float) -> str:
    return i18n.percent(share, 1)


def _change(value: float) -> str:
    """A change with its sign: '+0.25', '-0.50' in English (as the summaries always printed it),
    the language's own format elsewhere ('−0,50', with a true minus sign).

    >>> _change(-0.5)
    '-0.50'
    >>> with i18n.use("fr"):
    ...     _change(-0.5)
    '−0,50'
    """
    if i18n.language() == i18n.DEFAULT:
        return f"{value:+.2f}"
    return i18n.signed(value, 2)


_lower = i18n.in_sentence


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
            element(
                "span",
                _("{change} since {edition}").format(
                    change=_change(change), edition=found["change_from"]
                ),
                class_="change",
            )
            if change is not None
            else ""
        )
        cards.append(
            wrap(
                "div",
                element("span", score_text(found["means"][measure]), class_="value")
                + element(
                    "span", _("{measure}: mean").format(measure=i18n.label(measure)), class_="label"
                )
                + since,
                class_=f"headline {measure}",
            )
        )
    where = ngettext(
        "{count} country, {millions} million people (World Bank, {year})",
        "{count} countries, {millions} million people (World Bank, {year})",
        found["countries"],
    ).format(
        count=i18n.integer(found["countries"]),
        millions=i18n.integer(round(found["population"] / 1e6)),
        year=found["population_year"],
    )
    kicker = _("Global Organized Crime Index, {edition} edition · {kind}").format(
        edition=ctx.edition, kind=_(KINDS[ctx.scope])
    )
    return block(
        wrap(
            "header",
            element("p", kicker, class_="kicker")
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
        ngettext(
            "{count} of {who} has high criminality and low resilience, home to {share} of their "
            "population.",
            "{count} of {who} have high criminality and low resilience, home to {share} of "
            "their population.",
            worst["countries"],
        ).format(
            count=i18n.integer(worst["countries"]),
            who=ctx.who,
            share=_percent(worst["population_share"]),
        )
        if worst["countries"]
        else _("None of {who} has both high criminality and low resilience.").format(who=ctx.who),
        _(
            "{high_criminality} of the population lives with high criminality, "
            "{low_resilience} with low resilience."
        ).format(
            high_criminality=_percent(shares["high criminality"]),
            low_resilience=_percent(shares["low resilience"]),
        ),
        _(
            "The most pervasive criminal market is {market} (mean {market_mean}); the most "
            "pervasive criminal actors are {actors} (mean {actors_mean})."
        ).format(
            market=_lower(i18n.label(market)),
            market_mean=score_text(market_mean),
            actors=_lower(i18n.label(actor)),
            actors_mean=score_text(actor_mean),
        ),
    ]
    if found["change"] is not None:
        change = found["change"]["criminality"]
        count = len(found["moved_quadrant"])
        moved = ngettext(
            "{count} country changed quadrant", "{count} countries changed quadrant", count
        ).format(count=i18n.integer(count))
        if change > 0:
            sentence = _(
                "Mean criminality rose by {change} since {edition} (like for like); {moved}."
            )
        elif change < 0:
            sentence = _(
                "Mean criminality fell by {change} since {edition} (like for like); {moved}."
            )
        else:
            sentence = _(
                "Mean criminality did not change since {edition} (like for like); {moved}."
            )
        items.append(
            sentence.format(
                change=i18n.number(abs(change), 2), edition=found["change_from"], moved=moved
            )
        )
    note = element(
        "p",
        _("High means a score of 5.5 or more, on each axis: the publisher's vulnerability matrix.")
        if found["cutoffs_from"] == "publisher"
        else _("Cut-offs: criminality {criminality}, resilience {resilience}.").format(
            criminality=i18n.number(found["cutoffs"]["criminality"], 2),
            resilience=i18n.number(found["cutoffs"]["resilience"], 2),
        ),
        class_="note",
    )
    return _section(
        "key_findings",
        wrap("ul", "".join(element("li", i) for i in items), class_="findings"),
        note,
    )


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
    everyone = len(wide(ctx.edition))
    for measure in HEADLINES:
        label = i18n.label(measure)
        ranked = _ranked(ctx, measure)
        columns = {
            "rank": _("Rank"),
            "country": _("Country"),
            measure: label,
            "global_rank": _("Of {count}").format(count=i18n.integer(everyone)),
        }
        if ctx.scope in ("world", "continent"):
            columns = {**columns, "region": _("Region")}
        if len(ranked) > LONG_LIST:
            shown = pd.concat([ranked.head(SHOWN), ranked.tail(SHOWN)])
            caption = _("{measure}: the {shown} highest and the {shown} lowest of {who}").format(
                measure=label, shown=i18n.integer(SHOWN), who=ctx.who
            )
        else:
            shown = ranked
            caption = _("{measure}: {who}, highest first").format(measure=label, who=ctx.who)
        parts.append(frame_table(shown, columns, caption=caption).data)
    return _section("rankings", *parts)


def regions(ctx: SummaryContext):
    """Mean composites of each region concerned, ranked by criminality among all 22, with their
    population: all 22 for the world (and the 5 continents); a continent's own; for a region,
    the regions of its continent; for a comparison, the regions of its countries.

    >>> html = regions(context("world", None, 2023)).data
    >>> html.count("<tr>") - 2, "<td>Central America</td><td>Americas</td>" in html  # 2 headers
    (27, True)
    >>> regions(context("region", "Western Europe", 2023)).data.count("<tr>") - 1
    4
    """
    frame = wide(ctx.edition)
    if ctx.scope == "continent":
        wanted = set(frame.loc[frame["continent"] == ctx.name, "region"])
    elif ctx.scope == "region":
        continent = frame.loc[frame["iso3"] == ctx.members[0], "continent"].iloc[0]
        wanted = set(frame.loc[frame["continent"] == continent, "region"])
    elif ctx.scope == "countries":
        wanted = set(frame.loc[frame["iso3"].isin(ctx.members), "region"])
    else:
        wanted = set(frame["region"])
    measures = list(catalogue.COMPOSITE_IDS)
    header = [
        _("Rank"),
        _("Countries"),
        _("Population (millions)"),
        *(i18n.label(m) for m in measures),
    ]

    def rows(groups, name, extra=None):
        return [
            [i18n.integer(g["criminality_rank"]), name(g["name"])]
            + ([extra(g)] if extra else [])
            + [i18n.integer(g["countries"]), i18n.number(g["population"] / 1e6, 1)]
            + [score_text(g[m]) for m in measures]
            for g in groups
        ]

    parts = []
    if ctx.is_world:  # the continents too, as ocindex.net ranks them
        continents = findings.group_rankings(ctx.edition, "continent", measures)
        parts.append(
            table(
                [header[0], _("Continent"), *header[1:]],
                rows(continents, i18n.continent),
                caption=_("Continents by mean criminality, {edition}").format(edition=ctx.edition),
                numeric=[0, 2, 3, 4, 5, 6, 7],
            )
        )
    groups = [
        g for g in findings.group_rankings(ctx.edition, "region", measures) if g["name"] in wanted
    ]
    parts.append(
        table(
            [header[0], _("Region"), _("Continent"), *header[1:]],
            rows(groups, i18n.region, lambda g: i18n.continent(g["continent"])),
            caption=_("Regional means, {edition} (highest criminality first)").format(
                edition=ctx.edition
            ),
            numeric=[0, 3, 4, 5, 6, 7, 8],
        )
    )
    note = element(
        "p",
        _(
            "Ranks among all {count} regions (continents: among the 5) by mean criminality. "
            "Means are the publisher's: the mean of the countries' unrounded scores, rounded half "
            "up. Population: World Bank, {year}."
        ).format(count=i18n.integer(len(countries.REGIONS)), year=ctx.found["population_year"]),
        class_="note",
    )
    return _section("regions", *parts, note)


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
            _("{measure}: countries per half point, {edition}").format(
                measure=i18n.label(m), edition=ctx.edition
            ),
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
                    _("{measure} within each region, {edition}").format(
                        measure=i18n.label(measure), edition=ctx.edition
                    ),
                )
            )
    return _section("distributions", *parts)


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
        [i18n.quadrant(name), i18n.integer(q["countries"]), _percent(q["population_share"])]
        for name, q in found["quadrants"].items()
    ]
    rows.append([_("all"), i18n.integer(found["countries"]), _percent(1.0)])
    counts = table(
        [_("Quadrant"), _("Countries"), _("Share of the population")],
        rows,
        caption=_("The vulnerability matrix, {edition}: {who}").format(
            edition=ctx.edition, who=ctx.who
        ),
        numeric=[1, 2],
        row_classes=[None] * 4 + ["total"],
    )
    cuts = found["cutoffs"]
    note = element(
        "p",
        _(
            "High means a score of {criminality} or more (criminality) and {resilience} or more "
            "(resilience), the publisher's cut-offs. Population: World Bank (SP.POP.TOTL), {year}."
        ).format(
            criminality=i18n.number(cuts["criminality"], 2),
            resilience=i18n.number(cuts["resilience"], 2),
            year=found["population_year"],
        ),
        class_="note",
    )
    chart = figures.quadrant_scatter.svg(
        None,
        ctx.edition,
        members=list(ctx.members),
        name=_("All countries") if ctx.is_world else ctx.title,
    )
    return _section(
        "matrix",
        chart_html(
            chart, _("Criminality against resilience, {edition}").format(edition=ctx.edition)
        ),
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
            row = [i18n.label(indicator), score_text(mean)]
            if not ctx.is_world:
                row.append(score_text(group_mean(world_frame, indicator)))
            rows.append(row)
        header = [_("Indicator"), _("Mean")] + ([] if ctx.is_world else [_("World mean")])
        parts.append(
            table(
                header,
                rows,
                caption=_("Most pervasive {pillar}, {edition}").format(
                    pillar=_lower(i18n.label(pillar)), edition=ctx.edition
                ),
                numeric=[1, 2],
            )
        )
    return _section("pervasive", *(wrap("div", p, class_="table-block") for p in parts))


MOVED_BY = {
    "criminality": N_("criminality"),
    "resilience": N_("resilience"),
    "both": N_("both"),
}
"""The axis that moved a country to another quadrant, as the change table names it."""


def change(ctx: SummaryContext):
    """The mean composites like for like against the previous edition, and the countries that
    changed quadrant.

    >>> html = change(context("world", None, 2025)).data
    >>> "Greece" in html, "like for like" in html
    (True, True)
    >>> change(context("world", None, 2021)).data  # the first edition: the section left out
    ''
    """
    found = ctx.found
    previous = found["change_from"]
    if previous is None:
        return block("")
    like = findings.like_for_like_means(previous, ctx.edition, list(ctx.members))
    lines = []
    for measure in catalogue.COMPOSITE_IDS:
        before, after = like[measure]
        lines.append(
            [
                i18n.label(measure),
                score_text(before),
                score_text(after),
                _change(found["change"][measure]),
                score_text(ctx.found["means"][measure]),
            ]
        )
    means = table(
        [
            _("Measure"),
            f"{previous}",
            f"{ctx.edition}",
            _("Change"),
            _("{edition} as published").format(edition=ctx.edition),
        ],
        lines,
        caption=_("Mean scores of {who}, {older} and {newer}, like for like").format(
            who=ctx.who, older=previous, newer=ctx.edition
        ),
        numeric=[1, 2, 3, 4],
    )
    note = element(
        "p",
        _(
            "Like for like: both editions' composites recomputed on the {count} indicators both "
            "score, so an indicator added in {edition} is not counted as change."
        ).format(
            count=i18n.integer(len(shared_indicators(previous, ctx.edition))),
            edition=ctx.edition,
        ),
        class_="note",
    )
    moved = found["moved_quadrant"]
    if moved:
        moves = table(
            [_("Country"), f"{previous}", f"{ctx.edition}", _("Moved by")],
            [
                [
                    i18n.country(m["iso3"]),
                    i18n.quadrant(m["from"]),
                    i18n.quadrant(m["to"]),
                    _(MOVED_BY.get(m["because"], m["because"])),
                ]
                for m in moved
            ],
            caption=_("Countries that changed quadrant since {edition} ({count})").format(
                edition=previous, count=i18n.integer(len(moved))
            ),
        )
    else:
        moves = element(
            "p",
            _("No country changed quadrant since {edition}.").format(edition=previous),
            class_="note",
        )
    return _section(
        "change",
        wrap("div", means, class_="table-block"),
        note,
        wrap("div", moves, class_="table-block"),
    )


def heatmap(ctx: SummaryContext):
    """Every indicator of the members (of a large group, of its regions) as one heatmap."""
    from .. import figures

    chart = figures.region_heatmap.svg(
        None,
        ctx.edition,
        members=list(ctx.members),
        name=ctx.title if ctx.scope != "world" else _("the world"),
        annotate=len(ctx.members) <= 12,
    )
    return _section(
        "indicators",
        chart_html(chart, _("Indicator scores, {edition}").format(edition=ctx.edition)),
    )


def world_map(ctx: SummaryContext):
    """The world's report: criminality and resilience on the whole map, each country named with
    its score on hover; a group's: criminality on a map zoomed to the members."""
    from .. import figures
    from .sections import world_map_html

    if ctx.is_world:
        return _section("map", *(world_map_html(m, ctx.edition) for m in HEADLINES))
    fig = figures.choropleth(HEADLINES[0], ctx.edition, members=list(ctx.members), name=ctx.title)
    caption = _("{measure} by country, {edition}, zoomed to {name}").format(
        measure=i18n.label(HEADLINES[0]), edition=ctx.edition, name=ctx.title
    )
    return _section("map", figure_html(fig, caption, fmt="png"))


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
        caption = _(
            "The {count} widest 5–95% criminality rank intervals of {who}, {edition}"
        ).format(count=i18n.integer(15), who=ctx.who, edition=ctx.edition)
    else:
        rows = rows.sort_values("nominal", kind="stable")
        caption = _("Criminality rank intervals of {who}, {edition}").format(
            who=ctx.who, edition=ctx.edition
        )
    return _section(
        "robustness",
        frame_table(
            rows,
            {
                "country": _("Country"),
                "nominal": _("Published rank"),
                "median": _("Median rank"),
                "q05": _("5th percentile"),
                "q95": _("95th percentile"),
                "width": _("Interval width"),
            },
            caption=caption,
        ),
    )


def side_by_side(ctx: SummaryContext):
    """The compared countries' composites and every indicator, one column per country.

    >>> html = side_by_side(comparison(["Belgium", "Netherlands"], 2023)).data
    >>> "<th class=\\"num\\">Belgium</th><th class=\\"num\\">Netherlands</th>" in html
    True
    """
    frame = ctx.frame.set_index("iso3")
    names = [i18n.country(c) for c in ctx.members]
    parts = []
    groups = [(_("Composite scores"), catalogue.COMPOSITES)] + [
        (i18n.label(p), catalogue.indicators(ctx.edition, p)) for p in catalogue.PILLARS
    ]
    for title, measures in groups:
        rows = [
            [i18n.label(m.id), *(score_text(frame.at[c, m.id]) for c in ctx.members)]
            for m in measures
        ]
        parts.append(
            wrap(
                "div",
                table(
                    [_("Measure"), *names],
                    rows,
                    caption=_("{group}, {edition}").format(group=title, edition=ctx.edition),
                    numeric=list(range(1, len(names) + 1)),
                    class_="data indicators",
                ),
                class_="table-block",
            )
        )
    return _section("side_by_side", *parts)


def source_and_citation(ctx: SummaryContext):
    """The data's source and citation, and the population's (World Bank).

    >>> "SP.POP.TOTL" in source_and_citation(context("world", None, 2023)).data
    True
    """
    from .text import source_and_citation as index_sources

    sentence = _(
        "Population: World Bank, {database}, total population (SP.POP.TOTL), {year}, for the "
        "{count} countries (data/population.csv)."
    ).format(
        database="\0",
        year=ctx.found["population_year"],
        count=i18n.integer(len(countries.all_countries())),
    )
    before, after = sentence.split("\0")
    database = "World Development Indicators"  # the World Bank's title, in English
    if i18n.language() != i18n.DEFAULT:  # marked as English in another language's page
        database = element("span", database, lang="en")
    people = wrap("p", esc(before) + database + esc(after))
    return block(index_sources(ctx.edition).data, people)
