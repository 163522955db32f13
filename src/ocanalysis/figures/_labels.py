"""Point labels that do not collide: a small, deterministic greedy placer (no extra dependency).

Each label, in priority order, tries offsets on rings of growing radius around its point and takes
the first candidate that overlaps no label already placed, no highlighted marker and stays inside
the axes; among equals it prefers covering fewer background points. A label moved away from its
point gets a thin leader line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

RADII = (5, 11, 19, 28, 40, 54, 70, 90)  # points
DIRECTIONS = 16
SOFT_WEIGHT = 7  # points of extra distance one covered background point is worth
LEADER_FROM = 10  # points: farther labels get a leader line


@dataclass
class Placed:
    text: str
    x: float
    y: float
    offset: tuple[float, float]
    bbox: Bbox
    overlaps: int  # labels or highlighted markers it could not avoid (0 when placement is clean)


def _angles() -> list[float]:
    # Right, left, up, down first, then the diagonals and the rest: labels read best beside a point.
    base = [0.0, math.pi, math.pi / 2, -math.pi / 2]
    rest = [2 * math.pi * k / DIRECTIONS for k in range(DIRECTIONS)]
    return base + [a for a in rest if all(abs(a - b) > 1e-9 for b in base)]


def place_labels(
    ax: Axes,
    points: list[tuple[float, float, str] | tuple[float, float, str, dict]],
    *,
    obstacles: np.ndarray | None = None,
    background: np.ndarray | None = None,
    fontsize: float = 8.5,
    **text_kwargs,
) -> list[Placed]:
    """Label ``points`` ([(x, y, text[, style])], in priority order, data coordinates) without overlaps.

    ``style`` holds text properties for that label alone (e.g. a bold, larger country name).
    ``obstacles`` (n×2 data coordinates) are markers a label must not cover; ``background`` are
    points it should rather not cover. Returns where each label went.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)  # fix the axes' place so data->display transforms are final
    ax.apply_aspect()  # an equal-aspect axes shrinks into its place only at draw time
    to_display = ax.transData.transform
    scale = fig.dpi / 72.0
    frame = ax.get_window_extent(renderer)
    obstacle_px = to_display(obstacles) if obstacles is not None and len(obstacles) else None
    background_px = to_display(background) if background is not None and len(background) else None
    marker_half = 4.5 * scale
    placed: list[Placed] = []
    taken: list[Bbox] = []
    for point in points:
        x, y, text = point[:3]
        style = {"fontsize": fontsize, **text_kwargs, **(point[3] if len(point) > 3 else {})}
        probe = ax.text(0, 0, text, **style)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        width, height = extent.width, extent.height
        px, py = to_display((x, y))
        best = None
        for radius in RADII:
            for angle in _angles():
                dx, dy = radius * math.cos(angle), radius * math.sin(angle)
                cx, cy = px + dx * scale, py + dy * scale
                # Anchor the label's near side at the candidate point.
                left = cx if dx > 1e-6 else (cx - width if dx < -1e-6 else cx - width / 2)
                bottom = cy if dy > 1e-6 else (cy - height if dy < -1e-6 else cy - height / 2)
                box = Bbox.from_bounds(left, bottom, width, height)
                inside = (
                    box.x0 >= frame.x0 + 2
                    and box.x1 <= frame.x1 - 2
                    and box.y0 >= frame.y0 + 2
                    and box.y1 <= frame.y1 - 2
                )
                if not inside:
                    continue
                hard = sum(box.overlaps(other) for other in taken)
                if obstacle_px is not None:
                    hard += int(
                        np.sum(
                            (obstacle_px[:, 0] + marker_half > box.x0)
                            & (obstacle_px[:, 0] - marker_half < box.x1)
                            & (obstacle_px[:, 1] + marker_half > box.y0)
                            & (obstacle_px[:, 1] - marker_half < box.y1)
                        )
                    )
                soft = 0
                if background_px is not None:
                    soft = int(
                        np.sum(
                            (background_px[:, 0] > box.x0)
                            & (background_px[:, 0] < box.x1)
                            & (background_px[:, 1] > box.y0)
                            & (background_px[:, 1] < box.y1)
                        )
                    )
                # Distance and covered background points trade off; collisions never do.
                cost = (hard, radius + SOFT_WEIGHT * soft)
                if best is None or cost < best[0]:
                    best = (cost, (dx, dy), box)
            if best is not None and best[0][0] == 0 and best[0][1] <= radius:
                break  # farther rings cannot do better
        if best is None:  # nowhere inside the axes: put it right of the point
            best = ((1, 0), (RADII[0], 0.0), Bbox.from_bounds(px, py, width, height))
        (hard, _), (dx, dy), box = best
        ha = "left" if dx > 1e-6 else ("right" if dx < -1e-6 else "center")
        va = "bottom" if dy > 1e-6 else ("top" if dy < -1e-6 else "center")
        arrow = None
        if math.hypot(dx, dy) >= LEADER_FROM:
            arrow = {"arrowstyle": "-", "color": "#555555", "lw": 0.7, "shrinkA": 1, "shrinkB": 2}
        ax.annotate(
            text, xy=(x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
            arrowprops=arrow, **style,
        )  # fmt: skip
        taken.append(box)
        placed.append(Placed(text, x, y, (dx, dy), box, hard))
    return placed
