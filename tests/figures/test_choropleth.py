"""World choropleth: shipped geometry, every country drawn or listed, the country outlined."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import Normalize
from matplotlib.text import Text
from PIL import Image

from ocanalysis import countries, dataset, figures, i18n
from ocanalysis.analysis.results import CacheWarning
from ocanalysis.errors import UnknownIndicatorError
from ocanalysis.figures import _choropleth
from ocanalysis.figures._choropleth import equal_earth
from ocanalysis.figures._svg import unhinted_text_width
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


# --------------------------------------------------------------------------- the report's map

SVG = "{http://www.w3.org/2000/svg}"


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.fixture
def cold_maps(tmp_path, monkeypatch):
    """The per-process base maps dropped before and after, and an empty cache folder (the
    maps drawn on this machine): each test starts cold."""
    monkeypatch.setenv("OCANALYSIS_CACHE", str(tmp_path / "cache"))
    _choropleth._forget_maps()
    yield
    _choropleth._forget_maps()


def laid_out(fig):
    """The figure laid out and drawn as to_png draws it; its data-to-points transform (SVG's
    points: from the top-left corner)."""
    figures.to_png(fig)
    height = fig.get_figheight() * 72

    def to_points(xy):
        px = np.asarray(xy, dtype=float).reshape(-1, 2)
        return np.column_stack([px[:, 0] * 72 / fig.dpi, height - px[:, 1] * 72 / fig.dpi])

    return to_points


def svg_tree(image) -> ET.Element:
    return ET.fromstring(image.svg)


def path_rings(d: str) -> list[np.ndarray]:
    rings = re.findall(r"M([^Z]*)Z", d)
    return [np.array(re.findall(r"(-?[\d.]+) (-?[\d.]+)", ring), dtype=float) for ring in rings]


def outlines(image) -> dict[str, list[np.ndarray]]:
    """The SVG's stroked outlines by stroke colour."""
    return {
        path.get("stroke"): path_rings(path.get("d"))
        for path in svg_tree(image).iter(f"{SVG}path")
        if path.get("d", "").endswith("Z")
    }


def base_pixels(image) -> np.ndarray:
    (node,) = svg_tree(image).iter(f"{SVG}image")
    uri = node.get("href")
    assert uri.startswith("data:image/png;base64,")
    return pixels(base64.b64decode(uri.split(",", 1)[1]))


@pytest.mark.parametrize("country", ["Belgium", "Brazil", "Russia", "Fiji", "Estonia"])
def test_map_outline_is_where_the_figure_draws_it(country):
    image = figures.choropleth_svg("criminality", 2023, country=country)
    fig = figures.choropleth("criminality", 2023, country=country)
    to_points = laid_out(fig)
    (under,) = collections_by_gid(fig, "outline-under")
    (over,) = collections_by_gid(fig, "outline")
    drawn = outlines(image)
    assert set(drawn) == {"#000000", "#D55E00"}  # black under the country colour
    # The figure makes room for Fiji's label by shrinking the map; the SVG keeps the map as the
    # figure without a country lays it out. Compare each with its own layout.
    reference = figures.choropleth("criminality", 2023) if country == "Fiji" else fig
    to_points = laid_out(reference) if country == "Fiji" else to_points
    ax = collections_by_gid(reference, "countries")[0].axes
    for collection, color in ((under, "#000000"), (over, "#D55E00")):
        expected = [
            to_points(ax.transData.transform(p.vertices[:-1])) for p in collection.get_paths()
        ]
        assert len(drawn[color]) == len(expected)
        for ours, theirs in zip(drawn[color], expected, strict=True):
            assert ours.shape == theirs.shape
            assert np.abs(ours - theirs).max() < 0.05  # points; the SVG keeps two decimals
        widths = [
            float(p.get("stroke-width"))
            for p in svg_tree(image).iter(f"{SVG}path")
            if p.get("stroke") == color and p.get("d", "").endswith("Z")
        ]
        assert widths == [collection.get_linewidth()[0]]


