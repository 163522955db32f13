"""The index's headline findings for the world, a continent, a region or a set of countries.

What the publisher's global reports state, computed from the scores and the World Bank
population (:mod:`ocanalysis.population`): how many countries and what share of the population
live in each quadrant of the vulnerability matrix (:func:`quadrant.classify`, the publisher's
cut-offs by default), the mean composites (rounded half up to hundredths, as the publisher rounds
its scores), their change since the previous edition like for like (:func:`change.like_for_like`:
only the indicators both editions score), the most pervasive markets and actors (highest mean
score), and the countries that moved quadrant.

The population shares the publisher states, and where, are :data:`PUBLISHED_SHARES`;
``tests/analysis/test_findings.py`` holds :func:`headlines` to each of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from fractions import Fraction

import numpy as np
import pandas as pd

from .. import catalogue, countries, dataset, population
from ..dataset import check_edition, editions, wide
from ..errors import ArgumentError
from ..scoring import edition_pillar_ids, rank_desc, round_half_up
from . import change, quadrant
from .edition import edition_analysis
from .means import group_mean, group_means

SCOPES = ("world", "continent", "region", "countries")
HEADLINE_MEANS = ("criminality", "criminal_markets", "criminal_actors", "resilience")
PERVASIVE = ("criminal_markets", "criminal_actors")
TOP = 3
SHARE_DIGITS = 4  # population shares as fractions to 1/10,000 (the publisher prints 79.4 %)

_LAUNCH_2023 = "https://gitoc.heysummit.com/talks/ocindex-2023/"
_PRESS_KIT_2023 = "https://page.globalinitiative.net/ocindex-2023-press-kit"

# What the publisher states of the world's population, with where it says it: the share and the
# precision it is printed to (digits after the point, in per cent).
PUBLISHED_SHARES: tuple[dict, ...] = (
    {
        "edition": 2021,
        "share": "low resilience",
        "percent": 79.4,
        "digits": 1,
        "source": f"Global Organized Crime Index 2023 launch (62% in 2023, 79.4% in 2021): "
        f"{_LAUNCH_2023}",
    },
    {
        "edition": 2023,
        "share": "low resilience",
        "percent": 62,
        "digits": 0,
        "source": f"Global Organized Crime Index 2023 launch (62% in 2023): {_LAUNCH_2023}",
    },
    {
        "edition": 2023,
        "share": "high criminality",
        "percent": 83,
        "digits": 0,
        "source": f"Global Organized Crime Index 2023 press kit (83%, from 79% in 2021): "
        f"{_PRESS_KIT_2023}",
    },
    {
        "edition": 2021,
        "share": "high criminality",
        "percent": 79,
        "digits": 0,
        "source": f"Global Organized Crime Index 2023 press kit (83%, from 79% in 2021): "
        f"{_PRESS_KIT_2023}",
    },
)

# The publisher's most pervasive market or actor type (the highest world mean), with where.
PUBLISHED_MOST_PERVASIVE: tuple[dict, ...] = (
    {
        "edition": 2021,
        "pillar": "criminal_markets",
        "id": "human_trafficking",
        "source": "Global Organized Crime Index 2021, key findings (human trafficking the most "
        "pervasive market): https://dpnsee.org/publication/global-organized-crime-index-reports-about-see/",
    },
    {
        "edition": 2021,
        "pillar": "criminal_actors",
        "id": "state_embedded_actors",
        "source": "Global Organized Crime Index 2021, key findings (state actors the most dominant): "
        "https://dpnsee.org/publication/global-organized-crime-index-reports-about-see/",
    },
    {
        "edition": 2025,
        "pillar": "criminal_markets",
        "id": "financial_crimes",
        "source": "Global Organized Crime Index 2025 launch (financial crimes top the list of "
        "pervasive markets): https://financialcrime.lu/presentations/2025/11/"
        "2025-11-10-GI-TOC-Global-Organized-Crime-Index-2025",
    },
)


class Headlines(dict):
    """The findings :func:`headlines` returns: a plain JSON-ready dict that also reads well.

    ``repr`` is one line, ``print`` the text of ``ocanalysis headlines``, JupyterLab shows
    compact tables (``_repr_html_``), and :meth:`tables` gives the sheets of ``--format xlsx``.

    >>> headlines(2023)
    <Headlines the world, 2023 edition: 193 countries; high criminality 82.7% of the population, low resilience 61.8%>
    """

    def _where(self) -> str:
        return "the world" if self["scope"] == "world" else self["name"]

    def __repr__(self) -> str:
        shares = self["population_share"]
        return (
            f"<Headlines {self._where()}, {self['edition']} edition: {self['countries']} "
            f"countries; high criminality {_percent(shares['high criminality'])} of the "
            f"population, low resilience {_percent(shares['low resilience'])}>"
        )

    def __str__(self) -> str:
        return text(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The findings as sheets: the summary, means, quadrants, most pervasive, moves, members,
        and the continents' and regions' ranked means with their population.

        >>> sheets = headlines(2023, region="Western Europe").tables()
        >>> list(sheets)
        ['summary', 'means', 'quadrants', 'most pervasive', 'moved quadrant', 'members', 'continents', 'regions']
        >>> int(sheets["quadrants"]["countries"].sum()), sheets["members"]["country"].iloc[0]
        (11, 'Andorra')
        """
        cuts = self["cutoffs"]
        summary = {
            "edition": self["edition"],
            "scope": self["scope"],
            "name": self["name"] or "",
            "countries": self["countries"],
            "population": self["population"],
            "population year": self["population_year"],
            "criminality cut-off": cuts["criminality"],
            "resilience cut-off": cuts["resilience"],
            "cut-offs from": self["cutoffs_from"],
            "change from": self["change_from"],
            **{f"population share, {k}": v for k, v in self["population_share"].items()},
        }
        change = self["change"] or {}
        means = pd.DataFrame(
            {
                "measure": list(self["means"]),
                "label": [catalogue.get(m).label for m in self["means"]],
                "mean": list(self["means"].values()),
                "change": [change.get(m) for m in self["means"]],
            }
        )
        quadrants = pd.DataFrame(
            [
                [name, q["countries"], q["population_share"]]
                for name, q in self["quadrants"].items()
            ],
            columns=["quadrant", "countries", "population_share"],
        )
        pervasive = pd.DataFrame(
            [
                [pillar, place, indicator, catalogue.get(indicator).label, mean]
                for pillar, top in self["most_pervasive"].items()
                for place, (indicator, mean) in enumerate(top, start=1)
            ],
            columns=["pillar", "place", "indicator", "label", "mean"],
        )
        names = {c.iso3: c.name for c in countries.all_countries()}
        moved = pd.DataFrame(
            [
                [m["iso3"], names.get(m["iso3"], ""), m["from"], m["to"], m["because"]]
                for m in self["moved_quadrant"] or []
            ],
            columns=["iso3", "country", "from", "to", "because"],
        )
        members_ = pd.DataFrame(
            {"iso3": self["members"], "country": [names.get(c, "") for c in self["members"]]}
        )
        return {
            "summary": pd.DataFrame({"field": list(summary), "value": list(summary.values())}),
            "means": means,
            "quadrants": quadrants,
            "most pervasive": pervasive,
            "moved quadrant": moved,
            "members": members_,
            "continents": pd.DataFrame(self.get("continents") or []),
            "regions": pd.DataFrame(self.get("regions") or []),
        }

    def _repr_html_(self) -> str:
        """The means, the quadrants and the most pervasive markets and actors as tables.

        >>> html = headlines(2023)._repr_html_()
        >>> html.count("<table"), "<td>low criminality, high resilience</td>" in html
        (3, True)
        """
        from .._display import html_block, html_table

        change = self["change"] or {}
        since = f"change since {self['change_from']}" if self["change_from"] else "change"
        means = html_table(
            ["measure", "mean", since],
            [[catalogue.get(m).label, mean, change.get(m)] for m, mean in self["means"].items()],
            caption="Mean scores (change like for like)",
        )
        quadrants = html_table(
            ["quadrant", "countries", "population"],
            [
                [name, q["countries"], _percent(q["population_share"])]
                for name, q in self["quadrants"].items()
            ],
            caption="Vulnerability matrix",
        )
        pervasive = html_table(
            ["", "most pervasive", "mean"],
            [
                [catalogue.get(pillar).label, catalogue.get(indicator).label, mean]
                for pillar, top in self["most_pervasive"].items()
                for indicator, mean in top
            ],
            caption="Most pervasive",
        )
        title = (
            f"{self._where()[:1].upper()}{self._where()[1:]}, {self['edition']} edition: "
            f"{self['countries']} countries"
        )
        return html_block(means, quadrants, pervasive, title=title)


