"""The indicator report's sections: one composite or indicator across the world, as the
publisher's indicator pages show it (``notebooks/indicator_report.ipynb``).

Every number comes from :func:`ocanalysis.analysis.indicator.indicator` (the publisher's group
means and ranks); the charts are the package's own figures (map, distribution, a scatter against
a second indicator).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .. import catalogue, i18n
from ..analysis.indicator import indicator
from ..dataset import check_edition
from ..i18n import N_, _
from . import outline
from .figure import chart_html
from .markup import block, element, table, wrap
from .tables import score_text

KIND = N_("Indicator report")


@dataclass(frozen=True)
class IndicatorContext:
    """What an indicator report is about: the measure, the edition, the indicator it is compared
    with, and the findings (:func:`analysis.indicator.indicator`)."""

    measure: str
    edition: int
    partner: str
    found: dict = field(repr=False, compare=False)

    @property
    def title(self) -> str:
        """The report's heading in the current language.

        >>> ctx = context("law_enforcement", 2023)
        >>> with i18n.use("fr"):
        ...     ctx.title
        "Forces de l'ordre"
        """
        return i18n.label(self.measure)

    @functools.cached_property
    def sections(self) -> tuple[str, ...]:
        """The sections this report shows (the movers only where there is a previous edition
        scoring the indicator)."""
        return tuple(
            k for k in outline.INDICATOR_REPORT if k != "movers" or self.found["moved_most"]
        )


def context(
    measure: str,
    edition: int | None = None,
    *,
    compare_with: str | None = None,
    lang: str | None = None,
) -> IndicatorContext:
    """The context of one indicator's report (ids or labels); ``compare_with``: the second
    indicator of the scatter (default: resilience for a criminality measure, criminality for a
    resilience one); ``lang`` the report's language.

    >>> ctx = context("Law enforcement", 2023)
    >>> ctx.measure, ctx.partner, ctx.found["mean"]
    ('law_enforcement', 'criminality', 4.87)
    """
    from ..figures._scatter import default_partner

    i18n.set_language(lang)
    found = indicator(measure, check_edition(edition))
    partner = catalogue.lookup(compare_with).id if compare_with else default_partner(found["id"])
    return IndicatorContext(found["id"], found["edition"], partner, found)


def _section(key: str, *parts):
    return outline.section(
        key,
        *(p.data if hasattr(p, "data") else str(p) for p in parts),
        outline=outline.INDICATOR_SECTIONS,
    )


def header(ctx: IndicatorContext):
    """Title block: the indicator, its pillar, the world mean and its change, how many countries.

    >>> html = header(context("law_enforcement", 2023)).data
    >>> '<h1 class="title">Law enforcement</h1>' in html, "4.87" in html
    (True, True)
    """
    found = ctx.found
    since = (
        element(
            "span",
            _("{change} since {edition}").format(
                change=i18n.signed(found["change"]), edition=found["change_from"]
            ),
            class_="change",
        )
        if found["change"] is not None
        else ""
    )
    cards = wrap(
        "div",
        element("span", score_text(found["mean"]), class_="value")
        + element("span", _("World mean"), class_="label")
        + since,
        class_="headline",
    )
    pillar = _("Composite score") if found["composite"] else i18n.label(found["pillar"])
    where = ngettext_countries(len(found["ranking"]))
    kicker = _("Global Organized Crime Index, {edition} edition · {kind}").format(
        edition=ctx.edition, kind=_(KIND)
    )
    return block(
        wrap(
            "header",
            element("p", kicker, class_="kicker")
            + element("h1", ctx.title, class_="title")
            + element("p", f"{pillar} · {where}", class_="where")
            + wrap("div", cards, class_="headlines"),
            class_="report-header",
        )
    )


def ngettext_countries(count: int) -> str:
    return i18n.ngettext("{count} country scored", "{count} countries scored", count).format(
        count=i18n.integer(count)
    )


def contents(ctx: IndicatorContext):
    """The numbered list of the report's sections."""
    return outline.contents(ctx.sections, outline.INDICATOR_SECTIONS)


