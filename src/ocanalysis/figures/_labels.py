"""Point labels that do not collide: a small, deterministic greedy placer (no extra dependency).

Each label, in priority order, tries offsets on rings of growing radius around its point and takes
the first candidate that overlaps no label already placed, no highlighted marker and stays inside
the plot area; among equals it prefers covering fewer background points. A label moved away from
its point gets a thin leader line.

The placement is arithmetic in points (:func:`layout_labels`): it needs the plot area's
data-to-points transform and each label's size, not an Axes: a chart's description holds the
result, and both renderers draw it (texts, and leader lines from :func:`leader_line`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox, IdentityTransform

from ._encode import PNG_DPI
from ._theme import RC

RADII = (5, 11, 19, 28, 40, 54, 70, 90)  # points
DIRECTIONS = 16
SOFT_WEIGHT = 7  # points of extra distance one covered background point is worth
LEADER_FROM = 10  # points: farther labels get a leader line
MARKER_HALF = 4.5  # points: half the side of the square a highlighted marker keeps clear
# The leader line as matplotlib's annotate draws it: from the text box's centre to the point,
# cut at the box grown by LEADER_PAD on every side, then shortened at both ends.
LEADER = {"arrowstyle": "-", "color": "#555555", "lw": 0.7, "shrinkA": 1, "shrinkB": 2}
LEADER_PAD = 2.0  # points: half of annotate's 4-point pad around the text


@dataclass(frozen=True)
class TextBox:
    """One line of text's box in points: width, height, and the baseline's height above its
    bottom (``descent``), as matplotlib lays the text out."""

    width: float
    height: float
    descent: float


def text_box(text: str, **style) -> TextBox:
    """The box matplotlib gives ``text`` with ``style`` (fontsize, fontweight, style, linespacing …;
    colour is ignored) in the theme's font, measured once per process with the PNG renderer's
    metrics.

    >>> small, large = text_box("Peru", fontsize=8.5), text_box("Peru", fontsize=10)
    >>> large.width > small.width > 0 and large.height > small.height > small.descent > 0
    True
    """
    return _text_box(text, tuple(sorted((k, v) for k, v in style.items() if k != "color")))


@functools.cache
def _measuring_figure() -> Figure:
    fig = Figure(dpi=PNG_DPI)
    FigureCanvasAgg(fig)
    return fig


@functools.cache
def _text_box(text: str, style: tuple) -> TextBox:
    fig = _measuring_figure()
    # The theme's font family, as in the figures (the theme sets no other font property).
    probe = Text(0, 0, text, transform=IdentityTransform(), fontfamily=RC["font.family"])
    probe.update(dict(style))
    probe.set_figure(fig)
    # Anchored at its baseline: the box's bottom is then minus the descent.
    extent = probe.get_window_extent(fig.canvas.get_renderer())
    to_points = 72.0 / PNG_DPI
    return TextBox(
        float(extent.width) * to_points,
        float(extent.height) * to_points,
        -float(extent.y0) * to_points,
    )


@dataclass
class Placed:
    """Where one label went. Points are measured from the chart's bottom-left corner, y up."""

    text: str
    x: float  # the labelled point, data coordinates
    y: float
    offset: tuple[float, float]  # the label's anchor from the point, points (y up)
    bbox: Bbox  # the text's box, points
    overlaps: int  # labels or highlighted markers it could not avoid (0 when placement is clean)
    style: dict  # text properties (fontsize, color, fontweight …)
    anchor: tuple[float, float] = (0.0, 0.0)  # the labelled point, points

    @property
    def ha(self) -> str:
        dx = self.offset[0]
        return "left" if dx > 1e-6 else ("right" if dx < -1e-6 else "center")

    @property
    def va(self) -> str:
        dy = self.offset[1]
        return "bottom" if dy > 1e-6 else ("top" if dy < -1e-6 else "center")

    @property
    def has_leader(self) -> bool:
        return math.hypot(*self.offset) >= LEADER_FROM


def _angles() -> list[float]:
    # Right, left, up, down first, then the diagonals and the rest: labels read best beside a point.
    base = [0.0, math.pi, math.pi / 2, -math.pi / 2]
    rest = [2 * math.pi * k / DIRECTIONS for k in range(DIRECTIONS)]
    return base + [a for a in rest if all(abs(a - b) > 1e-9 for b in base)]


# The candidate offsets in the order they are preferred: ring by ring, each ring by _angles.
_CANDIDATES = tuple(
    np.array(column)
    for column in zip(
        *[(r, r * math.cos(a), r * math.sin(a)) for r in RADII for a in _angles()], strict=True
    )
)


