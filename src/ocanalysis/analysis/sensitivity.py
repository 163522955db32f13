"""Variance-based sensitivity analysis of the ranks: which of the index's choices moves them.

The uncertain inputs are those of the audit's Monte Carlo (:class:`audit.UncertainInputs`), in four
groups: ``indicator_weights`` (every indicator weight within ±spread), ``pillar_weights`` (criminal
markets against criminal actors inside criminality), ``aggregation`` (arithmetic, geometric or
harmonic mean) and ``leave_one_out`` (no indicator or one left out). Each group is one factor of a
Sobol' analysis: SALib draws a Saltelli design of uniform [0, 1) inputs
(``SALib.sample.sobol``, no second-order terms), the discrete factors take equal shares of [0, 1)
(:func:`audit.category`), every design point is simulated by the audit's own vectorised code
(:func:`audit.simulate_ranks`: the same means, rounding and competition ranks) and
``SALib.analyze.sobol`` estimates first-order and total-order indices with bootstrap confidence
intervals (95 %) for

- every country's criminality and resilience rank, and
- the mean absolute rank shift over all countries (against the published ranks).

A first-order index is the share of the rank's variance one group explains alone; the total-order
index adds its interactions with the others. An output that never varies (a country ranked first
in every design point) has every index 0 and its interval [0, 0].

One analysis is *the* analysis: :data:`~ocanalysis.analysis.settings.DEFAULT_SAMPLES` base
samples from :data:`~ocanalysis.analysis.settings.DEFAULT_SEED` over :data:`DEFAULT_INPUTS`
(every input on), what
``ocanalysis audit --sensitivity`` prints and the country report reads, through
:func:`cached_analysis` (computed once per edition and kept on disk like the audit).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from .. import dataset, scoring
from ..errors import ArgumentError
from ..i18n import N_
from . import audit, results
from .settings import DEFAULT_SAMPLES

MAX_SAMPLES = 16_384
PILLAR_SPREAD = 0.25  # criminal markets weighted 1 + d, criminal actors 1 - d, |d| <= 0.25
DEFAULT_INPUTS = audit.UncertainInputs(
    pillar_spread=PILLAR_SPREAD, aggregations=audit.AGGREGATIONS, leave_one_out=True
)
CONFIDENCE = 0.95
RESAMPLES = 100  # SALib's bootstrap resamples for the confidence intervals
ORDERS = ("first_order", "total_order")
DECIMALS = 4  # of every index and bound in the JSON
INDEX_COLUMNS = ("scope", "measure", "order", "input", "value", "ci_low", "ci_high")
MEAN_RANK_SHIFT = "mean_rank_shift"  # the scope of the all-country output in ``indices``


def inputs_with(names) -> audit.UncertainInputs:
    """:data:`DEFAULT_INPUTS` with only the named groups varying (the others as published).

    >>> inputs_with(["aggregation", "indicator_weights"]).active
    ('indicator_weights', 'aggregation')
    """
    names = list(names)
    unknown = [n for n in names if n not in audit.INPUTS]
    if unknown or not names:
        raise ArgumentError(
            f"unknown uncertain input {unknown[0]!r}; expected some of {', '.join(audit.INPUTS)}"
            if unknown
            else f"no uncertain input chosen; expected some of {', '.join(audit.INPUTS)}"
        )
    d = DEFAULT_INPUTS
    return audit.UncertainInputs(
        weight_spread=d.weight_spread if "indicator_weights" in names else 0.0,
        pillar_spread=d.pillar_spread if "pillar_weights" in names else 0.0,
        aggregations=d.aggregations if "aggregation" in names else ("arithmetic",),
        leave_one_out="leave_one_out" in names,
    )


def problem(inputs: audit.UncertainInputs, indicators: int) -> dict:
    """SALib's problem: one uniform [0, 1) variable per indicator weight (one group) and one per
    other active input (a group each); the groups are ``inputs.active``."""
    names: list[str] = []
    groups: list[str] = []
    for name in inputs.active:
        count = indicators if name == "indicator_weights" else 1
        names += [f"{name}_{k}" for k in range(count)] if count > 1 else [name]
        groups += [name] * count
    return {
        "num_vars": len(names),
        "names": names,
        "bounds": [[0.0, 1.0]] * len(names),
        "groups": groups,
    }


def design(inputs: audit.UncertainInputs, samples: int, seed: int, indicators: int) -> np.ndarray:
    """SALib's Saltelli design (``samples * (groups + 2)`` rows of uniform inputs)."""
    from SALib.sample import sobol as sobol_sample

    return sobol_sample.sample(
        problem(inputs, indicators), samples, calc_second_order=False, seed=seed
    )