@pytest.mark.parametrize("country", ["Belgium", "Nauru", "Malta", "Estonia"])
def test_map_pointer_and_title_are_where_the_figure_draws_them(country):
    image = figures.choropleth_svg("criminality", 2023, country=country)
    fig = figures.choropleth("criminality", 2023, country=country)
    to_points = laid_out(fig)
    renderer = fig.canvas.get_renderer()
    (annotation,) = [t for ax in fig.axes for t in ax.texts]
    texts = {t.text: t for t in svg_tree(image).iter(f"{SVG}text")}
    assert set(texts) == {
        annotation.get_text(),
        figures.title(fig),
    } and image.title == figures.title(fig)
    # The label's text box: the same height and vertical place, the side it is aligned on.
    box = to_points(Text.get_window_extent(annotation, renderer).get_points())  # no arrow
    label = texts[annotation.get_text()]
    anchor_x = box[:, 0].min() if annotation.get_ha() == "left" else box[:, 0].max()
    assert label.get("text-anchor") is None  # start-anchored at its left end
    (rect,) = [r for r in svg_tree(image).iter(f"{SVG}rect") if r.get("rx")]
    left, top = float(rect.get("x")), float(rect.get("y"))
    right, bottom = left + float(rect.get("width")), top + float(rect.get("height"))
    pad = 0.2 * 9
    assert (top + pad, bottom - pad) == pytest.approx((box[:, 1].min(), box[:, 1].max()), abs=0.3)
    side = left + pad if annotation.get_ha() == "left" else right - pad
    assert side == pytest.approx(anchor_x, abs=0.3)
    # The box's rounded white face, as matplotlib's bbox patch.
    patch = annotation.get_bbox_patch()
    extent = to_points(patch.get_window_extent(renderer).get_points())
    assert float(rect.get("rx")) == pytest.approx(pad)
    assert rect.get("fill-opacity") == "1" and patch.get_alpha() == 1.0
    assert (top, bottom) == pytest.approx((extent[:, 1].min(), extent[:, 1].max()), abs=0.3)
    # The leader line: matplotlib's own, end to end, within a fraction of a point.
    arrow = annotation.arrow_patch
    ends = to_points(arrow.get_transform().transform(arrow.get_path().vertices[[0, -1]]))
    (leader,) = [
        p for p in svg_tree(image).iter(f"{SVG}path") if p.get("stroke-linecap") == "round"
    ]
    ours = np.array(re.findall(r"(-?[\d.]+) (-?[\d.]+)", leader.get("d")), dtype=float)
    # The end at the country exactly; the start within a point (it is where the line leaves the
    # box, whose width the SVG takes from the text as browsers set it, unhinted).
    assert np.abs(ours[1] - ends[1]).max() < 0.05 and np.abs(ours[0] - ends[0]).max() < 1.0
    assert float(leader.get("stroke-width")) == arrow.get_linewidth()
    # The title: the same left edge, its baseline where the figure's line box puts it.
    (heading,) = [t for t in fig.texts if t.get_text() == figures.title(fig)]
    extent = to_points(heading.get_window_extent(renderer).get_points())
    title = texts[figures.title(fig)]
    assert float(title.get("x")) == pytest.approx(extent[:, 0].min(), abs=1.0)
    assert float(title.get("font-size")) == heading.get_fontsize()
    assert extent[:, 1].min() < float(title.get("y")) < extent[:, 1].max()


def test_map_ring_is_where_the_figure_draws_it():
    image = figures.choropleth_svg("resilience", 2021, country="Tuvalu")
    fig = figures.choropleth("resilience", 2021, country="Tuvalu")
    to_points = laid_out(fig)
    (circle,) = collections_by_gid(fig, "circle")
    centre = to_points(circle.get_offset_transform().transform(circle.get_offsets()))[0]
    rings = list(svg_tree(image).iter(f"{SVG}circle"))
    assert [r.get("stroke") for r in rings] == ["#000000", "#D55E00"]
    for ring in rings:
        assert (float(ring.get("cx")), float(ring.get("cy"))) == pytest.approx(centre, abs=0.05)
        assert float(ring.get("r")) == pytest.approx(np.sqrt(circle.get_sizes()[0]) / 2, abs=0.01)


def test_map_pixels_are_the_figures_without_its_title_and_marks(cold_maps):
    plain = figures.choropleth("criminality", 2023)
    full = pixels(figures.to_png(plain))
    image = figures.choropleth_svg("criminality", 2023, country="Peru")
    ours = base_pixels(image)
    assert ours.shape == full.shape == (560, 900, 3)
    # Only the title's pixels differ: the map is laid out and drawn as the figure is.
    (heading,) = [t for t in plain.texts if t.get_text() == "Criminality, 2023"]
    x0, y0, x1, y1 = heading.get_window_extent(plain.canvas.get_renderer()).extents
    changed = np.abs(ours - full).max(axis=2) > 0
    rows, columns = np.nonzero(changed)
    assert len(rows) > 100  # the title was left out ...
    assert 560 - y1 - 1 <= rows.min() and rows.max() <= 560 - y0 + 1  # ... and nothing else
    assert x0 - 1 <= columns.min() and columns.max() <= x1 + 1


def test_map_without_a_country_is_the_figures_pixels_as_a_plain_png(cold_maps):
    image = figures.choropleth_svg("resilience", 2023)
    assert image.png[:8] == b"\x89PNG\r\n\x1a\n" and image.png[25] == 2  # 8-bit RGB
    assert np.array_equal(
        pixels(image.png), pixels(figures.to_png(figures.choropleth("resilience", 2023)))
    )
    assert [t.text for t in svg_tree(image).iter(f"{SVG}text")] == []  # the title is in the pixels
    assert np.array_equal(base_pixels(image), pixels(image.png))
    assert figures.choropleth_svg("resilience", 2023, country="Peru").png is None


def test_map_alt_text_and_title_are_the_figures_for_every_country():
    edition = 2023
    for place in countries.all_countries():
        image = figures.choropleth_svg("criminality", edition, country=place.name)
        assert image.alt == _choropleth._map_alt("criminality", edition, place), place.name
        assert image.title == "Criminality, 2023" + _choropleth._mark_words(place)
    for country in ("Belgium", "Tuvalu", None):  # ... which is what the figure says
        image = figures.choropleth_svg("criminality", edition, country=country)
        fig = figures.choropleth("criminality", edition, country=country)
        assert (image.alt, image.title) == (figures.alt_text(fig), figures.title(fig))


