"""World choropleth: shipped geometry, every country drawn or listed, the country outlined."""

from __future__ import annotations

import io
import json
from importlib import resources

import numpy as np
import pytest
from matplotlib.colors import Normalize
from PIL import Image

from ocanalysis import countries, dataset, figures
from ocanalysis.errors import UnknownIndicatorError
from ocanalysis.figures import _choropleth
from ocanalysis.figures._choropleth import equal_earth
from ocanalysis.figures._theme import SEQUENTIAL_CMAP

from .conftest import collections_by_gid


def world() -> dict:
    return json.loads(
        resources.files("ocanalysis.figures").joinpath("world.json").read_text(encoding="utf-8")
    )


def test_every_country_is_drawn_or_listed_as_too_small():
    coverage = figures.choropleth_coverage()
    drawn, small = set(coverage["drawn"]), set(coverage["too_small"])
    index = {c.iso3 for c in countries.all_countries()}
    assert len(index) == 193
    assert drawn | small == index and not drawn & small
    assert len(drawn) + len(small) == 193
    # Microstates and small islands are the ones left out, never a large country.
    assert {"TUV", "NRU", "MCO", "SGP", "MLT"} <= small
    assert {"BEL", "FRA", "NOR", "SOM", "CYP", "BRA"} <= drawn
    # ... and each of those is still shown, as a dot.
    assert coverage["dots"] == coverage["too_small"]


def test_shipped_geometry_is_self_describing():
    data = world()
    assert "public domain" in data["license"].lower() and "Natural Earth" in data["source"]
    index = {c.iso3 for c in countries.all_countries()}
    assert set(data["countries"]) <= index  # non-index territories live under "other"
    for rings in data["countries"].values():
        assert rings and all(len(r) >= 6 and len(r) % 2 == 0 for r in rings)
    assert set(data["points"]) <= index and not set(data["points"]) & set(data["countries"])
    for lon, lat in data["points"].values():  # tenths of a degree
        assert -1800 <= lon <= 1800 and -600 <= lat <= 850


def test_patch_count_colours_and_outline():
    fig = figures.choropleth("criminality", 2023, country="Belgium")
    (shapes,) = collections_by_gid(fig, "countries")
    data = world()
    assert len(shapes.get_paths()) == sum(len(r) for r in data["countries"].values())
    # Belgium's polygons carry Belgium's score, coloured on the fixed 1–10 scale.
    score = dataset.wide(2023).set_index("iso3").loc["BEL", "criminality"]
    owners = np.asarray(shapes.ocanalysis_owners)
    assert np.all(shapes.get_array()[owners == "BEL"] == score)
    import matplotlib as mpl

    expected = mpl.colormaps[SEQUENTIAL_CMAP](Normalize(1, 10)(score))
    fig.canvas.draw()
    np.testing.assert_allclose(shapes.get_facecolor()[owners == "BEL"][0], expected, atol=1e-6)
    (outline,) = collections_by_gid(fig, "outline")
    assert len(outline.get_paths()) == len(data["countries"]["BEL"])
    assert figures.title(fig) == "Criminality, 2023: Belgium outlined"
    alt = figures.alt_text(fig)
    assert "Belgium (outlined) scores 4.43" in alt and "Tuvalu" in alt


def test_small_country_is_a_circled_dot_not_an_outline():
    fig = figures.choropleth("resilience", 2021, country="Tuvalu")
    assert collections_by_gid(fig, "outline") == []
    (circle,) = collections_by_gid(fig, "circle")
    (dots,) = collections_by_gid(fig, "dots")
    # One dot per country without an outline, coloured by its score; Tuvalu's is the circled one.
    assert sorted(dots.ocanalysis_owners) == figures.choropleth_coverage()["too_small"]
    at = dots.ocanalysis_owners.index("TUV")
    np.testing.assert_allclose(circle.get_offsets()[0], dots.get_offsets()[at])
    score = dataset.wide(2021).set_index("iso3").loc["TUV", "resilience"]
    assert dots.get_array()[at] == score
    assert figures.title(fig) == "Resilience, 2021: Tuvalu circled (too small to outline)"
    assert "Tuvalu (too small to outline at this scale, circled as a dot)" in figures.alt_text(fig)