def scenarios_of(
    inputs: audit.UncertainInputs, points: np.ndarray, indicators: int
) -> audit.Scenarios:
    """The scenarios of design points (the columns in :func:`problem`'s order)."""
    uniform: dict[str, np.ndarray] = {}
    column = 0
    for name in inputs.active:
        if name == "indicator_weights":
            uniform[name] = points[:, column : column + indicators]
            column += indicators
        else:
            uniform[name] = points[:, column]
            column += 1
    return inputs.scenarios(uniform, indicators)


@dataclass(frozen=True)
class SensitivityResult:
    """One edition's Sobol' indices. ``indices`` holds one row per output, order and input
    (columns :data:`INDEX_COLUMNS`; scope an ISO3 code or :data:`MEAN_RANK_SHIFT`)."""

    edition: int
    samples: int
    seed: int
    inputs: tuple[str, ...]
    indices: pd.DataFrame
    # iso3, country, published criminality_rank and resilience_rank, and each rank's standard
    # deviation over the design (criminality_rank_sd, resilience_rank_sd)
    countries: pd.DataFrame

    # The columns a stored result's frames must have (``_store.decode``).
    STORED_COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "indices": INDEX_COLUMNS,
        "countries": (
            "iso3",
            "country",
            "criminality_rank",
            "resilience_rank",
            "criminality_rank_sd",
            "resilience_rank_sd",
        ),
    }

    def to_dict(self) -> dict:
        """The JSON of ``ocanalysis audit --sensitivity --json``: edition, samples, seed, inputs,
        mean_rank_shift ``{measure: {order: {input: {"value", "ci"}}}}`` and countries
        ``{ISO3: {measure: {order: {input: {"value", "ci"}}}}}``, rounded to 4 decimals.

        >>> data = analyse(2023, samples=64, inputs=["aggregation"]).to_dict()
        >>> data["inputs"], sorted(data["mean_rank_shift"]["criminality"])
        (['aggregation'], ['first_order', 'total_order'])
        >>> data["countries"]["MMR"]["criminality"]["first_order"]
        {'aggregation': {'value': 0.0, 'ci': [0.0, 0.0]}}
        """
        nested: dict = {}
        for row in self.indices.itertuples(index=False):
            entry = {
                "value": _rounded(row.value),
                "ci": [_rounded(row.ci_low), _rounded(row.ci_high)],
            }
            scope = nested.setdefault(row.scope, {})
            scope.setdefault(row.measure, {}).setdefault(row.order, {})[row.input] = entry
        return {
            "edition": self.edition,
            "samples": self.samples,
            "seed": self.seed,
            "inputs": list(self.inputs),
            "mean_rank_shift": nested.pop(MEAN_RANK_SHIFT),
            "countries": {iso3: nested[iso3] for iso3 in self.countries["iso3"]},
        }

    def drivers(self, iso3: str, measure: str = "criminality") -> pd.DataFrame:
        """One country's indices for one measure, one row per input (input, first_order,
        first_low, first_high, total_order, total_low, total_high), largest total order first.

        >>> result = analyse(2023, samples=64, inputs=["aggregation", "leave_one_out"])
        >>> table = result.drivers("BEL")
        >>> sorted(table["input"]), bool(table["total_order"].is_monotonic_decreasing)
        (['aggregation', 'leave_one_out'], True)
        """
        rows = self.indices.loc[
            (self.indices["scope"] == iso3) & (self.indices["measure"] == measure)
        ]
        if rows.empty:
            raise ArgumentError(f"{iso3!r} is not ranked in the {self.edition} edition")
        out = pd.DataFrame({"input": list(self.inputs)})
        for order, short in (("first_order", "first"), ("total_order", "total")):
            part = rows.loc[rows["order"] == order].set_index("input")
            out[order] = out["input"].map(part["value"])
            out[f"{short}_low"] = out["input"].map(part["ci_low"])
            out[f"{short}_high"] = out["input"].map(part["ci_high"])
        return out.sort_values("total_order", ascending=False, kind="stable").reset_index(drop=True)

    def sheets(self) -> dict[str, pd.DataFrame]:
        """The result as workbook sheets (sheet name → table), for the xlsx writer: settings,
        mean_rank_shift and countries (one row per country, measure, order and input).

        >>> sorted(analyse(2023, samples=64, inputs=["aggregation"]).sheets())
        ['countries', 'mean_rank_shift', 'settings']
        """
        settings = pd.DataFrame(
            {
                "setting": ["edition", "samples", "seed", "inputs", "confidence"],
                "value": [
                    str(self.edition),
                    str(self.samples),
                    str(self.seed),
                    ", ".join(self.inputs),
                    str(CONFIDENCE),
                ],
            }
        )
        table = self.indices
        shift = table.loc[table["scope"] == MEAN_RANK_SHIFT].drop(columns="scope")
        per_country = table.loc[table["scope"] != MEAN_RANK_SHIFT].rename(columns={"scope": "iso3"})
        names = self.countries.set_index("iso3")["country"]
        per_country.insert(1, "country", per_country["iso3"].map(names))
        return {
            "settings": settings,
            "mean_rank_shift": shift.reset_index(drop=True),
            "countries": per_country.reset_index(drop=True),
        }


