"""Audit of the index in the manner of COINr (the EU JRC's composite-indicator toolkit).

Three checks of one edition:

- **Correlations** (Pearson and Spearman) of each indicator with its pillar's published score
  (the pillar includes the indicator, as in COINr's default, which lifts these a little), of the two
  criminality pillars with criminality, and of resilience with criminality.
- **Cronbach's alpha** per pillar: ``k/(k-1) * (1 - sum of indicator variances / variance of the
  sum)``, the internal consistency of the pillar's indicators.
- **Rank robustness**, a Monte Carlo: each run draws every indicator weight independently and
  uniformly from [0.75, 1.25] (±25 % around the publisher's equal weights) and chooses arithmetic or
  geometric aggregation with probability 1/2 each (the same choice at both levels of the run); it
  recomputes the three pillar scores as weighted means of their indicators, criminality as the mean
  of criminal markets and criminal actors, and ranks all countries. Simulated scores are rounded to
  hundredths before ranking, like the published ones, and ranks are competition ranks, highest
  score 1st, ties sharing the best rank (the publisher's convention). Per country the result gives
  the nominal (published) rank and the median, 5th and 95th percentile of its simulated ranks;
  percentiles are observed ranks (``numpy.quantile(method="inverted_cdf")``), so they are integers.

All runs are computed at once with numpy (weights runs × indicators, scores runs × countries by
matrix products, ranks by counting), and the random draws depend only on ``seed``: identical
arguments give identical results.

One audit is *the* audit: :data:`~ocanalysis.analysis.settings.DEFAULT_RUNS` runs from
:data:`~ocanalysis.analysis.settings.DEFAULT_SEED`, the defaults of
:func:`run`, of ``ocanalysis audit`` and of the report and its figures, which read it through
:func:`cached_run` (computed once per edition and kept on disk), so all of them state the same
intervals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd

from .. import catalogue, dataset, scoring
from ..errors import ArgumentError, ValidationError
from ._frames import check_count, edition_frame, frame_edition

# Where results are kept (memory, shipped, cache folder) is results'; the default settings are
# settings'. Both named here too, where callers and tests have long found them.
from .results import (  # noqa: F401
    CacheWarning,
    cache_dir,
    cache_file,
    environment_digest,
    forget_kept,
    fresh_copy,
    kept,
)
from .settings import DEFAULT_RUNS, DEFAULT_SEED, INPUTS  # noqa: F401

WEIGHT_SPREAD = 0.25  # each weight drawn uniformly from [1 - spread, 1 + spread]
MAX_RUNS = 100_000  # weights stay below 30 MB and ranks below 80 MB
CHUNK_RUNS = 5_000  # runs simulated at once; bounds the float arrays (same results at any size)
QUANTILES = {"q05": 0.05, "median": 0.5, "q95": 0.95}
RANKED = ("criminality", "resilience")

UNCERTAINTY_COLUMNS: tuple[str, ...] = (
    "iso3",
    "country",
    "nominal",
    "median",
    "q05",
    "q95",
    # Beyond the core columns:
    "continent",
    "region",
)
CORRELATION_LEVELS = ("indicator_pillar", "pillar_composite", "composite_composite")


AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric", "harmonic")
AUDIT_AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")  # today's audit's choice


@dataclass(frozen=True)
class UncertainInputs:
    """Which of the index's choices a Monte Carlo or a sensitivity analysis lets vary.

    - ``weight_spread``: every indicator weight uniform in [1 - spread, 1 + spread] (0: fixed);
    - ``pillar_spread``: inside criminality, criminal markets weighted 1 + d and criminal actors
      1 - d, d uniform in [-spread, spread] (0: equal, as published);
    - ``aggregations``: the means chosen from, each equally likely, the same at both levels of a
      run (one of them: fixed);
    - ``leave_one_out``: each run leaves out no indicator or one, each of these equally likely.

    The defaults are today's audit, whose intervals they reproduce exactly.
    :data:`ALL_OFF` switches every input off (every run is the published index).

    >>> UncertainInputs().active, ALL_OFF.active
    (('indicator_weights', 'aggregation'), ())
    """

    weight_spread: float = WEIGHT_SPREAD
    pillar_spread: float = 0.0
    aggregations: tuple[str, ...] = AUDIT_AGGREGATIONS
    leave_one_out: bool = False

    def __post_init__(self):
        for name in ("weight_spread", "pillar_spread"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
                raise ArgumentError(f"{name} must be a number from 0 to below 1, not {value!r}")
        unknown = [a for a in self.aggregations if a not in AGGREGATIONS]
        if unknown or not self.aggregations or len(set(self.aggregations)) < len(self.aggregations):
            raise ArgumentError(
                f"aggregations must be distinct names among {', '.join(AGGREGATIONS)}, "
                f"not {self.aggregations!r}"
            )

    @property
    def active(self) -> tuple[str, ...]:
        """The names of the inputs that vary, in :data:`~ocanalysis.analysis.settings.INPUTS` order."""
        on = {
            "indicator_weights": self.weight_spread > 0,
            "pillar_weights": self.pillar_spread > 0,
            "aggregation": len(self.aggregations) > 1,
            "leave_one_out": self.leave_one_out,
        }
        return tuple(name for name in INPUTS if on[name])

    def scenarios(self, uniform: dict[str, np.ndarray], indicators: int) -> Scenarios:
        """The scenarios of given uniform [0, 1) draws, one set per input: ``indicator_weights``
        (runs × indicators), ``pillar_weights``, ``aggregation``, ``leave_one_out`` (runs);
        inputs that are off are not read. Discrete choices take equal shares of [0, 1)."""
        runs = len(next(iter(uniform.values())))
        weights = np.ones((runs, indicators))
        if self.weight_spread > 0:
            spread = self.weight_spread
            weights = (1 - spread) + 2 * spread * uniform["indicator_weights"]
        pillar_weights = None
        if self.pillar_spread > 0:
            d = self.pillar_spread * (2 * uniform["pillar_weights"] - 1)
            pillar_weights = np.column_stack([1 + d, 1 - d])
        chosen = np.zeros(runs, dtype=np.int64)
        if len(self.aggregations) > 1:
            chosen = category(uniform["aggregation"], len(self.aggregations))
        codes = np.array([AGGREGATIONS.index(a) for a in self.aggregations])[chosen]
        if self.leave_one_out:
            # Category 0 leaves nothing out; category k leaves out indicator k - 1.
            left_out = category(uniform["leave_one_out"], indicators + 1) - 1
            dropped = left_out >= 0
            weights = weights.copy()
            weights[np.nonzero(dropped)[0], left_out[dropped]] = 0.0
        return Scenarios(
            weights=weights,
            geometric=codes == AGGREGATIONS.index("geometric"),
            harmonic=codes == AGGREGATIONS.index("harmonic"),
            pillar_weights=pillar_weights,
        )


ALL_OFF = UncertainInputs(weight_spread=0.0, aggregations=("arithmetic",))


def category(uniform: np.ndarray, count: int) -> np.ndarray:
    """Map uniform [0, 1) draws to ``count`` equally likely categories 0 .. count - 1.

    Counted from the top (``u < 1/2`` is category 1 of 2), so today's audit's rule "geometric
    when the draw is below 1/2" is category 1, geometric, of (arithmetic, geometric).

    >>> category(np.array([0.0, 0.49, 0.5, 0.99]), 2).tolist()
    [1, 1, 0, 0]
    """
    return count - 1 - np.minimum(np.floor(uniform * count).astype(np.int64), count - 1)


@dataclass(frozen=True)
class Scenarios:
    """The Monte Carlo's runs: ``weights`` (runs × indicators; 0 leaves an indicator out),
    ``geometric`` and ``harmonic`` (runs; neither: arithmetic), and ``pillar_weights`` (runs × 2,
    criminal markets and criminal actors inside criminality; None: equal)."""

    weights: np.ndarray
    geometric: np.ndarray
    harmonic: np.ndarray | None = None
    pillar_weights: np.ndarray | None = None

    def __getitem__(self, part: slice) -> Scenarios:
        """The runs of one slice."""
        return Scenarios(
            self.weights[part],
            self.geometric[part],
            None if self.harmonic is None else self.harmonic[part],
            None if self.pillar_weights is None else self.pillar_weights[part],
        )


def draw_scenarios(
    runs: int, seed: int, indicators: int, inputs: UncertainInputs | None = None
) -> Scenarios:
    """The runs of a Monte Carlo over ``inputs`` (default: today's audit); the same for the same
    arguments. Draws in a fixed order (weights, aggregation, pillar weights, left-out indicator):
    today's audit drew the first two alone (``rng.uniform(0.75, 1.25)``, geometric when below
    1/2), and these are the same floats, so its published intervals stay byte for byte.

    >>> s = draw_scenarios(4, 1, 3)
    >>> s.weights.shape, bool(((s.weights >= 0.75) & (s.weights <= 1.25)).all())
    ((4, 3), True)
    """
    inputs = UncertainInputs() if inputs is None else inputs
    rng = np.random.default_rng(seed)
    uniform = {
        "indicator_weights": rng.random(size=(runs, indicators)),
        "aggregation": rng.random(runs),
    }
    uniform["pillar_weights"] = rng.random(runs)
    uniform["leave_one_out"] = rng.random(runs)
    return inputs.scenarios(uniform, indicators)


def _mean(kind: str, w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Weighted means (runs × countries) of ``x`` (countries × k) under weights (runs × k)."""
    total = w.sum(axis=1, keepdims=True)
    if kind == "arithmetic":
        return (w @ x.T) / total
    if kind == "geometric":
        return np.exp((w @ np.log(x).T) / total)
    return total / (w @ (1.0 / x).T)


