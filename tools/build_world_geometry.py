"""Convert Natural Earth's low-resolution countries into the compact world map the figures ship.

Run once by a developer; the output, ``src/ocanalysis/figures/world.json``, is committed and is all
the choropleth reads at run time (no download, no GIS library).

Input: Natural Earth 1:110m "Admin 0 - Countries" (public domain, https://www.naturalearthdata.com),
in the copy the ``pyogrio`` wheel carries as test data:
``site-packages/pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp`` (pyogrio 0.13.0,
attribute table dated 2018-09-01; 177 features).

This script needs pyogrio and shapely, which are NOT dependencies of ocanalysis. Use a throwaway venv:

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install pyogrio shapely
    /tmp/geo/bin/python tools/build_world_geometry.py [PATH_TO_naturalearth_lowres.shp]

What it does: keeps exterior rings only (each country is later drawn on top of larger ones, which
covers enclaves such as Lesotho), simplifies with a 0.1 degree tolerance, rounds coordinates to 0.1
degree and stores them as integers in tenths of a degree. Features Natural Earth codes ISO_A3 = -99
are matched by name; a few features that the index scores as part of a UN member (Somaliland,
Northern Cyprus) are merged into it; territories outside the index (Greenland, Western Sahara,
Antarctica excluded, ...) are kept as grey "other" shapes so the map has no holes. Index countries without an outline at
this scale (microstates, small islands) get one point each, from the hand-entered ``POINTS``.
"""

from __future__ import annotations

import csv
import glob
import json
import sys
import sysconfig
from pathlib import Path

import pyogrio
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "ocanalysis" / "figures" / "world.json"
COUNTRIES = ROOT / "src" / "ocanalysis" / "reference" / "countries.csv"
TOLERANCE = 0.1  # degrees
SCALE = 10  # stored integers are tenths of a degree

# Natural Earth features with ISO_A3 = -99, matched by name.
BY_NAME = {"France": "FRA", "Norway": "NOR"}
# Parts the index scores with a UN member state (it covers the 193 UN members).
MERGE_INTO = {"Somaliland": "SOM", "N. Cyprus": "CYP"}
DROP = {"Antarctica"}

# Index countries too small for 1:110m outlines, drawn as dots instead: approximate coordinates
# (longitude, latitude) of each capital, entered by hand from common knowledge; at this scale an
# error of a few tenths of a degree is invisible.
POINTS = {
    "AND": (1.52, 42.51),  # Andorra la Vella
    "ATG": (-61.85, 17.12),  # St John's
    "BHR": (50.58, 26.23),  # Manama
    "BRB": (-59.62, 13.10),  # Bridgetown
    "COM": (43.26, -11.70),  # Moroni
    "CPV": (-23.51, 14.93),  # Praia
    "DMA": (-61.39, 15.30),  # Roseau
    "FSM": (158.16, 6.92),  # Palikir
    "GRD": (-61.75, 12.06),  # St George's
    "KIR": (172.98, 1.33),  # South Tarawa
    "KNA": (-62.72, 17.30),  # Basseterre
    "LCA": (-60.99, 14.01),  # Castries
    "LIE": (9.52, 47.14),  # Vaduz
    "MCO": (7.42, 43.73),  # Monaco
    "MDV": (73.51, 4.18),  # Male
    "MHL": (171.38, 7.09),  # Majuro
    "MLT": (14.51, 35.90),  # Valletta
    "MUS": (57.50, -20.16),  # Port Louis
    "NRU": (166.92, -0.55),  # Yaren
    "PLW": (134.62, 7.50),  # Ngerulmud
    "SGP": (103.82, 1.35),  # Singapore
    "SMR": (12.45, 43.94),  # San Marino
    "STP": (6.73, 0.34),  # Sao Tome
    "SYC": (55.45, -4.62),  # Victoria
    "TON": (-175.20, -21.14),  # Nuku'alofa
    "TUV": (179.19, -8.52),  # Funafuti
    "VCT": (-61.23, 13.16),  # Kingstown
    "WSM": (-171.76, -13.83),  # Apia
}


def _default_input() -> str:
    site = sysconfig.get_paths()["purelib"]
    found = glob.glob(f"{site}/pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp")
    if not found:
        sys.exit("naturalearth_lowres.shp not found; pass its path (pip install pyogrio first)")
    return found[0]


def _rings(geometry) -> list[list[int]]:
    simplified = shapely.simplify(geometry, TOLERANCE, preserve_topology=True)
    polygons = getattr(simplified, "geoms", [simplified])
    rings = []
    for polygon in polygons:
        flat: list[int] = []
        last = None
        for x, y in list(polygon.exterior.coords)[:-1]:
            point = (round(x * SCALE), round(y * SCALE))
            if point != last:
                flat.extend(point)
                last = point
        if len(flat) >= 6 and (flat[0], flat[1]) == (flat[-2], flat[-1]):
            flat = flat[:-2]
        if len(flat) >= 6:  # a polygon needs three distinct corners
            rings.append(flat)
    return rings


def main(path: str) -> None:
    # The reference table directly: this venv lacks pandas, which importing ocanalysis needs.
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        index = {row["iso3"] for row in csv.DictReader(handle)}
    meta, _, geometries, fields = pyogrio.raw.read(path)
    names = list(meta["fields"])
    name_col, iso_col = fields[names.index("name")], fields[names.index("iso_a3")]
    shapes = shapely.from_wkb(geometries)
    grouped: dict[str, list] = {}
    others: dict[str, list] = {}
    for name, iso, shape in zip(name_col, iso_col, shapes, strict=True):
        if name in DROP:
            continue
        code = MERGE_INTO.get(name) or BY_NAME.get(name) or iso
        if code in index:
            grouped.setdefault(code, []).append(shape)
        else:
            others[name] = [shape]
    countries = {code: _rings(shapely.union_all(parts)) for code, parts in sorted(grouped.items())}
    other = {name: _rings(parts[0]) for name, parts in sorted(others.items())}
    payload = {
        "source": "Natural Earth 1:110m Admin 0 - Countries (naturalearth_lowres, as shipped in "
        "the pyogrio 0.13.0 wheel's test data; attribute table dated 2018-09-01)",
        "license": "Public domain (Natural Earth, https://www.naturalearthdata.com/about/terms-of-use/)",
        "made_by": "tools/build_world_geometry.py",
        "processing": f"exterior rings, simplified at {TOLERANCE} degree, rounded to 1/{SCALE} degree",
        "scale": SCALE,
        "countries": countries,
        "other": other,
        "points_note": "index countries without an outline at this scale, as one point each: "
        "approximate capital coordinates entered by hand (tools/build_world_geometry.py)",
        "points": {
            code: [round(x * SCALE), round(y * SCALE)]
            for code, (x, y) in sorted(POINTS.items())
            if code not in countries
        },
    }
    OUT.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    missing = sorted(index - set(countries))
    print(f"{OUT}: {len(countries)} index countries drawn, {len(other)} other territories")
    print(f"{len(missing)} index countries absent from the geometry: {', '.join(missing)}")
    unplaced = sorted(set(missing) - set(POINTS))
    print(f"shown as points: {len(set(missing) & set(POINTS))}; neither: {unplaced or 'none'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else _default_input())