def _rounded(x: float) -> float:
    value = round(float(x), DECIMALS)
    return 0.0 if value == 0 else value  # no "-0.0" in the JSON


def _sobol(salib_problem: dict, outputs: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """SALib's first- and total-order indices and confidence half-widths of one output."""
    from SALib.analyze import sobol as sobol_analyze

    groups = len(dict.fromkeys(salib_problem["groups"]))
    if np.ptp(outputs) == 0:  # no variance to share out: nothing drives it
        zeros = np.zeros(groups)
        return {"S1": zeros, "S1_conf": zeros, "ST": zeros, "ST_conf": zeros}
    with warnings.catch_warnings():
        # A rank that moves in a handful of design points has bootstrap resamples without
        # variance; SALib warns on them, its intervals say how little is known.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.filterwarnings("ignore", message="Constant values encountered")
        found = sobol_analyze.analyze(
            salib_problem,
            outputs.astype(float),
            calc_second_order=False,
            num_resamples=RESAMPLES,
            conf_level=CONFIDENCE,
            seed=seed,
        )
    return {
        k: np.nan_to_num(np.asarray(found[k], dtype=float))
        for k in ("S1", "S1_conf", "ST", "ST_conf")
    }


def simulate_design(
    values: np.ndarray, pillars: list[str], inputs: audit.UncertainInputs, points: np.ndarray
) -> dict[str, np.ndarray]:
    """Criminality and resilience ranks (design points × countries), all points at once."""
    return audit.simulate_ranks(values, pillars, scenarios_of(inputs, points, len(pillars)))


def analyse(
    edition: int | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = audit.DEFAULT_SEED,
    *,
    inputs: audit.UncertainInputs | list[str] | tuple[str, ...] | None = None,
    data: pd.DataFrame | None = None,
) -> SensitivityResult:
    """Sobol' indices of the chosen uncertain inputs (default :data:`DEFAULT_INPUTS`, or the
    names of the groups to vary) for every country's ranks and the mean absolute rank shift.

    ``samples`` is SALib's base sample count N, a power of 2 from 16 to :data:`MAX_SAMPLES`;
    identical arguments give identical results.
    """
    samples = audit.check_count("samples", samples, maximum=MAX_SAMPLES)
    if samples < 16 or samples & (samples - 1):
        raise ArgumentError(
            f"samples must be a power of 2 from 16 to {MAX_SAMPLES} (the balance of Sobol' "
            f"sequences), not {samples}"
        )
    seed = audit.check_seed(seed)
    if inputs is None:
        inputs = DEFAULT_INPUTS
    elif not isinstance(inputs, audit.UncertainInputs):
        inputs = inputs_with(inputs)
    if not inputs.active:
        raise ArgumentError("no uncertain input varies: nothing to analyse")
    frame, held, indicators, values = audit.scored_values(edition, data)
    pillars = [i.pillar for i in indicators]
    salib_problem = problem(inputs, len(indicators))
    ranks = simulate_design(values, pillars, inputs, design(inputs, samples, seed, len(indicators)))
    rows: list[tuple] = []

    def add(scope: str, measure: str, outputs: np.ndarray) -> None:
        found = _sobol(salib_problem, outputs, seed)
        for order, key in (("first_order", "S1"), ("total_order", "ST")):
            for name, value, half in zip(
                inputs.active, found[key], found[f"{key}_conf"], strict=True
            ):
                rows.append((scope, measure, order, name, value, value - half, value + half))

    published = {}
    for measure in audit.RANKED:
        published[measure] = scoring.rank_desc(frame[measure]).astype(int).to_numpy()
        shift = np.abs(ranks[measure] - published[measure][None, :]).mean(axis=1)
        add(MEAN_RANK_SHIFT, measure, shift)
    for column, iso3 in enumerate(frame["iso3"]):
        for measure in audit.RANKED:
            add(str(iso3), measure, ranks[measure][:, column])
    countries = pd.DataFrame(
        {
            "iso3": frame["iso3"].astype(str).to_numpy(),
            "country": frame["country"].astype(str).to_numpy(),
            "criminality_rank": published["criminality"],
            "resilience_rank": published["resilience"],
            # How far the rank varies over the design: what the indices share out.
            "criminality_rank_sd": ranks["criminality"].std(axis=0),
            "resilience_rank_sd": ranks["resilience"].std(axis=0),
        }
    )
    countries = countries.sort_values(["criminality_rank", "country"], kind="stable")
    return SensitivityResult(
        edition=held,
        samples=samples,
        seed=seed,
        inputs=inputs.active,
        indices=pd.DataFrame(rows, columns=list(INDEX_COLUMNS)),
        countries=countries.reset_index(drop=True),
    )


def cached_analysis(
    edition: int | str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = audit.DEFAULT_SEED,
) -> SensitivityResult:
    """:func:`analyse` over :data:`DEFAULT_INPUTS` on the embedded dataset, from memory or from
    disk when computed before (what the country report reads; shared: do not modify it).

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", str(getfixture("tmp_path")))
    >>> first = cached_analysis(2023, samples=32, seed=7)
    >>> cached_analysis("2023", samples=32, seed=7).indices.equals(first.indices)
    True
    """
    held = dataset.check_edition(edition)
    expected = {"edition": held, "samples": samples, "seed": seed}
    key = (held, samples, seed)
    return results.kept("sensitivity", key, SensitivityResult, expected, analyse, *key)


def label(name: str) -> str:
    """The plain-English name of an uncertain input (report text).

    >>> label("leave_one_out")
    'leaving out one indicator'
    """
    return INPUT_LABELS[name]


# In English here (the command's text); a report translates them where it shows them.
INPUT_LABELS = {
    "indicator_weights": N_("the indicator weights"),
    "pillar_weights": N_("the weights of the two criminality pillars"),
    "aggregation": N_("the choice of mean"),
    "leave_one_out": N_("leaving out one indicator"),
}