def people_text(count: int) -> str:
    """A population in words a reader takes in at a glance.

    >>> people_text(7_811_293_698), people_text(1_234_567), people_text(664_000)
    ('7,811 million people', '1.2 million people', '664,000 people')
    """
    if count >= 10_000_000:
        return f"{count / 1e6:,.0f} million people"
    if count >= 1_000_000:
        return f"{count / 1e6:,.1f} million people"
    return f"{count:,} people"


def _ordinal(rank: int) -> str:
    """A rank as English prints it.

    >>> _ordinal(1), _ordinal(12), _ordinal(22)
    ('1st', '12th', '22nd')
    """
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def text(found: dict) -> str:
    """The findings as lines of text for a terminal (``ocanalysis headlines``).

    >>> print(text(headlines(2023)))  # doctest: +ELLIPSIS
    The world, 2023 edition: 193 countries, 7,811 million people (population of 2020)
    Mean scores: criminality 5.03 (+0.23 since 2021, like for like), ...
    ...
    High criminality: 82.7% of the population; low resilience: 61.8%
    ...
    """
    where = "The world" if found["scope"] == "world" else found["name"]
    lines = [
        f"{where}, {found['edition']} edition: {found['countries']} countries, "
        f"{found['population'] / 1e6:,.0f} million people "
        f"({found.get('population_note') or 'population of ' + str(found['population_year'])})"
    ]
    means = []
    for measure, mean in found["means"].items():
        part = f"{catalogue.get(measure).label.lower()} {mean:.2f}"
        if found["change"] is not None and found["change"][measure] is not None:
            part += f" ({found['change'][measure]:+.2f} since {found['change_from']}"
            part += ", like for like)" if measure == "criminality" else ")"
        means.append(part)
    lines.append("Mean scores: " + ", ".join(means))
    cuts = found["cutoffs"]
    lines.append(
        f"Quadrants (high = {cuts['criminality']:.2f} or more criminality, "
        f"{cuts['resilience']:.2f} or more resilience):"
    )
    for name, figures in found["quadrants"].items():
        lines.append(
            f"  {name}: {figures['countries']} countries, "
            f"{_percent(figures['population_share'])} of the population"
        )
    shares = found["population_share"]
    lines.append(
        f"High criminality: {_percent(shares['high criminality'])} of the population; "
        f"low resilience: {_percent(shares['low resilience'])}"
    )
    for pillar, top in found["most_pervasive"].items():
        named = ", ".join(f"{catalogue.get(i).label.lower()} ({m:.2f})" for i, m in top)
        lines.append(f"Most pervasive {catalogue.get(pillar).label.lower()}: {named}")
    for level, heading in (("continents", "Continents"), ("regions", "Regions")):
        groups = found.get(level) or []
        if groups:
            lines.append(
                f"{heading} (mean criminality and rank, mean resilience and rank, population):"
            )
        for group in groups:
            lines.append(
                f"  {group['name']}: criminality {group['criminality']:.2f} "
                f"({_ordinal(group['criminality_rank'])}), resilience {group['resilience']:.2f} "
                f"({_ordinal(group['resilience_rank'])}), {people_text(group['population'])}"
            )
    moved = found["moved_quadrant"]
    if moved is not None:
        lines.append(f"Changed quadrant since {found['change_from']}: {len(moved)} countries")
        for move in moved:
            lines.append(f"  {move['iso3']}: {move['from']} -> {move['to']} (by {move['because']})")
    return "\n".join(lines)


