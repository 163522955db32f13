"""One call per report section: the analysis and figures for one country, as escaped HTML."""

from __future__ import annotations

import functools

import pandas as pd

from .. import catalogue, i18n
from ..errors import ReportError
from ..i18n import N_, _
from . import outline
from .context import ReportContext
from .figure import chart_html, png_figure_html
from .markup import block, element, esc, table, wrap
from .outline import section
from .tables import composites_table, frame_table, indicators_table, rank_summary


def contents(ctx: ReportContext | None = None):
    """The report's numbered list of sections: those it shows (:func:`shown`); without
    ``ctx``, every section of the country report.

    >>> from ocanalysis.profile import profile
    >>> "#narrative" in contents(ReportContext(profile("Belgium", 2023), 2021, None)).data
    False
    """
    return outline.contents(shown(ctx) if ctx is not None else outline.COUNTRY_REPORT)


def shown(ctx: ReportContext) -> tuple[str, ...]:
    """The country report's sections that have something to show for ``ctx``: no narrative
    without a profile text, no change without an earlier edition, no trend in the country's
    first edition (those sections then write nothing).

    >>> from ocanalysis.profile import profile
    >>> [k for k in outline.COUNTRY_REPORT if k not in shown(ReportContext(profile("Belgium", 2021), None, None))]
    ['change', 'trend', 'narrative']
    """
    from ..analysis.change import trend as trend_of

    empty = set()
    if ctx.parsed is None:
        empty.add("narrative")
    if ctx.compare_edition is None:
        empty.add("change")
    if len(trend_of(ctx.profile.iso3, up_to=ctx.edition)[0]) < 2:
        empty.add("trend")
    return tuple(key for key in outline.COUNTRY_REPORT if key not in empty)


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
    return section("summary", rank_summary(ctx.profile).data, composites_table(ctx.profile))


def indicators(ctx: ReportContext):
    """Per pillar: the indicator dot chart (country, region, world) and the scores table."""
    from .. import figures

    parts = []
    for pillar in catalogue.PILLARS:
        chart = figures.indicator_dots.svg(ctx.place, ctx.edition, pillar)
        parts.append(
            wrap(
                "div",
                chart_html(chart, _("{pillar}: indicator scores").format(pillar=i18n.label(pillar)))
                + indicators_table(ctx.profile, pillar),
                class_="pillar",
            )
        )
    return section("indicators", *parts)


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
                        "label": _("Measure"),
                        "score": i18n.country(ctx.profile.iso3),
                        "region_mean": _("Region mean"),
                        "continent_mean": _("Continent mean"),
                        "world_mean": _("World mean"),
                    },
                ),
                caption=_("Composite scores against group means"),
            )
        )
    ]
    strong, weak = peers_module.strengths_weaknesses(ctx.place, ctx.edition, 5)
    wanted = {
        "label": _("Indicator"),
        "score": _("Score"),
        "region_mean": _("Region mean"),
        "better": _("Better is"),
        "advantage": _("Advantage"),
    }
    for frame, title in (
        (strong, _("Strengths: indicators better than the region's mean")),
        (weak, _("Weaknesses: indicators worse than the region's mean")),
    ):
        if len(frame):
            frame = frame.assign(better=frame["better"].map(_better))
            parts.append(_html(frame_table(frame, _columns(frame, wanted), caption=title)))
        else:
            parts.append(element("p", _("{title}: none.").format(title=title), class_="note"))
    return section("peers", *parts)


def _better(direction: str) -> str:
    """The 'better is' column's words ('lower', 'higher') in the report's language."""
    return {"lower": _("lower"), "higher": _("higher")}.get(direction, direction)