def ranking(ctx: IndicatorContext):
    """Every country ranked, highest score first: one row per score, its countries sharing the
    rank, as the publisher ranks ties. (One row per score, not per country: a table of 193 rows
    or a 193-item list costs WeasyPrint about two seconds a page; this, a few tenths.)

    >>> html = ranking(context("law_enforcement", 2023)).data
    >>> html.count("<tr>") - 1, "<td>Iceland, Singapore</td>" in html
    (16, True)
    """
    rows, group = [], []
    for row in ctx.found["ranking"] + [None]:  # None closes the last group
        if group and (row is None or row["rank"] != group[0]["rank"]):
            rows.append(
                [
                    i18n.integer(group[0]["rank"]),
                    score_text(group[0]["score"]),
                    ", ".join(i18n.country(r["iso3"]) for r in group),
                ]
            )
            group = []
        if row is not None:
            group.append(row)
    caption = _("{measure}, {edition}: every country, highest score first").format(
        measure=i18n.label(ctx.measure), edition=ctx.edition
    )
    return _section(
        "ranking",
        table(
            [_("Rank"), _("Score"), _("Countries")],
            rows,
            caption=caption,
            numeric=[0, 1],
            class_="data ranking",
        ),
    )


def world_map(ctx: IndicatorContext):
    """The indicator on the world map (drawn once per kernel, edition and measure)."""
    from .sections import world_map_html

    return _section("map", world_map_html(ctx.measure, ctx.edition))


def distribution(ctx: IndicatorContext):
    """How many countries have each score (a histogram in half-point bins)."""
    from .. import figures

    chart = figures.score_histogram.svg(ctx.measure, ctx.edition)
    caption = _("Countries per score, {edition}").format(edition=ctx.edition)
    return _section("distribution", chart_html(chart, caption))


def groups(ctx: IndicatorContext):
    """The continents' and regions' means, ranked, with their population (World Bank).

    >>> html = groups(context("resilience", 2023)).data
    >>> "<td>Northern Europe</td>" in html
    True
    """
    found = ctx.found
    parts = []
    for level, heading, name in (
        ("continents", _("Continent"), i18n.continent),
        ("regions", _("Region"), i18n.region),
    ):
        rows = [
            [
                i18n.integer(g[f"{ctx.measure}_rank"]),
                name(g["name"]),
                score_text(g[ctx.measure]),
                i18n.integer(g["countries"]),
                i18n.number(g["population"] / 1e6, 1),
            ]
            for g in found[level]
        ]
        caption = (
            _("Continents by mean score, {edition}")
            if level == "continents"
            else _("Regions by mean score, {edition}")
        ).format(edition=ctx.edition)
        parts.append(
            table(
                [_("Rank"), heading, _("Mean"), _("Countries"), _("Population (millions)")],
                rows,
                caption=caption,
                numeric=[0, 2, 3, 4],
            )
        )
    note = element(
        "p",
        _(
            "Means are the publisher's: the mean of the countries' unrounded scores, rounded "
            "half up. Population: World Bank, {year}."
        ).format(year=found["population_year"]),
        class_="note",
    )
    return _section("groups", *parts, note)


def movers(ctx: IndicatorContext):
    """The countries whose score changed most since the previous edition (nothing where the
    indicator has no previous edition: the section is then left out of the report)."""
    found = ctx.found
    if not found["moved_most"]:
        return block("")
    rows = [
        [
            i18n.country(row["iso3"]),
            score_text(row["from"]),
            score_text(row["to"]),
            i18n.signed(row["change"]),
        ]
        for row in found["moved_most"]
    ]
    return _section(
        "movers",
        table(
            [_("Country"), str(found["change_from"]), str(ctx.edition), _("Change")],
            rows,
            caption=_("Largest changes, {older} to {newer}").format(
                older=found["change_from"], newer=ctx.edition
            ),
            numeric=[1, 2, 3],
        ),
    )


def compare(ctx: IndicatorContext):
    """The indicator against a second one (the publisher's "compare with another indicator"),
    every country a dot, with their correlation."""
    from .. import figures

    chart = figures.indicator_scatter.svg(ctx.measure, ctx.partner, ctx.edition)
    caption = _("{first} against {second}, {edition}").format(
        first=i18n.label(ctx.measure),
        second=i18n.in_sentence(i18n.label(ctx.partner)),
        edition=ctx.edition,
    )
    return _section("compare", chart_html(chart, caption))


def source_and_citation(ctx: IndicatorContext):
    """The data's source and citation."""
    from .text import source_and_citation as sources

    return sources(ctx.edition)