def previous_edition(edition: int) -> int | None:
    """The edition before ``edition`` in the data, or None for the first.

    >>> previous_edition(2025), previous_edition(2021)
    (2023, None)
    """
    earlier = [e for e in editions() if e < edition]
    return max(earlier) if earlier else None


def members(
    continent: str | None = None,
    region: str | None = None,
    countries_: Iterable[str] | None = None,
    edition: int | None = None,
) -> tuple[str, str | None, list[str]]:
    """(scope, name, the members' ISO3 codes in name order) for one of the four scopes, a
    continent's or region's as the edition (default: the latest) groups them.

    >>> scope, name, codes = members(region="western europe")
    >>> scope, name, len(codes), codes[:2]
    ('region', 'Western Europe', 11, ['AND', 'AUT'])
    >>> members(countries_=["NLD", "Belgium"])
    ('countries', 'Netherlands, Belgium', ['NLD', 'BEL'])
    """
    given = [continent is not None, region is not None, countries_ is not None]
    if sum(given) > 1:
        raise ArgumentError("give one of continent, region or countries, not several")
    everyone = countries.all_countries()
    if continent is not None or region is not None:
        scope = "continent" if continent is not None else "region"
        name = countries.group(scope, continent if continent is not None else region)
        inside = set(dataset.members(scope, name, edition))
        chosen = [c for c in everyone if c.iso3 in inside]
    elif countries_ is not None:
        chosen = list(dict.fromkeys(countries.lookup(c) for c in countries_))
        if not chosen:
            raise ArgumentError("no country given")
        name = ", ".join(c.name for c in chosen)
        scope = "countries"
        return scope, name, [c.iso3 for c in chosen]  # in the order given
    else:
        name, chosen, scope = None, list(everyone), "world"
    ordered = sorted(chosen, key=lambda c: countries.fold(c.name))
    return scope, name, [c.iso3 for c in ordered]