def simulate_scores(
    values: np.ndarray, pillars: list[str], scenarios: Scenarios
) -> dict[str, np.ndarray]:
    """Criminality and resilience (runs × countries) for every scenario at once.

    ``values`` is countries × indicators (scores from 1 to 10), ``pillars`` the pillar of each
    column. Weighted arithmetic mean ``sum(w x) / sum(w)``, weighted geometric mean
    ``exp(sum(w log x) / sum(w))`` or weighted harmonic mean ``sum(w) / sum(w / x)`` per pillar,
    then the same kind of mean of the two criminality pillars (weighted by ``pillar_weights``).

    >>> values = np.array([[2.0, 8.0, 5.0], [4.0, 4.0, 6.0]])
    >>> plain = Scenarios(np.ones((2, 3)), np.array([False, True]))
    >>> out = simulate_scores(values, ["criminal_markets", "criminal_actors", "resilience"], plain)
    >>> out["criminality"].round(4).tolist()
    [[5.0, 4.0], [4.0, 4.0]]
    """
    weights, geometric = scenarios.weights, scenarios.geometric
    harmonic = np.zeros_like(geometric) if scenarios.harmonic is None else scenarios.harmonic
    kinds = {"geometric": geometric, "harmonic": harmonic, "arithmetic": ~(geometric | harmonic)}
    runs, countries = len(geometric), len(values)
    pillar_scores: dict[str, np.ndarray] = {}
    for pillar in catalogue.PILLARS:
        columns = [i for i, p in enumerate(pillars) if p == pillar]
        # Each run needs one kind of mean only: compute each kind on its own runs.
        scores = np.empty((runs, countries))
        for kind, chosen in kinds.items():
            if chosen.any():
                w = weights[np.ix_(chosen, columns)]
                scores[chosen] = _mean(kind, w, values[:, columns])
        pillar_scores[pillar] = scores
    markets = pillar_scores[catalogue.CRIMINAL_MARKETS]
    actors = pillar_scores[catalogue.CRIMINAL_ACTORS]
    criminality = np.empty((runs, countries))
    if scenarios.pillar_weights is None:
        # Equal pillar weights, in the audit's own formulas (its intervals stay byte for byte).
        arithmetic = kinds["arithmetic"]
        criminality[arithmetic] = (markets[arithmetic] + actors[arithmetic]) / 2
        criminality[geometric] = np.sqrt(markets[geometric] * actors[geometric])
        criminality[harmonic] = 2 / (1 / markets[harmonic] + 1 / actors[harmonic])
    else:
        pw = scenarios.pillar_weights
        for kind, chosen in kinds.items():
            if chosen.any():
                m, a = markets[chosen], actors[chosen]
                wm, wa = pw[chosen, :1], pw[chosen, 1:]
                if kind == "arithmetic":
                    criminality[chosen] = (wm * m + wa * a) / (wm + wa)
                elif kind == "geometric":
                    criminality[chosen] = np.exp((wm * np.log(m) + wa * np.log(a)) / (wm + wa))
                else:
                    criminality[chosen] = (wm + wa) / (wm / m + wa / a)
    return {"criminality": criminality, "resilience": pillar_scores[catalogue.RESILIENCE]}


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Per row: competition ranks of the scores rounded half up to hundredths, highest first.

    A score's rank is 1 + the number of scores of its row that are strictly greater. Rounded scores
    are small integers (hundredths of the 1-10 scale), so one ``bincount`` over all rows (each row
    shifted into its own band of values) and a cumulative sum per row count them without sorting.

    >>> competition_ranks(np.array([[4.43, 5.0, 4.429999999, 3.0], [1.0, 2.0, 3.0, 4.0]])).tolist()
    [[2, 1, 2, 4], [4, 3, 2, 1]]
    """
    runs, countries = scores.shape
    # 1e-9 absorbs float error, so an exact ...5 rounds up as the publisher's rounding does.
    hundredths = np.floor(scores * 100 + 0.5 + 1e-9).astype(np.int64)
    if hundredths.size == 0:
        return hundredths.astype(np.int32)
    hundredths -= hundredths.min()
    band = int(hundredths.max()) + 1
    rows = np.arange(runs, dtype=np.int64)[:, None]
    counts = np.bincount((hundredths + rows * band).ravel(), minlength=runs * band)
    at_or_below = np.cumsum(counts.reshape(runs, band), axis=1)
    return (countries - at_or_below[rows, hundredths] + 1).astype(np.int32)


def _pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson correlation of each column of ``x`` with the matching column of ``y``."""
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    return (x * y).sum(axis=0) / np.sqrt((x * x).sum(axis=0) * (y * y).sum(axis=0))


