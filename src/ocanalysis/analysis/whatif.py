"""What-if runs: the ranks under weights and a mean of the user's choice, and leave-one-out.

Weights are relative, given as ``{"pillars": {"criminal_markets": 1, "criminal_actors": 1},
"indicators": {"cocaine_trade": 3}}``; anything not named keeps the publisher's weight (1: the
publisher weights every indicator of a pillar, and the two criminality pillars, equally), so ``{}``
is the published index and reproduces every published rank. A weight of 0 leaves an indicator
out. Composites are computed by the audit's simulation (:func:`audit.simulate_ranks`: the same
weighted means, rounding to hundredths and competition ranks), one scenario per what-if, so a
what-if and the audit's Monte Carlo can never disagree on what a weight does.

A rank shift is the what-if rank minus the published one: positive is a later place (a lower
criminality or resilience rank), negative an earlier one.
"""

from __future__ import annotations

import difflib
import json
import math
import numbers
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue, scoring
from ..errors import ArgumentError, InputError
from . import audit

WEIGHTED_PILLARS = (catalogue.CRIMINAL_MARKETS, catalogue.CRIMINAL_ACTORS)  # inside criminality
SECTIONS = ("pillars", "indicators")


@dataclass(frozen=True)
class Weights:
    """Checked relative weights of one edition: ``indicators`` (one per indicator, in the
    edition's order) and ``pillars`` (criminal markets, criminal actors; None: as published)."""

    indicators: np.ndarray
    pillars: np.ndarray | None


def _close(name: str, choices) -> str:
    match = difflib.get_close_matches(str(name), list(choices), n=1)
    return f"; did you mean {match[0]!r}?" if match else f"; expected one of {', '.join(choices)}"