RANKED_MEANS = ("criminality", "resilience")  # what ocindex.net's region rankings show


def group_rankings(edition: int, level: str, measures: Iterable[str] = RANKED_MEANS) -> list[dict]:
    """Every continent (``level="continent"``) or region of the edition, as ocindex.net ranks
    them: name (and a region's continent), countries, population (World Bank, the edition's
    population year), then for each measure its group mean (:func:`means.group_mean`) and its
    rank among the groups (highest first, ties sharing the best rank). Ordered by the first
    measure's rank, then name.

    >>> first = group_rankings(2023, "region")[0]
    >>> first["name"], first["criminality"], first["criminality_rank"], first["resilience_rank"]
    ('Central America', 6.28, 1, 19)
    """
    if level not in ("continent", "region"):
        raise ArgumentError(f"rank continents or regions, not {level!r}")
    # The same for every report of an edition (headlines asks for it each time): computed once
    # per process and data, each caller given dicts of its own.
    ranked = _group_rankings(check_edition(edition), level, tuple(measures), dataset.data_dir())
    return [dict(group) for group in ranked]


@functools.lru_cache(maxsize=32)
def _group_rankings(edition: int, level: str, measures: tuple[str, ...], _data) -> tuple[dict]:
    measures = list(measures)
    frame = wide(edition)
    people = population.of(edition)
    means = group_means(frame, measures, by=level)
    table = pd.DataFrame(
        {
            "name": means.index,
            **(
                {"continent": frame.groupby("region")["continent"].first().loc[means.index].values}
                if level == "region"
                else {}
            ),
            "countries": frame.groupby(level).size().loc[means.index].to_numpy(),
            "population": [
                int(people.reindex(frame.loc[frame[level] == g, "iso3"]).sum()) for g in means.index
            ],
        }
    )
    for measure in measures:
        table[measure] = means[measure].to_numpy()
        table[f"{measure}_rank"] = rank_desc(table[measure]).astype(int).to_numpy()
    table = table.sort_values([f"{measures[0]}_rank", "name"], kind="stable")
    records = table.to_dict("records")
    return tuple(
        {k: (int(v) if isinstance(v, np.integer) else v) for k, v in r.items()} for r in records
    )


def _share(part: float, whole: float) -> float:
    return round(part / whole, SHARE_DIGITS) if whole else 0.0


def headlines(
    edition: int | None = None,
    continent: str | None = None,
    region: str | None = None,
    *,
    countries: Iterable[str] | None = None,
    method: str = "publisher",
) -> dict:
    """The headline findings of one edition for the world, a continent, a region or a list of
    countries, as a JSON-ready dict (keys in the order ``ocanalysis headlines --json`` prints;
    a :class:`Headlines`, which also prints as text and shows as tables in JupyterLab).

    Quadrants are those of the whole world's classification (``method``, default the
    publisher's cut-offs), counted over the members; shares are fractions of the members'
    population in the edition's population year (:func:`ocanalysis.population.year_of`).

    >>> found = headlines(2025)
    >>> found["quadrants"]["high criminality, low resilience"]["countries"]
    66
    >>> found["change_from"], found["most_pervasive"]["criminal_markets"][0][0]
    (2023, 'financial_crimes')
    >>> headlines(2021)["change"] is None
    True
    """
    edition = check_edition(edition)
    scope, name, codes = members(continent, region, countries, edition)
    frame = wide(edition).set_index("iso3").loc[codes]
    people = population.of(edition).reindex(codes)
    total = int(people.sum())
    classification = _classification(edition, method)
    placed = classification.table.set_index("iso3").loc[codes, "quadrant"]
    cuts = classification.thresholds
    quadrants = quadrant_counts(edition, codes, method)
    high_criminality = placed.index[placed.str.startswith("high criminality")]
    low_resilience = placed.index[placed.str.endswith("low resilience")]

    previous = previous_edition(edition)
    return Headlines(
        {
            "edition": edition,
            "scope": scope,
            "name": name,
            "cutoffs": cuts.as_dict(),
            "cutoffs_from": "publisher"
            if {cuts.criminality_source, cuts.resilience_source} == {"publisher"}
            else method,
            "countries": len(codes),
            "members": codes,
            "population": total,
            "population_year": population.year_of(edition),
            "population_note": population.year_note(edition),
            "means": {m: group_mean(frame, m) for m in HEADLINE_MEANS},
            "change_from": previous,
            "change": None if previous is None else _change(previous, edition, codes),
            "quadrants": quadrants,
            "population_share": {
                "high criminality": _share(int(people.loc[high_criminality].sum()), total),
                "low resilience": _share(int(people.loc[low_resilience].sum()), total),
            },
            "most_pervasive": {pillar: _pervasive(frame, edition, pillar) for pillar in PERVASIVE},
            "moved_quadrant": None
            if previous is None
            else _moved(previous, edition, codes, method),
            "continents": _ranked_groups(edition, "continent", frame),
            "regions": _ranked_groups(edition, "region", frame),
        }
    )


