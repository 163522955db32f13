"""Figures for reports and notebooks: one function per figure kind, one shared theme.

Every function returns a matplotlib :class:`~matplotlib.figure.Figure` (on an Agg canvas, not
registered with pyplot: nothing to close in batch runs, nothing shown twice in notebooks), with a
title (:func:`title`) and an alt-text caption stating the key numbers (:func:`alt_text`).

:func:`to_png` and :func:`to_svg` encode a figure as a report embeds it (SVG keeps text as
text and costs a fraction of a PNG's time).

Each kind is described once: ``figures.indicator_dots.chart(...)`` returns its
:class:`Chart` (marks in data space, axes, texts, legend, title, alt text, layout), and two
generic renderers draw any chart — :func:`to_figure` (what the figure functions return) and
:func:`to_svg_chart` (``figures.indicator_dots.svg(...)``, what the reports embed: a few
milliseconds where building and encoding the matplotlib figure takes a tenth of a second).
Figures are laid out when built, from text widths measured once per process, and carry no layout
engine, so encoding draws them once. What is the same for every country of an edition
(like-for-like composites, the default audit, the map geometry) is computed once per process.
The report's maps come from :func:`choropleth_svg`: the edition's pixels drawn once, the
country's marks as vectors over them.

The palette is Okabe & Ito's; the country, its region and the world differ in colour, grey level
and marker shape, so every figure survives grayscale print. Sequential scales are viridis.

>>> from ocanalysis import figures
>>> fig = figures.market_scores("Belgium", 2021)
>>> figures.title(fig)
'Belgium: criminal markets, 2021'
>>> "Belgium" in figures.alt_text(fig)
True
"""

from __future__ import annotations

from ._change import edition_change
from ._chart import Axis, Chart, ColorBar, Hotspot, LegendEntry, Markers, Rects, Segments, Text
from ._choropleth import MapImage, choropleth, choropleth_coverage, choropleth_svg
from ._distribution import score_histogram
from ._dots import actor_scores, indicator_dots, market_scores, resilience_scores
from ._encode import PNG_DPI, to_png, to_svg
from ._explore import composite_distributions, pillar_pairs, region_distributions
from ._heatmap import region_heatmap
from ._mpl import to_figure
from ._quadrant import quadrant_scatter
from ._robustness import rank_robustness
from ._scatter import indicator_scatter
from ._svg import SvgChart, to_svg_chart
from ._theme import alt_text, apply_theme, set_alt, theme, title

__all__ = [
    "indicator_dots",
    "market_scores",
    "actor_scores",
    "resilience_scores",
    "quadrant_scatter",
    "edition_change",
    "region_heatmap",
    "region_distributions",
    "composite_distributions",
    "score_histogram",
    "pillar_pairs",
    "rank_robustness",
    "indicator_scatter",
    "choropleth",
    "choropleth_coverage",
    "choropleth_svg",
    "MapImage",
    "theme",
    "apply_theme",
    "alt_text",
    "set_alt",
    "title",
    "to_png",
    "to_svg",
    "to_figure",
    "to_svg_chart",
    "Chart",
    "Axis",
    "Segments",
    "Rects",
    "ColorBar",
    "Markers",
    "Text",
    "Hotspot",
    "LegendEntry",
    "SvgChart",
    "PNG_DPI",
]
