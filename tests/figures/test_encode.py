"""The encoders the reports call: PNG and SVG bytes, deterministic, independent of session settings;
and the fixed layout they rely on keeps every text inside the figure."""

from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pytest
from PIL import Image

from ocanalysis import figures


def png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_png_has_the_figure_size_at_the_dpi_and_same_bytes_twice():
    fig = figures.actor_scores("Belgium", 2023)
    data = figures.to_png(fig)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = png_size(data)
    assert width == int(fig.get_figwidth() * figures.PNG_DPI)
    assert height == int(fig.get_figheight() * figures.PNG_DPI)
    assert figures.to_png(fig) == data
    half = png_size(figures.to_png(fig, dpi=50))
    assert half == (int(fig.get_figwidth() * 50), int(fig.get_figheight() * 50))


def test_png_ignores_the_sessions_tight_bbox():
    fig = figures.actor_scores("Belgium", 2023)
    expected = png_size(figures.to_png(fig))
    with mpl.rc_context():
        figures.apply_theme()  # savefig.bbox = "tight"
        assert mpl.rcParams["savefig.bbox"] == "tight"
        assert png_size(figures.to_png(fig)) == expected


def test_png_pixels_show_the_country_colour():
    fig = figures.market_scores("Belgium", 2023)
    with Image.open(__import__("io").BytesIO(figures.to_png(fig))) as image:
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    vermillion = np.array([0xD5, 0x5E, 0x00])
    assert (np.abs(pixels.astype(int) - vermillion).sum(axis=1) < 10).sum() > 200


def test_svg_keeps_text_as_text_and_is_deterministic():
    fig = figures.market_scores("Belgium", 2023)
    before = dict(mpl.rcParams)
    svg = figures.to_svg(fig)
    assert dict(mpl.rcParams) == before  # the SVG settings do not leak
    assert svg.startswith("<?xml") and svg.rstrip().endswith("</svg>")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Belgium: criminal markets, 2023" in texts
    assert "Cocaine trade" in texts and "8" in texts  # a tick label and the printed score
    assert "<dc:date>" not in svg
    # Every text names a generic family last, so a viewer without DejaVu Sans stays sans-serif.
    families = set(re.findall(r"font-family: ([^;\"]*)", svg))
    assert families and all(f.rstrip().endswith("sans-serif") for f in families), families
    width = float(re.search(r'width="([\d.]+)pt"', svg).group(1))
    assert width == pytest.approx(fig.get_figwidth() * 72)
    assert figures.to_svg(fig) == svg


def test_svg_escapes_text():
    fig = figures.market_scores("Belgium", 2023)
    fig.axes[0].set_xlabel("<script>alert(1)</script> & more")
    svg = figures.to_svg(fig)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def report_figures():
    from ocanalysis.analysis import audit

    result = audit.run(2023, runs=30)
    # Long names and regions: the layout must make room for them.
    for country in ("Central African Republic", "Saint Vincent and the Grenadines", "Belgium"):
        yield figures.market_scores(country, 2023)
        yield figures.resilience_scores(country, 2023)
        yield figures.actor_scores(country, 2021)
        yield figures.edition_change(country, 2021, 2023)
        yield figures.quadrant_scatter(country, 2023)
        yield figures.rank_robustness(country, 2023, result)
        yield figures.region_heatmap(country, 2023, annotate="country")


def test_fixed_layout_keeps_everything_inside_the_figure():
    for fig in report_figures():
        assert fig.get_layout_engine() is None, figures.title(fig)
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        # Everything drawn (tick labels, legend, note, printed values), in inches.
        drawn = fig.get_tightbbox(renderer)
        width, height = fig.get_size_inches()
        tolerance = 0.5 / fig.dpi
        assert drawn.x0 >= -tolerance and drawn.y0 >= -tolerance, figures.title(fig)
        assert drawn.x1 <= width + tolerance and drawn.y1 <= height + tolerance, (
            figures.title(fig),
            drawn,
        )