def test_measures_by_label_and_missing_ones():
    assert figures.title(figures.choropleth("Cocaine trade", 2025)) == "Cocaine trade, 2025"
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth("financial_crimes", 2021)  # scored since 2023
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth("happiness", 2023)


def test_equal_earth_against_published_extent():
    # Šavrič et al. (2018): the map is 2 × 2.7066 wide and 2 × 1.3174 tall on the unit sphere.
    x, y = equal_earth(np.array([180.0, 0.0]), np.array([0.0, 90.0]))
    assert x[0] == pytest.approx(2.70663, abs=1e-4)
    assert y[1] == pytest.approx(1.31736, abs=1e-4)


# --------------------------------------------------------------------------- the report's fast path


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def differing(a: np.ndarray, b: np.ndarray, tolerance: int = 8) -> np.ndarray:
    """Where two images differ by more than ``tolerance`` levels in any channel."""
    assert a.shape == b.shape
    return np.abs(a - b).max(axis=2) > tolerance


def marked_areas(iso3: str, measure: str = "criminality", edition: int = 2023):
    """Where a full draw marks the country, in image pixels: the box around its outline (from
    the shipped geometry and the full draw's own transform, not from the fast path), and the
    boxes of the texts that name it (title, pointer label)."""
    fig = figures.choropleth(measure, edition, country=iso3)
    figures.to_png(fig)  # lays the figure out as encoded
    (shapes,) = collections_by_gid(fig, "countries")
    ax = shapes.axes
    data = world()
    scale = float(data["scale"])
    rings = [np.asarray(r, dtype=float).reshape(-1, 2) / scale for r in data["countries"][iso3]]
    xy = ax.transData.transform(np.vstack([np.column_stack(equal_earth(*r.T)) for r in rings]))
    height = fig.bbox.height

    def rows_columns(x0, y0, x1, y1, pad=0):
        return (
            slice(int(height - y1) - pad, int(np.ceil(height - y0)) + pad + 1),
            slice(int(x0) - pad, int(np.ceil(x1)) + pad + 1),
        )

    # The outline's 2.6 pt line reaches 2 px past the border.
    country = rows_columns(*xy.min(axis=0), *xy.max(axis=0), pad=3)
    renderer = fig.canvas.get_renderer()
    texts = [fig._suptitle, *(t for t in ax.texts)]
    named = [rows_columns(*t.get_window_extent(renderer).extents, pad=2) for t in texts]
    return country, named


@pytest.fixture
def cold_maps():
    """The fast path's per-process bases dropped before and after: each test starts cold."""
    _choropleth._forget_maps()
    yield
    _choropleth._forget_maps()


@pytest.mark.parametrize(
    "country",
    [
        "Belgium",  # outlined
        "Peru",
        "Côte d'Ivoire",  # a taller title (accents): the layout moves, so a base of its own
        "Tuvalu",  # a dot, circled and named
        "Samoa",  # its name sticks out of the map and moves the layout: drawn in full
        None,  # no country: drawn in full
    ],
)
def test_fast_map_is_the_full_draw(country, cold_maps):
    figures.choropleth_png("criminality", 2023, country="Chad")  # a warm process
    full_fig = figures.choropleth("criminality", 2023, country=country)
    full = pixels(figures.to_png(full_fig))
    fast = figures.choropleth_png("criminality", 2023, country=country)
    ours = pixels(fast.png)
    assert ours.shape == full.shape == (560, 900, 4)
    assert differing(ours, full).mean() < 0.005
    # Not nearly: exactly the same pixels (the base is drawn as to_png draws it, the marks on
    # top in the full draw's order).
    assert np.array_equal(ours, full)
    assert fast.alt == figures.alt_text(full_fig)
    assert fast.title == figures.title(full_fig)