def change(ctx: ReportContext):
    """Change since the compare edition: composites published and like for like, ranks, and the
    indicators whose score moved.

    >>> from ocanalysis.profile import profile
    >>> change(ReportContext(profile("Belgium", 2021), None, None)).data  # nothing to compare
    ''
    """
    if ctx.compare_edition is None:  # nothing to show: no section (and no contents entry)
        return block("")
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
            _("Scores in {older} and {newer}").format(older=older, newer=newer),
        ),
        _html(
            frame_table(
                composites,
                {
                    "label": _("Composite"),
                    "score_from": str(older),
                    "score_to": str(newer),
                    "change": _("Change"),
                    "like_for_like_change": _("Change like for like"),
                    "rank_from": _("Rank {edition}").format(edition=older),
                    "rank_to": _("Rank {edition}").format(edition=newer),
                },
                caption=_("Composite scores and global ranks, {older} and {newer}").format(
                    older=older, newer=newer
                ),
            )
        ),
    ]
    if len(moved):
        parts.append(
            _html(
                frame_table(
                    moved,
                    {
                        "label": _("Indicator"),
                        "score_from": str(older),
                        "score_to": str(newer),
                        "change": _("Change"),
                    },
                    caption=_(
                        "Indicators whose score changed ({moved} of {scored} scored in both "
                        "editions)"
                    ).format(moved=len(moved), scored=len(frame) - len(composites)),
                )
            )
        )
    else:
        parts.append(
            element("p", _("No indicator scored in both editions changed."), class_="note")
        )
    return section("change", *parts)


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
            axis = {
                "criminality": _("its criminality crossed 5.5"),
                "resilience": _("its resilience crossed 5.5"),
                "both": _("its criminality and resilience crossed 5.5"),
            }[row["because"]]
            moved = " " + _("It moved there from '{quadrant}' since {edition}: {axis}.").format(
                quadrant=i18n.quadrant(row["from"]), edition=ctx.compare_edition, axis=axis
            )
        else:
            moved = " " + _("It was in the same quadrant in {edition}.").format(
                edition=ctx.compare_edition
            )
    finding = _("{country} is in the quadrant: {quadrant}.").format(
        country=i18n.country(ctx.profile.iso3), quadrant=i18n.quadrant(quadrant_name)
    )
    return section(
        "quadrant",
        element("p", finding + moved, class_="finding"),
        element("p", ctx.analysis.classification.thresholds.describe(), class_="note"),
        chart_html(
            figures.quadrant_scatter.svg(ctx.place, ctx.edition),
            _("Criminality against resilience, {edition}").format(edition=ctx.edition),
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
    table = frame_table(
        frame,
        _columns(
            frame,
            {
                "country": _("Country"),
                "region": _("Region"),
                "distance": _("Distance"),
                "distance_criminal_markets": _("Markets"),
                "distance_criminal_actors": _("Actors"),
                "distance_resilience": i18n.label("resilience"),
            },
        ),
        caption=_(
            "The five countries closest to {country} (distance over all indicators, then by "
            "pillar; smaller is closer)"
        ).format(country=i18n.country(ctx.profile.iso3)),
    )
    return section("similar", table.data)


# Report text of the robustness section's sensitivity part (one place; translated where shown).
DRIVERS_CAPTIONS = {
    "criminality": N_("Criminality rank: what drives its uncertainty (Sobol' indices)"),
    "resilience": N_("Resilience rank: what drives its uncertainty (Sobol' indices)"),
}
DRIVERS_COLUMNS = {
    "label": N_("Uncertain input"),
    "first_order": N_("First order (alone), {confidence} interval"),
    "total_order": N_("Total order (with interactions), {confidence} interval"),
}
DRIVERS_INTERVAL = N_("{value} ({low}–{high})")
DRIVERS_NONE = N_("{country}'s {measure} rank is the same under every choice the analysis varies.")
DRIVERS_MAIN = N_(
    "Under the index's choices {country}'s {measure} rank varies by {sd} places (standard "
    "deviation); what drives it most: {names}."
)
DRIVERS_NOTE = N_(
    "Sobol' indices of {samples} base samples (first order: the input alone; total order: with "
    "its interactions). The inputs: every indicator weight within ±25\u00a0%, criminal markets "
    "against criminal actors within ±25\u00a0%, the arithmetic, geometric or harmonic mean, and no "
    "indicator or one left out. Each index is estimated from a sample, so it carries noise: "
    "its confidence interval is given beside it, first- and total-order indices whose intervals "
    "overlap do not differ beyond that noise, and an estimate below 0 (noise around a true 0) "
    "is shown as 0."
)
DRIVERS_AND = N_("{first} and {last}")
DRIVER_THRESHOLD = 0.1  # total-order index from which an input is named in the sentence
DRIVERS_NAMED = 3  # at most


def _drivers(ctx: ReportContext, measure: str) -> list[str]:
    """The sentence and the table naming the inputs that drive one rank's uncertainty."""
    from ..analysis.sensitivity import INPUT_LABELS

    result = ctx.analysis.sensitivity
    country = i18n.country(ctx.profile.iso3)
    name = i18n.label(measure).lower()
    row = result.countries.loc[result.countries["iso3"] == ctx.profile.iso3]
    if row.empty:
        raise ReportError(f"the sensitivity analysis has no row for {ctx.profile.iso3}")
    sd = float(row[f"{measure}_rank_sd"].iloc[0])
    drivers = result.drivers(ctx.profile.iso3, measure)
    if sd == 0:
        none = _(DRIVERS_NONE).format(country=country, measure=name)
        return [element("p", none, class_="note")]
    named = drivers.loc[drivers["total_order"] >= DRIVER_THRESHOLD].head(DRIVERS_NAMED)
    if named.empty:
        named = drivers.head(1)
    parts = [
        f"{_(INPUT_LABELS[r.input])} ({i18n.number(max(0.0, r.total_order))})"
        for r in named.itertuples()
    ]
    names = (
        _(DRIVERS_AND).format(first=", ".join(parts[:-1]), last=parts[-1])
        if len(parts) > 1
        else parts[0]
    )
    sentence = _(DRIVERS_MAIN).format(
        country=country, measure=name, sd=i18n.number(sd, 1), names=names
    )
    return [element("p", sentence), _drivers_table(drivers, measure)]


def _drivers_table(drivers: pd.DataFrame, measure: str) -> str:
    """The Sobol' indices of one rank, each with its confidence interval; an estimate below 0
    (sampling noise around 0) shown as 0."""
    from ..analysis.sensitivity import CONFIDENCE, INPUT_LABELS

    def shown(value: float) -> str:
        return i18n.number(max(0.0, float(value)), 2)

    _columns(
        drivers, {c: c for c in ("input", "first_low", "first_high", "total_low", "total_high")}
    )
    rows = [
        [_(INPUT_LABELS[r.input])]
        + [
            _(DRIVERS_INTERVAL).format(
                value=shown(getattr(r, f"{order}_order")),
                low=shown(getattr(r, f"{order}_low")),
                high=shown(getattr(r, f"{order}_high")),
            )
            for order in ("first", "total")
        ]
        for r in drivers.itertuples()
    ]
    level = i18n.percent(CONFIDENCE)
    header = [_(title).format(confidence=level) for title in DRIVERS_COLUMNS.values()]
    return table(header, rows, caption=_(DRIVERS_CAPTIONS[measure]), numeric=[1, 2])


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
    return section(
        "robustness",
        chart_html(
            figures.rank_robustness.svg(ctx.place, ctx.edition, audit=result),
            _("Rank under perturbation"),
        ),
        _html(
            frame_table(
                row,
                _columns(
                    row,
                    {
                        "country": _("Country"),
                        "nominal": _("Published rank"),
                        "median": _("Median rank"),
                        "q05": _("5th percentile"),
                        "q95": _("95th percentile"),
                    },
                ),
                caption=_("Criminality rank: published and under perturbation"),
            )
        ),
        *_drivers(ctx, "criminality"),
        *_drivers(ctx, "resilience"),
        element(
            "p",
            _(DRIVERS_NOTE).format(samples=i18n.integer(ctx.analysis.sensitivity.samples)),
            class_="note",
        ),
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
    if len(table) < 2:  # the country's first edition: no section (and no contents entry)
        return block("")
    rows = []
    for row in table.itertuples(index=False):
        rows.append(
            [
                str(row.edition),
                *(
                    f"{i18n.number(getattr(row, c))} "
                    f"({i18n.number(getattr(row, 'like_for_like_' + c))})"
                    for c in catalogue.COMPOSITE_IDS
                ),
                str(row.criminality_rank),
                str(row.resilience_rank),
                i18n.quadrant(row.quadrant),
            ]
        )
    header = [
        _("Edition"),
        *(i18n.label(c) for c in catalogue.COMPOSITE_IDS),
        _("Criminality rank"),
        _("Resilience rank"),
        _("Quadrant"),
    ]
    first, last = table.iloc[0], table.iloc[-1]
    delta = round(last["like_for_like_criminality"] - first["like_for_like_criminality"], 2)
    words = {
        "start": int(first["edition"]),
        "end": int(last["edition"]),
        "change": i18n.number(abs(delta)),
        "before": i18n.number(first["like_for_like_resilience"]),
        "after": i18n.number(last["like_for_like_resilience"]),
    }
    if delta > 0:
        sentence = _(
            "From {start} to {end}, like for like, criminality rose by {change} and resilience "
            "went from {before} to {after}."
        )
    elif delta < 0:
        sentence = _(
            "From {start} to {end}, like for like, criminality fell by {change} and resilience "
            "went from {before} to {after}."
        )
    else:
        sentence = _(
            "From {start} to {end}, like for like, criminality did not change and resilience "
            "went from {before} to {after}."
        )
    finding = element("p", sentence.format(**words), class_="finding")
    note = element(
        "p",
        _(
            "Each score is the published one; in brackets, the same composite on the {shared} "
            "indicators every edition from {start} scores, so the brackets compare like for "
            "like. Ranks of 193 countries; quadrants with the publisher's cut-offs (5.5 or more "
            "is high)."
        ).format(shared=len(shared), start=int(first["edition"])),
        class_="note",
    )
    from .markup import table as html_table

    return section(
        "trend",
        finding,
        wrap(
            "div",
            html_table(
                header,
                rows,
                caption=_("{country} in every edition to {edition}").format(
                    country=i18n.country(ctx.profile.iso3), edition=ctx.edition
                ),
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
    names = {"region": _("the region report"), "continent": _("the continent report")}
    links = []
    for kind in ("region", "continent"):
        href = (related or {}).get(kind)
        if href:
            links.append(wrap("a", esc(names[kind]), href=href))
    if not links:
        return block("")
    return block(wrap("p", esc(_("See also:")) + " " + ", ".join(links), class_="see-also"))


def world_map_html(measure: str, edition: int, country: str | None = None) -> str:
    from .. import figures

    # The map's pixels (a PNG: WeasyPrint draws one far faster than 193 countries' outlines) are
    # drawn once per kernel; each report's map is an SVG of them with its title and the
    # country's outline drawn over them as vectors. A map without a country is its PNG alone.
    image = figures.choropleth_svg(measure, edition, country=country)
    if country:
        caption = _("{measure} by country, {edition}, {country} outlined").format(
            measure=i18n.label(measure), edition=edition, country=i18n.country(country)
        )
    else:
        caption = _("{measure} by country, {edition}").format(
            measure=i18n.label(measure), edition=edition
        )
    if image.png is not None:
        return png_figure_html(image.png, image.alt, caption, image.hotspots)
    return chart_html(image, caption)


# The same for every country of an edition: drawn once per kernel and language, then reused.
@functools.cache
def _shared_world_map_html(measure: str, edition: int, lang: str) -> str:
    return world_map_html(measure, edition)


def world_map(ctx: ReportContext):
    """Criminality around the world with the country outlined, and resilience (shared map)."""
    return section(
        "map",
        world_map_html("criminality", ctx.edition, ctx.country),
        _shared_world_map_html("resilience", ctx.edition, i18n.language()),
    )