def test_every_pointer_label_is_on_the_page_and_clear_of_the_title():
    for place in countries.all_countries():
        image = figures.choropleth_svg("criminality", 2023, country=place.name)
        tree = svg_tree(image)
        width, height = (float(tree.get(k).removesuffix("pt")) for k in ("width", "height"))
        (title,) = [t for t in tree.iter(f"{SVG}text") if t.text == image.title]
        size, baseline = float(title.get("font-size")), float(title.get("y"))
        title_right = float(title.get("x")) + unhinted_text_width(image.title, size, "bold")
        title_bottom = baseline + 0.24 * size  # DejaVu Sans: its descent, in ems
        for rect in (r for r in tree.iter(f"{SVG}rect") if r.get("rx")):
            left, top = float(rect.get("x")), float(rect.get("y"))
            right, bottom = left + float(rect.get("width")), top + float(rect.get("height"))
            assert 0 <= left and right <= width and 0 <= top and bottom <= height, place.name
            assert top > title_bottom or left > title_right, place.name


def test_map_base_is_drawn_once_per_process(cold_maps, monkeypatch):
    drawn = []
    draw = _choropleth._draw_map
    monkeypatch.setattr(
        _choropleth, "_draw_map", lambda *args: drawn.append(args[1:]) or draw(*args)
    )
    for country in ("Belgium", "Peru", "Samoa", "Russia", "Côte d'Ivoire"):
        figures.choropleth_svg("criminality", 2023, country=country)
    assert drawn == [("criminality", 2023)]
    figures.choropleth_svg("criminality", 2023)  # the map without a country has its title drawn
    figures.choropleth_svg("criminality", 2023)
    assert drawn == [("criminality", 2023)] * 2


def test_a_map_is_drawn_once_per_machine_and_the_same_read_back(cold_maps, monkeypatch):
    """A new process (here: the per-process maps forgotten) reads the maps drawn before from
    the cache folder, draws none, and gives the same SVG and hover areas."""
    drawn = []
    draw = _choropleth._draw_map
    monkeypatch.setattr(
        _choropleth, "_draw_map", lambda *args: drawn.append(args[1:]) or draw(*args)
    )
    first = [figures.choropleth_svg("criminality", 2023, country=c) for c in ("Peru", None)]
    assert drawn == [("criminality", 2023)] * 2
    _choropleth._forget_maps()
    again = [figures.choropleth_svg("criminality", 2023, country=c) for c in ("Peru", None)]
    assert drawn == [("criminality", 2023)] * 2, "drawn again, though kept on this machine"
    assert again == first
    with i18n.use("fr"):  # another language: another map (its title and note)
        figures.choropleth_svg("criminality", 2023, country="Peru")
    assert len(drawn) == 3


@pytest.mark.parametrize(
    "planted",
    [
        b"not json",
        b'{"format": "ocanalysis-map-1"}',
        "swap the png",  # a valid stored map of another key's pixels, under this key's name
        "a matrix of text",
    ],
)
def test_a_stored_map_that_is_not_ours_is_drawn_again_with_a_warning(cold_maps, planted):
    expected = figures.choropleth_svg("criminality", 2023, country="Peru")
    [file] = [p for p in Path(os.environ["OCANALYSIS_CACHE"]).glob("map-*.json")]
    if planted == "swap the png":
        document = json.loads(file.read_bytes())
        document["key"]["edition"] = 2021
        planted = json.dumps(document).encode()
    elif planted == "a matrix of text":
        document = json.loads(file.read_bytes())
        document["to_points"][0][0] = "1e3"
        planted = json.dumps(document).encode()
    file.write_bytes(planted)
    _choropleth._forget_maps()
    with pytest.warns(CacheWarning, match="not a stored map"):
        assert figures.choropleth_svg("criminality", 2023, country="Peru") == expected
    assert file.read_bytes() != planted  # replaced by the map drawn again


def test_map_svg_is_the_same_bytes_cold_or_warm(cold_maps):
    first = figures.choropleth_svg("criminality", 2023, country="Belgium")
    samoa = figures.choropleth_svg("criminality", 2023, country="Samoa")
    _choropleth._forget_maps()
    assert figures.choropleth_svg("criminality", 2023, country="Samoa") == samoa
    assert figures.choropleth_svg("criminality", 2023, country="Belgium") == first != samoa


def test_map_svg_is_self_contained():
    image = figures.choropleth_svg("criminality", 2023, country="Samoa")
    references = re.findall(r'(?:href|src|url)\s*[=(]\s*"?([^"\s)]+)', image.svg)
    assert references and all(r.startswith(("data:", "#")) for r in references)
    assert image.width_points == 648.0


def test_map_checks_its_arguments():
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth_svg("financial_crimes", 2021)
    with pytest.raises(UnknownIndicatorError):
        figures.choropleth_svg("happiness", 2023)
