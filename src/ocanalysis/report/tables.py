"""Tables of the report: the scores as the official profile prints them, and any analysis frame."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from .. import catalogue, i18n
from ..i18n import N_, _
from ..profile import Profile
from ..scoring import LEVELS
from .markup import block, element, table, wrap

LEVEL_TITLES = {
    "global": N_("Of all countries"),
    "continent": N_("In the continent"),
    "region": N_("In the region"),
}


def score_text(value: object) -> str:
    """Scores as the profiles print them: two decimals (in the language's format); a dash where
    there is none.

    >>> score_text(4.4300000001), score_text(float("nan")), score_text(None)
    ('4.43', '–', '–')
    """
    if value is None:
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return i18n.number(number, 2)


def scores_table(profile: Profile):
    """The four composites, then every indicator of the edition, with ranks at three levels.

    Returns displayable HTML: a composites table with the rank phrases ("129th of 193
    countries"), then one table per pillar (so each fits a printed page).

    >>> from ocanalysis.profile import profile
    >>> html = scores_table(profile("Belgium", 2023)).data
    >>> "129th of 193 countries" in html, html.count("<table")
    (True, 4)
    """
    return block(
        composites_table(profile), *(indicators_table(profile, p) for p in catalogue.PILLARS)
    )


def composites_table(profile: Profile) -> str:
    """The composites table: score and rank phrases at the three levels.

    >>> from ocanalysis.profile import profile
    >>> html = composites_table(profile("Belgium", 2023))
    >>> "<caption>Belgium, 2023: composite scores (1 to 10) and ranks</caption>" in html
    True
    >>> "<td>29th of 44 European countries</td>" in html
    True
    """
    header = [_("Measure"), _("Score"), *(_(LEVEL_TITLES[level]) for level in LEVELS)]
    rows = []
    for measure in catalogue.COMPOSITES:
        ranks = profile.ranks.get(measure.id)
        phrases = (
            [profile.rank_phrase(measure.id, level) for level in LEVELS] if ranks else [""] * 3
        )
        rows.append([i18n.label(measure.id), score_text(profile.scores[measure.id]), *phrases])
    return table(
        header,
        rows,
        caption=_("{country}, {edition}: composite scores (1 to 10) and ranks").format(
            country=i18n.country(profile.iso3), edition=profile.edition
        ),
        numeric=[1],
        class_="data scores",
    )


def indicators_table(profile: Profile, pillar: str) -> str:
    """One pillar's indicators of the edition, then the pillar's composite.

    >>> from ocanalysis.profile import profile
    >>> html = indicators_table(profile("Belgium", 2023), "criminal_actors")
    >>> html.count("<tr"), "<caption>Criminal actors: 5 indicators</caption>" in html
    (7, True)
    """
    measures = catalogue.indicators(profile.edition, pillar)
    rows = [[i18n.label(m.id), score_text(profile.scores.get(m.id))] for m in measures]
    rows.append(
        [
            _("{pillar} (composite)").format(pillar=i18n.label(pillar)),
            score_text(profile.scores[pillar]),
        ]
    )
    classes = [None] * len(measures) + ["total"]
    return table(
        [_("Indicator"), _("Score")],
        rows,
        caption=_("{pillar}: {count} indicators").format(
            pillar=i18n.label(pillar), count=len(measures)
        ),
        numeric=[1],
        row_classes=classes,
        class_="data indicators",
    )


def rank_summary(profile: Profile):
    """One sentence per ranked composite: 'Criminality 4.43: 129th of 193 countries, ...'.

    >>> from ocanalysis.profile import profile
    >>> rank_summary(profile("Belgium", 2023)).data[:93]
    '<ul class="ranks"><li>Criminality 4.43: 129th of 193 countries, 29th of 44 European countries'
    """
    items = []
    for measure, levels in profile.ranks.items():
        phrases = ", ".join(profile.rank_phrase(measure, level) for level in levels)
        items.append(
            element(
                "li",
                _("{measure} {score}: {ranks}").format(
                    measure=i18n.label(measure),
                    score=score_text(profile.scores[measure]),
                    ranks=phrases,
                ),
            )
        )
    return block(wrap("ul", "".join(items), class_="ranks"))


def _cell(value: object, column: str) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        if column in {"rank", "of", "global_rank", "region_rank", "continent_rank"} or (
            isinstance(value, int)
        ):
            return str(value)
        return score_text(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, str) and column in TRANSLATED:
        return TRANSLATED[column](value)
    return str(value)


# Columns of analysis frames whose values are the index's vocabulary: printed in the report's
# language (measure ids and labels, regions, continents, quadrants, country names).
TRANSLATED = {
    "measure": i18n.label,
    "indicator": i18n.label,
    "label": i18n.label,
    "region": i18n.region,
    "continent": i18n.continent,
    "quadrant": i18n.quadrant,
    "from": i18n.quadrant,
    "to": i18n.quadrant,
    "country": i18n.country,
}


def frame_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    caption: str | None = None,
    max_rows: int | None = None,
):
    """Any analysis frame as an escaped table; ``columns`` maps column -> header (and order).

    Floats print with two decimals; measure ids print as their labels.

    >>> frame = pd.DataFrame({"country": ["<b>"], "score": [4.434]})
    >>> frame_table(frame).data
    '<div class="table-block"><table class="data"><thead><tr><th>country</th><th class="num">score</th></tr></thead><tbody><tr><td>&lt;b&gt;</td><td class="num">4.43</td></tr></tbody></table></div>'
    """
    columns = dict(columns) if columns else {c: c for c in frame.columns}
    shown = frame[list(columns)]
    if max_rows is not None:
        shown = shown.head(max_rows)
    numeric = [i for i, c in enumerate(columns) if pd.api.types.is_numeric_dtype(shown[c])]
    rows = [
        [
            _cell(value.item() if hasattr(value, "item") else value, column)
            for column, value in zip(columns, record, strict=True)
        ]
        for record in shown.itertuples(index=False, name=None)
    ]
    return block(table(list(columns.values()), rows, caption=caption, numeric=numeric))