def correlations(frame: pd.DataFrame) -> pd.DataFrame:
    """Pearson and Spearman correlations: indicator–pillar, pillar–composite, composite–composite.

    Spearman is the Pearson correlation of average ranks (ties share their mean rank). Columns:
    level (one of :data:`CORRELATION_LEVELS`), variable, aggregate, pearson, spearman.

    >>> from ocanalysis import dataset
    >>> table = correlations(dataset.wide(2023))
    >>> table["level"].value_counts().to_dict()
    {'indicator_pillar': 32, 'pillar_composite': 2, 'composite_composite': 1}
    >>> last = table.iloc[-1]
    >>> last["variable"], last["aggregate"], round(float(last["pearson"]), 4)
    ('resilience', 'criminality', -0.4443)
    """
    edition = frame_edition(frame)
    pairs = [("indicator_pillar", i.id, i.pillar) for i in catalogue.indicators(edition)]
    pairs += [
        ("pillar_composite", catalogue.CRIMINAL_MARKETS, "criminality"),
        ("pillar_composite", catalogue.CRIMINAL_ACTORS, "criminality"),
        ("composite_composite", catalogue.RESILIENCE, "criminality"),
    ]
    out = pd.DataFrame(pairs, columns=["level", "variable", "aggregate"])
    x = frame[out["variable"].tolist()].astype(float)
    y = frame[out["aggregate"].tolist()].astype(float)
    out["pearson"] = _pearson(x.to_numpy(), y.to_numpy())
    out["spearman"] = _pearson(
        x.rank(method="average").to_numpy(), y.rank(method="average").to_numpy()
    )
    return out


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha of the columns of ``items`` (one row per country).

    >>> cronbach_alpha(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, 2.0, 3.0]}))
    1.0
    """
    k = items.shape[1]
    item_variances = items.var(ddof=1).sum()
    total_variance = items.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variances / total_variance))


WIDEST = 10  # intervals listed in the text summary


@dataclass(frozen=True, repr=False)
class AuditResult:
    """The audit of one edition. ``rank_uncertainty`` is for criminality ranks,
    ``resilience_rank_uncertainty`` for resilience ranks (columns :data:`UNCERTAINTY_COLUMNS`, in
    nominal rank order); ``correlations`` see :func:`correlations`; ``cronbach_alpha`` per pillar.

    ``repr`` is one line, ``print`` the text of ``ocanalysis audit``, and JupyterLab shows
    compact tables (``_repr_html_``); :meth:`tables` gives the sheets of ``--format xlsx``.

    >>> run(2023, runs=20, seed=1)
    <AuditResult 2023 edition: 20 runs, seed 1; criminality ranks inside their 5-95 % interval for 193 of 193 countries>
    """

    edition: int
    runs: int
    seed: int
    rank_uncertainty: pd.DataFrame
    resilience_rank_uncertainty: pd.DataFrame
    correlations: pd.DataFrame
    cronbach_alpha: dict[str, float] = field(default_factory=dict)

    # The columns a stored result's frames must have (``_store.decode``).
    STORED_COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "rank_uncertainty": UNCERTAINTY_COLUMNS,
        "resilience_rank_uncertainty": UNCERTAINTY_COLUMNS,
        "correlations": ("level", "variable", "aggregate", "pearson", "spearman"),
    }

    def to_dict(self) -> dict:
        """The JSON shape of ``ocanalysis audit --json``.

        Keys: edition, runs, seed, rank_uncertainty and resilience_rank_uncertainty (lists of
        ``{"iso3", "nominal", "median", "q05", "q95"}``), correlations (``{level: [{"variable",
        "aggregate", "pearson", "spearman"}, ...]}``), cronbach_alpha (``{pillar: alpha}``).
        Correlations and alphas are rounded to 4 decimals.

        >>> data = run(2023, runs=20, seed=1).to_dict()
        >>> data["runs"], data["rank_uncertainty"][0]
        (20, {'iso3': 'MMR', 'nominal': 1, 'median': 1, 'q05': 1, 'q95': 1})
        >>> data["cronbach_alpha"]
        {'criminal_markets': 0.9017, 'criminal_actors': 0.7969, 'resilience': 0.9756}
        """

        def intervals(table: pd.DataFrame) -> list[dict]:
            return [
                {
                    "iso3": str(row.iso3),
                    "nominal": int(row.nominal),
                    "median": int(row.median),
                    "q05": int(row.q05),
                    "q95": int(row.q95),
                }
                for row in table.itertuples(index=False)
            ]

        return {
            "edition": self.edition,
            "runs": self.runs,
            "seed": self.seed,
            "rank_uncertainty": intervals(self.rank_uncertainty),
            "resilience_rank_uncertainty": intervals(self.resilience_rank_uncertainty),
            "correlations": {
                level: [
                    {
                        "variable": row.variable,
                        "aggregate": row.aggregate,
                        "pearson": round(row.pearson, 4),
                        "spearman": round(row.spearman, 4),
                    }
                    for row in self.correlations.itertuples(index=False)
                    if row.level == level
                ]
                for level in CORRELATION_LEVELS
            },
            "cronbach_alpha": {k: round(v, 4) for k, v in self.cronbach_alpha.items()},
        }

    def to_text(self, show_all: bool = False) -> str:
        """The audit as text (``ocanalysis audit``): alphas, correlations, then the widest
        rank intervals (``show_all``: every country's).

        >>> print("\\n".join(run(2023, runs=20, seed=1).to_text().splitlines()[:6]))
        Audit of the 2023 edition: 20 Monte Carlo runs, seed 1
        (each indicator weight uniform within ±25 %; arithmetic or geometric mean, 1/2 each)
        <BLANKLINE>
        Cronbach's alpha
          Criminal markets                          0.902
          Criminal actors                           0.797
        """
        label = _labels()
        lines = [
            f"Audit of the {self.edition} edition: {self.runs} Monte Carlo runs, seed {self.seed}",
            "(each indicator weight uniform within ±25 %; arithmetic or geometric mean, 1/2 each)",
            "",
            "Cronbach's alpha",
        ]
        for pillar, alpha in self.cronbach_alpha.items():
            lines.append(f"  {label[pillar]:<40} {alpha:6.3f}")
        lines += ["", "Correlations (Pearson / Spearman)"]
        table = self.correlations
        aggregates = table.loc[table["level"] != "indicator_pillar"]
        for row in aggregates.itertuples(index=False):
            name = f"{label[row.variable]} with {label[row.aggregate].lower()}"
            lines.append(f"  {name:<40} {row.pearson:6.3f} / {row.spearman:6.3f}")
        weakest = table.loc[table["level"] == "indicator_pillar"].nsmallest(5, "pearson")
        lines.append("  weakest indicator-pillar correlations:")
        for row in weakest.itertuples(index=False):
            name = f"{label[row.variable]} with {label[row.aggregate].lower()}"
            lines.append(f"    {name[:60]:<60} {row.pearson:6.3f} / {row.spearman:6.3f}")
        lines.append("")
        lines += _interval_lines(self.rank_uncertainty, "Criminality ranks", show_all)
        lines.append("")
        lines += _interval_lines(self.resilience_rank_uncertainty, "Resilience ranks", show_all)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        table = self.rank_uncertainty
        inside = int(
            ((table["nominal"] >= table["q05"]) & (table["nominal"] <= table["q95"])).sum()
        )
        return (
            f"<AuditResult {self.edition} edition: {self.runs} runs, seed {self.seed}; "
            f"criminality ranks inside their 5-95 % interval for {inside} of {len(table)} countries>"
        )

    def tables(self) -> dict[str, pd.DataFrame]:
        """The audit as sheets: each ranking's intervals, the correlations, the alphas.

        >>> list(run(2023, runs=20, seed=1).tables())
        ['criminality ranks', 'resilience ranks', 'correlations', 'cronbach alpha']
        """
        label = _labels()
        columns = ["iso3", "country", "continent", "region", "nominal", "median", "q05", "q95"]
        correlations = self.correlations.copy()
        correlations.insert(2, "variable_label", correlations["variable"].map(label))
        correlations.insert(4, "aggregate_label", correlations["aggregate"].map(label))
        alpha = pd.DataFrame(
            {
                "pillar": list(self.cronbach_alpha),
                "label": [label[p] for p in self.cronbach_alpha],
                "cronbach_alpha": list(self.cronbach_alpha.values()),
            }
        )
        return {
            "criminality ranks": self.rank_uncertainty[columns],
            "resilience ranks": self.resilience_rank_uncertainty[columns],
            "correlations": correlations,
            "cronbach alpha": alpha,
        }

    def _repr_html_(self) -> str:
        """The alphas, the composite correlations and the widest criminality intervals.

        >>> html = run(2023, runs=20, seed=1)._repr_html_()
        >>> html.count("<table"), "<td>Criminal markets</td>" in html
        (3, True)
        """
        from .._display import html_block, html_table

        label = _labels()
        alphas = html_table(
            ["pillar", "Cronbach's alpha"],
            [[label[p], round(a, 3)] for p, a in self.cronbach_alpha.items()],
            caption="Internal consistency",
        )
        table = self.correlations
        aggregates = table.loc[table["level"] != "indicator_pillar"]
        correlations = html_table(
            ["variable", "with", "Pearson", "Spearman"],
            [
                [label[r.variable], label[r.aggregate], round(r.pearson, 3), round(r.spearman, 3)]
                for r in aggregates.itertuples(index=False)
            ],
            caption="Correlations",
        )
        ranks = self.rank_uncertainty
        widest = ranks.loc[
            (ranks["q95"] - ranks["q05"]).sort_values(ascending=False, kind="stable").index[:WIDEST]
        ]
        intervals = html_table(
            ["country", "nominal", "median", "5 %", "95 %"],
            [
                [r.country, int(r.nominal), int(r.median), int(r.q05), int(r.q95)]
                for r in widest.itertuples(index=False)
            ],
            caption=f"Criminality ranks: the {WIDEST} widest 5-95 % intervals",
        )
        title = (
            f"Audit of the {self.edition} edition: {self.runs} Monte Carlo runs, seed {self.seed}"
        )
        return html_block(alphas, correlations, intervals, title=title)


def _labels() -> dict[str, str]:
    return {m.id: m.label for m in catalogue.ALL_MEASURES}


def _interval_lines(table: pd.DataFrame, title: str, show_all: bool) -> list[str]:
    inside = (table["nominal"] >= table["q05"]) & (table["nominal"] <= table["q95"])
    width = table["q95"] - table["q05"]
    lines = [
        f"{title}: the nominal rank lies inside its 5-95 % interval for {int(inside.sum())} of "
        f"{len(table)} countries; median interval width {float(width.median()):g} places",
    ]
    if show_all:
        shown, heading = table, "  every country, in nominal rank order:"
    else:
        order = width.sort_values(ascending=False, kind="stable").index[:WIDEST]
        shown, heading = table.loc[order], f"  the {WIDEST} widest intervals:"
    lines.append(heading)
    lines.append(f"    {'country':<34} {'nominal':>7} {'median':>6} {'5 %':>5} {'95 %':>5}")
    for row in shown.itertuples(index=False):
        flag = "" if row.q05 <= row.nominal <= row.q95 else "  (outside)"
        lines.append(
            f"    {row.country[:34]:<34} {row.nominal:>7} {row.median:>6} {row.q05:>5} "
            f"{row.q95:>5}{flag}"
        )
    return lines


def _uncertainty(frame: pd.DataFrame, measure: str, ranks: np.ndarray) -> pd.DataFrame:
    out = frame[["iso3", "country", "continent", "region"]].copy()
    out["nominal"] = scoring.rank_desc(frame[measure]).astype(int).to_numpy()
    quantiles = np.quantile(ranks, list(QUANTILES.values()), axis=0, method="inverted_cdf")
    for name, values in zip(QUANTILES, quantiles, strict=True):
        out[name] = values.astype(int)
    out = out.sort_values(["nominal", "country"], kind="stable")
    return out[list(UNCERTAINTY_COLUMNS)].reset_index(drop=True)


def run(
    edition: int | None = None,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    *,
    data: pd.DataFrame | None = None,
    inputs: UncertainInputs | None = None,
) -> AuditResult:
    """Audit one edition (default: latest): correlations, Cronbach's alpha and rank robustness.

    ``runs`` from 1 to :data:`MAX_RUNS`; ``seed`` any non-negative integer; ``inputs`` the
    uncertain inputs of the Monte Carlo (default: today's audit, :class:`UncertainInputs`).

    >>> result = run(2023, runs=200)
    >>> result.rank_uncertainty.set_index("iso3").loc["BEL", "nominal"]
    np.int64(129)
    >>> result.to_dict() == run(2023, runs=200).to_dict()
    True
    """
    runs = check_count("runs", runs, maximum=MAX_RUNS)
    seed = check_seed(seed)
    frame, held, indicators, values = scored_values(edition, data)
    scenarios = draw_scenarios(runs, seed, len(indicators), inputs)
    ranks = simulate_ranks(values, [i.pillar for i in indicators], scenarios)
    uncertainty = {m: _uncertainty(frame, m, ranks[m]) for m in RANKED}
    alphas = {
        pillar: cronbach_alpha(frame[[i.id for i in catalogue.indicators(held, pillar)]])
        for pillar in catalogue.PILLARS
    }
    return AuditResult(
        edition=held,
        runs=runs,
        seed=seed,
        rank_uncertainty=uncertainty["criminality"],
        resilience_rank_uncertainty=uncertainty["resilience"],
        correlations=correlations(frame),
        cronbach_alpha=alphas,
    )


def check_seed(seed) -> int:
    """The seed as an int; a negative or non-integer seed is an :class:`ArgumentError`."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ArgumentError(f"seed must be a non-negative whole number, not {seed!r}")
    return int(seed)


def scored_values(
    edition: int | None, data: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, int, list, np.ndarray]:
    """The edition's frame, its year, its indicators and their scores (countries × indicators),
    checked usable for every mean (finite and positive)."""
    frame = edition_frame(edition, data)
    held = frame_edition(frame)
    indicators = catalogue.indicators(held)
    values = frame[[i.id for i in indicators]].to_numpy(dtype=float)
    missing = ~np.isfinite(values) | (values <= 0)
    if missing.any():
        row, column = (int(x[0]) for x in np.nonzero(missing))
        raise ValidationError(
            [
                f"edition {held}: {frame['iso3'].iloc[row]} has no usable score for "
                f"{indicators[column].id} ({values[row, column]!r})"
            ]
        )
    return frame, held, list(indicators), values


def simulate_ranks(
    values: np.ndarray, pillars: list[str], scenarios: Scenarios
) -> dict[str, np.ndarray]:
    """Criminality and resilience competition ranks (runs × countries) of every scenario,
    :data:`CHUNK_RUNS` runs at a time (the same ranks at any chunk size)."""
    runs = len(scenarios.geometric)
    ranks = {m: np.empty((runs, len(values)), dtype=np.int16) for m in RANKED}
    for start in range(0, runs, CHUNK_RUNS):
        part = slice(start, start + CHUNK_RUNS)
        for measure, scores in simulate_scores(values, pillars, scenarios[part]).items():
            ranks[measure][part] = competition_ranks(scores)
    return ranks


def cache_path(edition: int, runs: int, seed: int) -> Path:
    """The file of one computed audit, named by everything it depends on: edition, runs, seed,
    the dataset's bytes, the package's source and the versions of what computes it.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", "/srv/cache")
    >>> cache_path(2023, 1000, 12345).name.startswith("audit-2023-1000-12345-")
    True
    """
    return cache_file("audit", edition, runs, seed)


def cached_run(
    edition: int | str | None = None, runs: int = DEFAULT_RUNS, seed: int = DEFAULT_SEED
) -> AuditResult:
    """:func:`run` on the embedded dataset, from memory or from disk when computed before.

    What the report, its figures and ``ocanalysis audit`` use; the defaults' results are shipped
    with the data build (:mod:`~ocanalysis.analysis.results`). Each call returns a copy of its
    own: a caller that changes it (a notebook) changes nothing another caller sees. A cache that
    cannot be written (a read-only home) only means the audit is computed again next time.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", str(getfixture("tmp_path")))
    >>> first = cached_run(2023, runs=20, seed=7)
    >>> cached_run("2023", runs=20, seed=7).to_dict() == first.to_dict()
    True
    >>> cache_path(2023, 20, 7).exists()
    True
    """
    held = dataset.check_edition(edition)
    expected = {"edition": held, "runs": runs, "seed": seed}
    return kept("audit", (held, runs, seed), AuditResult, expected, run, held, runs, seed)
