"""Countries with the most similar indicator profile, the three pillars weighing equally.

Distance between two countries: for each pillar (criminal markets, criminal actors, resilience) the
root-mean-square difference of its indicators, ``d_p = sqrt(sum_i (x_i - y_i)^2 / n_p)``; then the
root mean square of the three, ``d = sqrt((d_markets^2 + d_actors^2 + d_resilience^2) / 3)``.
Dividing by the number of indicators stops the 15 market indicators from outweighing the 5 actor
types; the result is a weighted Euclidean distance (a true metric) in index points: 0 for identical
profiles, at most 9 on the 1-10 scale. Indicators share one scale, so they are not standardized.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue
from ._frames import check_count, country_iso3, edition_frame, frame_edition

NEAREST_COLUMNS: tuple[str, ...] = (
    "iso3",
    "country",
    "region",
    "distance",
    # Beyond the core columns:
    "continent",
    *(f"distance_{pillar}" for pillar in catalogue.PILLARS),
)


def pillar_distances(frame: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Each country's per-pillar RMS distance to ``iso3`` and the combined distance (itself: 0).

    >>> from ocanalysis import dataset
    >>> frame = dataset.wide(2023)
    >>> table = pillar_distances(frame, "BEL").set_index(frame["iso3"])
    >>> table.loc["BEL", "distance"], round(table.loc["NLD", "distance"], 3)
    (np.float64(0.0), np.float64(0.863))
    """
    edition = frame_edition(frame)
    target = frame["iso3"] == iso3
    out = pd.DataFrame(index=frame.index)
    squares = []
    for pillar in catalogue.PILLARS:
        ids = [i.id for i in catalogue.indicators(edition, pillar)]
        values = frame[ids].to_numpy(dtype=float)
        mine = values[target.to_numpy()][0]
        per_pillar = np.sqrt(((values - mine) ** 2).mean(axis=1))
        out[f"distance_{pillar}"] = per_pillar
        squares.append(per_pillar**2)
    out["distance"] = np.sqrt(np.mean(squares, axis=0))
    return out


def nearest(
    country: str, edition: int | None = None, k: int = 5, *, data: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ``k`` countries closest to ``country`` by indicator profile (itself excluded).

    Closest first; equal distances in ISO3 order. Columns: :data:`NEAREST_COLUMNS`.

    >>> table = nearest("Belgium", 2023, k=3)
    >>> len(table), bool(table["distance"].is_monotonic_increasing), "BEL" in set(table["iso3"])
    (3, True, False)
    """
    frame = edition_frame(edition, data)
    iso3 = country_iso3(country, frame)
    k = check_count("k", k, maximum=len(frame) - 1)
    distances = pillar_distances(frame, iso3)
    out = pd.concat([frame[["iso3", "country", "region", "continent"]], distances], axis=1)
    out = out.loc[out["iso3"] != iso3].sort_values(["distance", "iso3"], kind="stable")
    return out[list(NEAREST_COLUMNS)].head(k).reset_index(drop=True)