@pytest.mark.parametrize("iso3", ["BEL", "PER"])  # with a pointer to its name, and without
def test_fast_map_outlines_the_country_in_its_place(iso3, cold_maps):
    marked = pixels(figures.choropleth_png("criminality", 2023, country=iso3).png)
    plain = pixels(figures.choropleth_png("criminality", 2023).png)
    country, named = marked_areas(iso3)
    changed = differing(marked, plain)
    # The pixels inside the country's border differ from the map without it: outlined ...
    assert changed[country].sum() > 50
    # ... with the outline's own colours (black under vermillion) on top of the fills ...
    window = marked[country][..., :3]
    assert (np.abs(window - [0, 0, 0]).max(axis=2) < 40).sum() > 5
    assert (np.abs(window - [0xD5, 0x5E, 0x00]).max(axis=2) < 40).sum() > 5
    # ... and nothing changed anywhere else but where the title and the pointer name it.
    elsewhere = changed.copy()
    for area in (country, *named):
        elsewhere[area] = False
    assert not elsewhere.any()


def test_fast_map_is_the_same_bytes_cold_or_warm(cold_maps):
    first = figures.choropleth_png("criminality", 2023, country="Belgium").png
    peru = figures.choropleth_png("criminality", 2023, country="Peru").png
    ivory = figures.choropleth_png("criminality", 2023, country="Côte d'Ivoire").png
    samoa = figures.choropleth_png("criminality", 2023, country="Samoa").png
    again = figures.choropleth_png("criminality", 2023, country="Belgium").png
    assert first == again and first != peru
    # A base first built from another country's title gives the same bytes too.
    _choropleth._forget_maps()
    assert figures.choropleth_png("criminality", 2023, country="Peru").png == peru
    assert figures.choropleth_png("criminality", 2023, country="Samoa").png == samoa
    assert figures.choropleth_png("criminality", 2023, country="Belgium").png == first
    assert figures.choropleth_png("criminality", 2023, country="Côte d'Ivoire").png == ivory


def test_fast_map_leaves_its_base_as_it_was(cold_maps):
    figures.choropleth_png("resilience", 2021, country="Tuvalu")
    (base,) = _bases()
    children = list(base.ax.get_children())
    figures.choropleth_png("resilience", 2021, country="Lesotho")
    figures.choropleth_png("resilience", 2021, country="Fiji")
    assert base.ax.get_children() == children and not base.title.get_visible()


def _bases():
    return [
        _choropleth._map_base(m, e, h, heading, source)
        for (m, e, h, source), heading in _choropleth._FIRST_HEADING.items()
    ]


def test_fast_map_checks_its_arguments():
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth_png("financial_crimes", 2021)
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth_png("happiness", 2023)


def test_png_encoder_keeps_every_pixel():
    rng = np.random.default_rng(4)
    opaque = rng.integers(0, 256, (7, 5, 4), dtype=np.uint8)
    opaque[..., 3] = 255
    see_through = opaque.copy()
    see_through[2, 3, 3] = 10
    for rgba, mode in ((opaque, "RGB"), (see_through, "RGBA")):
        image = Image.open(io.BytesIO(_choropleth.encode_png(rgba)))
        assert image.mode == mode and image.size == (5, 7)
        assert np.array_equal(np.asarray(image.convert("RGBA")), rgba)
        assert round(image.info["dpi"][0]) == figures.PNG_DPI
        assert set(image.info) == {"dpi"}  # no other metadata


def test_png_encoder_reuses_the_bands_a_reference_shares_and_nothing_else(monkeypatch):
    rng = np.random.default_rng(5)
    base = rng.integers(0, 4, (70, 9, 4), dtype=np.uint8)
    base[..., 3] = 255
    changed = base.copy()
    changed[3, 2, :3] = 200  # the first band
    changed[40:42, 0, 0] = 99  # the third
    reference = _choropleth.png_bands(base)
    deflated = []
    deflate = _choropleth._deflate_band
    monkeypatch.setattr(
        _choropleth, "_deflate_band", lambda rows: deflated.append(len(rows)) or deflate(rows)
    )
    data = _choropleth.encode_png(changed, reference=reference)
    assert deflated == [16, 16]  # 70 rows are 5 bands; only the two changed are compressed
    assert data == _choropleth.encode_png(changed)  # the bytes depend on the pixels only
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(data)).convert("RGBA")), changed)
    # A reference of another shape or colour type is not used.
    see_through = changed.copy()
    see_through[0, 0, 3] = 0
    decoded = Image.open(io.BytesIO(_choropleth.encode_png(see_through, reference=reference)))
    assert np.array_equal(np.asarray(decoded.convert("RGBA")), see_through)
