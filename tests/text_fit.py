"""Where a chart's texts lie: every text of an SVG the package writes (its own renderer's, the
map's) or of a matplotlib figure, as a box in points, and which run past the picture or overlap.

The boxes come from the font's metrics (the measure the SVG renderer lays text out with), so a
text that a browser or WeasyPrint would cut at the picture's edge is found here without drawing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ocanalysis.figures._svg import _unhinted_extent, font_extent

_SVG_SIZE = re.compile(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"')
_TEXT = re.compile(r"<text ([^>]*)>(.*?)</text>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
TOLERANCE = 0.5  # points: rounding of coordinates in the SVG


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            min(self.right, other.right) - max(self.left, other.left) > TOLERANCE
            and min(self.bottom, other.bottom) - max(self.top, other.top) > TOLERANCE
        )


def svg_boxes(svg: str) -> tuple[float, float, list[Box]]:
    """The picture's width and height and each ``<text>``'s box, in points (y down)."""
    width, height = map(float, _SVG_SIZE.search(svg).groups())
    boxes = []
    for attributes, body in _TEXT.findall(svg):
        a = dict(_ATTRIBUTE.findall(attributes))
        for part in a.pop("style", "").split(";"):  # matplotlib's SVG: the font in a style
            if ":" in part:
                key, value = (p.strip() for p in part.split(":", 1))
                a.setdefault(key, value.removesuffix("px"))
        text = html.unescape(body)
        size = float(a["font-size"])
        weight = a.get("font-weight", "normal")
        style = a.get("font-style", "normal")
        length = _unhinted_extent(text, size, weight, style)[0]
        ascent, descent = font_extent(size, weight, style)
        x, y = float(a["x"]), float(a["y"])
        shift = {"start": 0.0, "middle": -length / 2, "end": -length}[a.get("text-anchor", "start")]
        if "rotate(-90" in a.get("transform", ""):  # reads upwards from (x, y)
            boxes.append(Box(text, x - ascent, y - shift - length, x + descent, y - shift))
        else:
            boxes.append(Box(text, x + shift, y - ascent, x + shift + length, y + descent))
    return width, height, boxes


def outside(width: float, height: float, boxes: list[Box]) -> list[Box]:
    return [
        b
        for b in boxes
        if b.left < -TOLERANCE
        or b.top < -TOLERANCE
        or b.right > width + TOLERANCE
        or b.bottom > height + TOLERANCE
    ]


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]


def svg_problems(svg: str, what: str = "") -> list[str]:
    """One line per text past the picture's edge and per pair of texts that overlap."""
    width, height, boxes = svg_boxes(svg)
    problems = [
        f"{what}: {b.text!r} runs out of the {width:.0f}×{height:.0f} pt picture "
        f"({b.left:.1f}, {b.top:.1f}, {b.right:.1f}, {b.bottom:.1f})"
        for b in outside(width, height, boxes)
    ]
    problems += [f"{what}: {a.text!r} overlaps {b.text!r}" for a, b in overlapping(boxes)]
    return problems


def figure_problems(fig, what: str = "") -> list[str]:
    """The same for a matplotlib figure, from matplotlib's own text extents."""
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    bbox = fig.bbox
    from matplotlib.text import Text

    found = fig.findobj(Text)  # texts, not the boxes (TextArea) that hold a legend's
    texts = [
        t for t in {id(t): t for t in found}.values() if t.get_visible() and t.get_text().strip()
    ]
    problems, boxes = [], []
    for t in texts:
        e = t.get_window_extent(renderer)
        if e.x0 < bbox.x0 - 1 or e.x1 > bbox.x1 + 1 or e.y0 < bbox.y0 - 1 or e.y1 > bbox.y1 + 1:
            problems.append(f"{what}: {t.get_text()!r} runs out of the figure")
        boxes.append(Box(t.get_text(), e.x0, -e.y1, e.x1, -e.y0))
    problems += [f"{what}: {a.text!r} overlaps {b.text!r}" for a, b in overlapping(boxes)]
    return problems
