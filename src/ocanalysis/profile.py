"""One country in one edition: its scores and ranks, as the official profile states them."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import catalogue, countries
from .countries import LEVELS

RANKED_BY_DEFAULT: tuple[str, ...] = ("criminality", "resilience")


@dataclass(frozen=True, repr=False)
class Profile:
    """Scores (composites first, then indicators in the index's order) and ranks at three levels.

    ``ranks[measure][level]`` is ``(rank, of)``: Belgium 2023 criminality global is (129, 193).
    In a terminal ``repr`` is one line and ``print`` the text of ``ocanalysis profile``; in
    JupyterLab a profile shows as a table (``_repr_html_``).

    >>> profile("Belgium", 2023)
    <Profile Belgium (BEL), 2023: criminality 4.43, resilience 7.04>
    """

    country: str
    iso3: str
    edition: int
    continent: str
    region: str
    scores: dict[str, float]
    ranks: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON shape of ``ocanalysis profile --json``.

        >>> profile("BEL", 2023).to_dict()["ranks"]["criminality"]
        {'global': [129, 193], 'continent': [29, 44], 'region': [7, 11]}
        """
        return {
            "country": self.country,
            "iso3": self.iso3,
            "edition": self.edition,
            "continent": self.continent,
            "region": self.region,
            "scores": dict(self.scores),
            "ranks": {
                measure: {level: list(pair) for level, pair in levels.items()}
                for measure, levels in self.ranks.items()
            },
        }

    def rank_phrase(self, measure: str, level: str) -> str:
        """The profile's wording: '129th of 193 countries', '7th of 11 Western European countries'.

        >>> profile("Belgium", 2023).rank_phrase("criminality", "continent")
        '29th of 44 European countries'
        """
        from . import i18n

        rank, of = self.ranks[measure][level]
        name = {"global": "", "continent": self.continent, "region": self.region}[level]
        return i18n.rank_phrase(rank, of, level, name)

    def to_text(self) -> str:
        """The profile as text (``ocanalysis profile``): the headline scores with their rank
        phrases, then every score.

        >>> print("\\n".join(profile("Belgium", 2023).to_text().splitlines()[3:7]))
        Criminality                                    4.43
            129th of 193 countries
            29th of 44 European countries
            7th of 11 Western European countries
        """
        lines = text_heading(self)
        for measure in self.ranks:
            lines.append(f"{catalogue.get(measure).label:<45} {self.scores[measure]:5.2f}")
            for level in LEVELS:
                lines.append(f"    {self.rank_phrase(measure, level)}")
        lines.append("")
        lines += score_lines(self.scores)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        headline = ", ".join(
            f"{m} {self.scores[m]:.2f}" for m in ("criminality", "resilience") if m in self.scores
        )
        return f"<Profile {self.country} ({self.iso3}), {self.edition}: {headline}>"

    def _repr_html_(self) -> str:
        """Two compact tables: the ranks, then every score.

        >>> html = profile("Belgium", 2023)._repr_html_()
        >>> "<td>Criminality</td>" in html, "7th of 11 Western European countries" in html
        (True, True)
        """
        from ._display import html_block, html_table

        ranks = html_table(
            ["", "score", *(f"rank ({level})" for level in LEVELS)],
            [
                [
                    catalogue.get(measure).label,
                    self.scores[measure],
                    *(self.rank_phrase(measure, level) for level in LEVELS),
                ]
                for measure in self.ranks
            ],
            caption="Ranks",
            decimals=2,
        )
        scores = html_table(
            ["measure", "score"],
            [
                [("" if composite else "\u2003") + catalogue.get(m).label, score]
                for m, score, composite in grouped(self.scores)
            ],
            caption="Scores by pillar",
            decimals=2,
        )
        title = (
            f"{self.country} ({self.iso3}), {self.edition} edition: {self.region}, {self.continent}"
        )
        return html_block(ranks, scores, title=title)


def text_heading(item) -> list[str]:
    """A profile's first lines as text: who, which edition, where (a :class:`Profile` or a
    parsed profile text)."""
    return [
        f"{item.country} ({item.iso3}), {item.edition} edition",
        f"{item.continent} / {item.region}",
        "",
    ]


def grouped(scores: dict[str, float]) -> list[tuple[str, float | None, bool]]:
    """The scores in the profile's order, grouped by pillar: criminality, then each pillar's
    composite (None when not given) followed by its indicators. Each item is (measure id,
    score, is a composite).

    >>> grouped({"cocaine_trade": 8.0, "criminality": 4.43, "criminal_markets": 4.4})
    [('criminality', 4.43, True), ('criminal_markets', 4.4, True), ('cocaine_trade', 8.0, False)]
    """
    items = [("criminality", scores["criminality"], True)] if "criminality" in scores else []
    for pillar in catalogue.PILLARS:
        members = [
            (m, score, False)
            for m, score in scores.items()
            if not catalogue.get(m).composite and catalogue.get(m).pillar == pillar
        ]
        if pillar in scores or members:
            items.append((pillar, scores.get(pillar), True))
        items += members
    return items


def score_lines(scores: dict[str, float]) -> list[str]:
    """Every score as text, one a line, two decimals: criminality, then each pillar's composite
    flush left with its indicators indented under it.

    >>> for line in score_lines({"criminality": 4.43, "criminal_markets": 4.4, "cocaine_trade": 8.0}):
    ...     print(line)
    Criminality                                    4.43
    Criminal markets                               4.40
      Cocaine trade                                8.00
    """
    lines = []
    for measure_id, score, composite in grouped(scores):
        label = catalogue.get(measure_id).label
        shown = "" if score is None else f"{score:5.2f}"
        lines.append(f"{label:<45} {shown}" if composite else f"  {label:<43} {shown}")
    return lines


def ordinal(number: int) -> str:
    """English ordinal, as the profiles print ranks (:func:`ocanalysis.i18n.ordinal` in English).

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 129)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '129th']
    """
    from . import i18n

    with i18n.use("en"):
        return i18n.ordinal(number)


def profile(
    country: str, edition: int | None = None, ranked: tuple[str, ...] = RANKED_BY_DEFAULT
) -> Profile:
    """The profile of one country (name, alias or ISO code) in one edition (default: latest).

    >>> p = profile("Belgium", 2023)
    >>> p.scores["criminality"], p.ranks["resilience"]["global"]
    (4.43, (25, 193))
    """
    from .dataset import check_edition, wide  # here: Profile itself needs no pandas
    from .scoring import rank_table

    found = countries.lookup(country)
    edition = check_edition(edition)
    frame = wide(edition)
    row = frame.loc[frame["iso3"] == found.iso3].iloc[0]
    scores = {m.id: float(row[m.id]) for m in catalogue.COMPOSITES + catalogue.indicators(edition)}
    ranks = {}
    for measure in ranked:
        table = rank_table(frame, measure).set_index("iso3").loc[found.iso3]
        ranks[measure] = {
            level: (int(table[f"{level}_rank"]), int(table[f"{level}_of"])) for level in LEVELS
        }
    return Profile(
        country=str(row["country"]),
        iso3=found.iso3,
        edition=edition,
        continent=str(row["continent"]),
        region=str(row["region"]),
        scores=scores,
        ranks=ranks,
    )