def layout_labels(
    points: list[tuple[float, float, str] | tuple[float, float, str, dict]],
    to_points: Callable[[np.ndarray], np.ndarray],
    frame: Bbox,
    *,
    obstacles: np.ndarray | None = None,
    background: np.ndarray | None = None,
    fontsize: float = 8.5,
    **text_kwargs,
) -> list[Placed]:
    """Place labels for ``points`` ([(x, y, text[, style])], in priority order, data coordinates)
    without overlaps; nothing is drawn.

    ``to_points`` maps an n×2 array of data coordinates to points (y up) and ``frame`` is the plot
    area in the same points. ``style`` holds text properties for that label alone (e.g. a bold,
    larger country name). ``obstacles`` (n×2 data coordinates) are markers a label must not
    cover; ``background`` are points it should rather not cover.

    >>> frame = Bbox.from_extents(0, 0, 200, 100)
    >>> def scale(xy):
    ...     return np.asarray(xy, dtype=float) * 10
    >>> first, second = layout_labels([(5, 5, "Peru"), (5, 5, "Chile")], scale, frame)
    >>> first.offset, first.ha, bool(second.bbox.overlaps(first.bbox))
    ((5.0, 0.0), 'left', False)
    """

    def transform(xy) -> np.ndarray | None:
        return to_points(np.asarray(xy, dtype=float)) if xy is not None and len(xy) else None

    obstacle_pts = transform(obstacles)
    background_pts = transform(background)
    radius, dx, dy = _CANDIDATES
    placed: list[Placed] = []
    taken = np.empty((0, 4))  # x0, y0, x1, y1 of the labels placed so far
    for point in points:
        x, y, text = point[:3]
        style = {"fontsize": fontsize, **text_kwargs, **(point[3] if len(point) > 3 else {})}
        size = text_box(text, **style)
        width, height = size.width, size.height
        px, py = (float(v) for v in to_points(np.array([[x, y]], dtype=float))[0])
        # Every candidate at once: anchor the label's near side at the candidate point.
        cx, cy = px + dx, py + dy
        left = np.where(dx > 1e-6, cx, np.where(dx < -1e-6, cx - width, cx - width / 2))
        bottom = np.where(dy > 1e-6, cy, np.where(dy < -1e-6, cy - height, cy - height / 2))
        right, top = left + width, bottom + height
        inside = (
            (left >= frame.x0 + 2)
            & (right <= frame.x1 - 2)
            & (bottom >= frame.y0 + 2)
            & (top <= frame.y1 - 2)
        )
        # Touching counts as overlapping, as in Bbox.overlaps.
        hard = np.sum(
            ~(
                (taken[:, 2] < left[:, None])
                | (taken[:, 0] > right[:, None])
                | (taken[:, 3] < bottom[:, None])
                | (taken[:, 1] > top[:, None])
            ),
            axis=1,
        )
        if obstacle_pts is not None:
            ox, oy = obstacle_pts[:, 0], obstacle_pts[:, 1]
            hard = hard + np.sum(
                (ox + MARKER_HALF > left[:, None])
                & (ox - MARKER_HALF < right[:, None])
                & (oy + MARKER_HALF > bottom[:, None])
                & (oy - MARKER_HALF < top[:, None]),
                axis=1,
            )
        soft = np.zeros(len(radius), dtype=int)
        if background_pts is not None:
            bx, by = background_pts[:, 0], background_pts[:, 1]
            soft = np.sum(
                (bx > left[:, None])
                & (bx < right[:, None])
                & (by > bottom[:, None])
                & (by < top[:, None]),
                axis=1,
            )
        # Distance and covered background points trade off; collisions never do. Ties go to
        # the earlier candidate (nearer ring, preferred direction).
        candidates = np.flatnonzero(inside)
        if len(candidates):
            cost = radius[candidates] + SOFT_WEIGHT * soft[candidates]
            best = candidates[np.lexsort((candidates, cost, hard[candidates]))[0]]
            offset, overlaps = (float(dx[best]), float(dy[best])), int(hard[best])
            box = Bbox.from_bounds(float(left[best]), float(bottom[best]), width, height)
        else:  # nowhere inside the frame: put it right of the point
            offset, overlaps = (float(RADII[0]), 0.0), 1
            box = Bbox.from_bounds(px, py, width, height)
        taken = np.vstack([taken, box.extents])
        placed.append(Placed(text, x, y, offset, box, overlaps, style, (px, py)))
    return placed


def leader_line(label: Placed) -> tuple[float, float, float, float] | None:
    """The leader line matplotlib draws for ``label``, (x1, y1, x2, y2) in points (y up), or None.

    >>> label = Placed("A", 0, 0, (20.0, 0.0), Bbox.from_bounds(70, 45, 10, 10), 0, {}, (50, 50))
    >>> leader_line(label)
    (67.0, 50.0, 52.0, 50.0)
    """
    if not label.has_leader:
        return None
    (x0, y0), (x1, y1) = label.bbox.get_points().tolist()
    ex, ey = label.anchor
    sx, sy = (x0 + x1) / 2, (y0 + y1) / 2  # annotate starts at the box's centre
    dx, dy = ex - sx, ey - sy
    length = math.hypot(dx, dy)
    if length == 0:
        return None
    # Where the line leaves the padded box (the start is inside it), then the shrinks.
    half_w, half_h = (x1 - x0) / 2 + LEADER_PAD, (y1 - y0) / 2 + LEADER_PAD
    exits = [half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf]
    start = min(exits) * length + LEADER["shrinkA"]
    end = length - LEADER["shrinkB"]
    if start >= end:
        return None
    ux, uy = dx / length, dy / length
    return (sx + ux * start, sy + uy * start, sx + ux * end, sy + uy * end)