def _weight(where: str, key: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentError(f"{where}: {key}: weight {value!r} is not a number")
    value = float(value)
    if not math.isfinite(value):
        raise ArgumentError(f"{where}: {key}: weight {value!r} is not a finite number")
    if value < 0:
        raise ArgumentError(f"{where}: {key}: weight {value:g} is negative; weights are 0 or more")
    return value


def check_weights(weights, edition: int, where: str = "weights") -> Weights:
    """Relative weights checked against the edition's catalogue; every problem is one
    :class:`ArgumentError` line starting with ``where`` (a file name, say).

    >>> check_weights({"indicators": {"cocaine": 2}}, 2023)
    Traceback (most recent call last):
    ...
    ocanalysis.errors.ArgumentError: weights: indicators: unknown indicator 'cocaine'; did you mean 'cocaine_trade'?
    """
    weights = {} if weights is None else weights
    if not isinstance(weights, dict):
        raise ArgumentError(
            f"{where}: expected a table of 'pillars' and 'indicators', not {type(weights).__name__}"
        )
    for key in weights:
        if key not in SECTIONS:
            raise ArgumentError(f"{where}: unknown key {key!r}{_close(key, SECTIONS)}")
    sections = {}
    for section in SECTIONS:
        given = weights.get(section, {})
        if not isinstance(given, dict):
            raise ArgumentError(
                f"{where}: {section}: expected a table of names and weights, "
                f"not {type(given).__name__}"
            )
        sections[section] = given
    indicators = catalogue.indicators(edition)
    ids = [i.id for i in indicators]
    vector = np.ones(len(ids))
    for name, value in sections["indicators"].items():
        if name not in ids:
            if name in catalogue.INDICATOR_IDS:
                raise ArgumentError(
                    f"{where}: indicators: {name!r} is not scored in the {edition} edition"
                )
            raise ArgumentError(
                f"{where}: indicators: unknown indicator {name!r}{_close(name, ids)}"
            )
        vector[ids.index(name)] = _weight(where, f"indicators.{name}", value)
    for pillar in catalogue.PILLARS:
        if not any(vector[k] > 0 for k, i in enumerate(indicators) if i.pillar == pillar):
            raise ArgumentError(
                f"{where}: indicators: every indicator of the {pillar} pillar has weight 0; "
                "give one a positive weight"
            )
    pillars = None
    if sections["pillars"]:
        pillars = np.ones(len(WEIGHTED_PILLARS))
        for name, value in sections["pillars"].items():
            if name not in WEIGHTED_PILLARS:
                raise ArgumentError(
                    f"{where}: pillars: unknown pillar {name!r} (criminality weighs "
                    f"{' and '.join(WEIGHTED_PILLARS)}){_close(name, WEIGHTED_PILLARS)}"
                )
            pillars[WEIGHTED_PILLARS.index(name)] = _weight(where, f"pillars.{name}", value)
        if not (pillars > 0).any():
            raise ArgumentError(
                f"{where}: pillars: both pillar weights are 0; give one a positive weight"
            )
    return Weights(indicators=vector, pillars=pillars)


def read_weights(path: str | Path) -> dict:
    """The weights of a JSON or TOML file (by its suffix); a file that cannot be read or parsed
    is an :class:`InputError` naming the file and, for bad syntax, the line and column."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("json", "toml"):
        raise InputError(f"{path}: expected a .json or .toml file of weights")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a UTF-8 text file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{path}, line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}"
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"{path}, line {place[1]}, column {place[2]}" if place else str(path)
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise InputError(f"{where}: not valid TOML: {reason}") from None


def _check_aggregation(aggregation: str) -> str:
    if aggregation not in audit.AGGREGATIONS:
        raise ArgumentError(
            f"unknown aggregation {aggregation!r}; expected one of {', '.join(audit.AGGREGATIONS)}"
        )
    return aggregation


def _scenarios(weight_rows: np.ndarray, pillars: np.ndarray | None, aggregation: str):
    runs = len(weight_rows)
    return audit.Scenarios(
        weights=weight_rows,
        geometric=np.full(runs, aggregation == "geometric"),
        harmonic=np.full(runs, aggregation == "harmonic"),
        pillar_weights=None if pillars is None else np.tile(pillars, (runs, 1)),
    )


@dataclass(frozen=True)
class WhatIf:
    """One what-if of one edition: ``table`` has iso3, country, the what-if scores and ranks
    (criminality, resilience, criminality_rank, resilience_rank), the published ranks
    (published_criminality_rank, ...) and the shifts (criminality_shift, resilience_shift), in
    what-if criminality rank order."""

    edition: int
    aggregation: str
    table: pd.DataFrame

    def to_dict(self) -> dict:
        """The JSON of ``ocanalysis whatif --json``: edition, ranks ``{ISO3: {"criminality",
        "resilience"}}`` and shift (against the published ranks) in the same shape.

        >>> data = reweight(2023).to_dict()
        >>> data["ranks"]["BEL"], data["shift"]["BEL"]
        ({'criminality': 129, 'resilience': 25}, {'criminality': 0, 'resilience': 0})
        """
        rows = list(self.table.itertuples(index=False))
        return {
            "edition": self.edition,
            "ranks": {
                r.iso3: {m: int(getattr(r, f"{m}_rank")) for m in audit.RANKED} for r in rows
            },
            "shift": {
                r.iso3: {m: int(getattr(r, f"{m}_shift")) for m in audit.RANKED} for r in rows
            },
        }


def reweight(
    edition: int | None = None,
    weights: dict | None = None,
    aggregation: str = "arithmetic",
    *,
    data: pd.DataFrame | None = None,
    where: str = "weights",
) -> WhatIf:
    """Composites and ranks under relative ``weights`` (see the module) and ``aggregation``
    (arithmetic, geometric or harmonic, at both levels), with each country's rank shift.
    ``where`` names the weights' origin in error messages (the CLI gives the file).

    >>> shifted = reweight(2023, {"indicators": {"cocaine_trade": 3}}).table.set_index("iso3")
    >>> shifted.loc["COL", ["published_criminality_rank", "criminality_rank"]].tolist()
    [2, 2]
    """
    aggregation = _check_aggregation(aggregation)
    frame, held, indicators, values = audit.scored_values(edition, data)
    checked = check_weights(weights, held, where)
    pillars = [i.pillar for i in indicators]
    scenarios = _scenarios(checked.indicators[None, :], checked.pillars, aggregation)
    scores = audit.simulate_scores(values, pillars, scenarios)
    table = frame[["iso3", "country"]].copy()
    for measure in audit.RANKED:
        table[measure] = np.floor(scores[measure][0] * 100 + 0.5 + 1e-9) / 100
        table[f"{measure}_rank"] = audit.competition_ranks(scores[measure])[0]
    for measure in audit.RANKED:
        published = scoring.rank_desc(frame[measure]).astype(int).to_numpy()
        table[f"published_{measure}_rank"] = published
        table[f"{measure}_shift"] = table[f"{measure}_rank"] - published
    table = table.sort_values(["criminality_rank", "country"], kind="stable")
    return WhatIf(edition=held, aggregation=aggregation, table=table.reset_index(drop=True))


@dataclass(frozen=True)
class LeaveOneOut:
    """Rank changes when each indicator is left out in turn (against the ranks with all of
    them). ``shift``: indicator, iso3, criminality_shift, resilience_shift (every indicator ×
    country). ``summary``: per indicator its pillar, the measure it moves (criminality or
    resilience), mean_abs_shift, max_abs_shift and countries_moved of that measure, the
    indicators that move ranks most first."""

    edition: int
    aggregation: str
    shift: pd.DataFrame
    summary: pd.DataFrame

    def to_dict(self) -> dict:
        """The JSON of ``ocanalysis whatif --leave-one-out --json``: edition, indicators (the
        summary's rows, largest mean shift first) and shift ``{indicator: {ISO3:
        {"criminality", "resilience"}}}``.

        >>> data = leave_one_out(2023).to_dict()
        >>> sorted(data["indicators"][0])
        ['countries_moved', 'indicator', 'max_abs_shift', 'mean_abs_shift', 'measure', 'pillar']
        """
        shifts: dict = {}
        for row in self.shift.itertuples(index=False):
            shifts.setdefault(row.indicator, {})[row.iso3] = {
                m: int(getattr(row, f"{m}_shift")) for m in audit.RANKED
            }
        return {
            "edition": self.edition,
            "indicators": [
                {
                    "indicator": row.indicator,
                    "pillar": row.pillar,
                    "measure": row.measure,
                    "mean_abs_shift": round(float(row.mean_abs_shift), 4),
                    "max_abs_shift": int(row.max_abs_shift),
                    "countries_moved": int(row.countries_moved),
                }
                for row in self.summary.itertuples(index=False)
            ],
            "shift": shifts,
        }


def leave_one_out(
    edition: int | None = None,
    weights: dict | None = None,
    aggregation: str = "arithmetic",
    *,
    data: pd.DataFrame | None = None,
    where: str = "weights",
) -> LeaveOneOut:
    """Every country's rank change as each indicator is left out (weight 0) in turn, under
    ``weights`` and ``aggregation`` (default: the published index), all at once.

    An indicator whose removal would leave its pillar without a weighted indicator is skipped.

    >>> result = leave_one_out(2023)
    >>> len(result.summary), result.summary.iloc[0]["mean_abs_shift"] > 0
    (32, np.True_)
    """
    aggregation = _check_aggregation(aggregation)
    frame, held, indicators, values = audit.scored_values(edition, data)
    checked = check_weights(weights, held, where)
    pillars = [i.pillar for i in indicators]
    base = checked.indicators
    kept: list[int] = []
    rows = [base]
    for k, indicator in enumerate(indicators):
        without = base.copy()
        without[k] = 0.0
        same_pillar = [j for j, p in enumerate(pillars) if p == indicator.pillar]
        if without[same_pillar].sum() > 0:
            kept.append(k)
            rows.append(without)
    ranks = audit.simulate_ranks(
        values, pillars, _scenarios(np.array(rows), checked.pillars, aggregation)
    )
    iso3 = frame["iso3"].astype(str).to_numpy()
    parts, summary = [], []
    for row, k in enumerate(kept, start=1):
        indicator = indicators[k]
        moved = {m: ranks[m][row].astype(int) - ranks[m][0] for m in audit.RANKED}
        parts.append(
            pd.DataFrame(
                {
                    "indicator": indicator.id,
                    "iso3": iso3,
                    "criminality_shift": moved["criminality"],
                    "resilience_shift": moved["resilience"],
                }
            )
        )
        measure = "resilience" if indicator.pillar == catalogue.RESILIENCE else "criminality"
        absolute = np.abs(moved[measure])
        summary.append(
            (
                indicator.id,
                indicator.pillar,
                measure,
                float(absolute.mean()),
                int(absolute.max()),
                int((absolute > 0).sum()),
            )
        )
    columns = ["indicator", "pillar", "measure", "mean_abs_shift", "max_abs_shift"]
    table = pd.DataFrame(summary, columns=[*columns, "countries_moved"])
    table = table.sort_values(
        ["mean_abs_shift", "max_abs_shift"], ascending=False, kind="stable"
    ).reset_index(drop=True)
    return LeaveOneOut(
        edition=held,
        aggregation=aggregation,
        shift=pd.concat(parts, ignore_index=True),
        summary=table,
    )