def _classification(edition: int, method: str):
    if method == "publisher":
        return edition_analysis(edition).classification  # computed once per process
    return quadrant.classify(edition, method=method)


def quadrant_counts(edition: int, codes: list[str], method: str = "publisher") -> dict:
    """How many of the countries ``codes`` each quadrant holds, and the share of their
    population living there (``headlines()["quadrants"]``).

    >>> quadrant_counts(2025, ["BEL", "NLD", "COL"])["high criminality, low resilience"]
    {'countries': 1, 'population_share': 0.6378}
    """
    people = population.of(edition).reindex(codes)
    total = int(people.sum())
    table = _classification(edition, method).table
    placed = table.set_index("iso3").loc[codes, "quadrant"]
    counts = {}
    for quadrant_name in quadrant.QUADRANTS:
        inside = placed.index[placed == quadrant_name]
        counts[quadrant_name] = {
            "countries": int(len(inside)),
            "population_share": _share(int(people.loc[inside].sum()), total),
        }
    return counts


def like_for_like_means(
    previous: int, edition: int, codes: list[str]
) -> dict[str, tuple[float | None, float | None]]:
    """The members' mean composites in both editions on the indicators both score
    (:func:`means.group_mean` over those), as (previous, edition) per composite; members the
    previous edition lacks are left out of its mean.

    >>> like_for_like_means(2021, 2023, ["BEL", "NLD"])["resilience"]
    (7.21, 7.25)
    """
    shared = set(change.shared_indicators(previous, edition))
    pillar_ids = {
        pillar: [i for i in ids if i in shared]
        for pillar, ids in edition_pillar_ids(edition).items()
    }
    before = wide(previous).set_index("iso3").reindex(codes).dropna(subset=["criminality"])
    after = wide(edition).set_index("iso3").loc[codes]
    return {
        composite: (
            group_mean(before, composite, pillar_ids=pillar_ids),
            group_mean(after, composite, pillar_ids=pillar_ids),
        )
        for composite in HEADLINE_MEANS
    }


def _ranked_groups(edition: int, level: str, members: pd.DataFrame) -> list[dict]:
    """:func:`group_rankings` of the groups the members belong to (ranked among all groups)."""
    wanted = set(members[level])
    return [g for g in group_rankings(edition, level) if g["name"] in wanted]


def _change(previous: int, edition: int, codes: list[str]) -> dict:
    """Each mean composite's change like for like: this edition's mean minus the previous one's
    (:func:`like_for_like_means`), so the change is the difference of two means a reader can
    state."""
    out = {}
    for composite, (old, new) in like_for_like_means(previous, edition, codes).items():
        out[composite] = (
            None if old is None else round_half_up(Fraction(str(new)) - Fraction(str(old)))
        )
    return out


def _pervasive(frame: pd.DataFrame, edition: int, pillar: str) -> list[list]:
    """The :data:`TOP` indicators of a pillar with the highest mean over the members: [[id,
    mean], …], ties broken by the index's own order."""
    scored = [i.id for i in catalogue.indicators(edition, pillar)]
    means = [(indicator, group_mean(frame, indicator)) for indicator in scored]
    ranked = sorted(means, key=lambda item: -item[1])  # stable: the catalogue's order on ties
    return [[indicator, mean] for indicator, mean in ranked[:TOP]]


def _moved(previous: int, edition: int, codes: list[str], method: str) -> list[dict]:
    moved = quadrant.moves(previous, edition, method=method)
    moved = moved[moved["iso3"].isin(codes)]
    return moved[["iso3", "from", "to", "because"]].to_dict("records")
