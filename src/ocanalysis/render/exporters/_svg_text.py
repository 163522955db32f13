"""SVG text in the PDF, a line at a time: WeasyPrint's SVG ``<text>`` shaped whole.

WeasyPrint lays every SVG ``<text>`` out letter by letter (one Pango layout per letter), so that
per-letter ``x``/``dx``/``rotate`` lists work. The report's charts never use those: each label is
one string at one point. For such a label this module shapes the string once and draws it as one
line, which is what a browser does (kerned, spaces kept in the extracted text) and takes about a
third of a report's PDF time off. Anything else (a list of positions, ``dx``, ``rotate``,
``textLength``, ``letter-spacing``, nested ``<tspan>``) goes to WeasyPrint's own code unchanged.

The swap is scoped: :func:`whole_line_svg_text` installs it for one ``write_pdf`` and puts
WeasyPrint's function back afterwards, under a lock. If WeasyPrint's SVG module is not laid out the
way this code was written against (a future version), the swap is skipped and WeasyPrint's own,
slower path draws the text: the output stays right, only the speed-up is lost
(``tests/test_render_units.py`` compares both paths on a real chart).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
import threading
from contextlib import contextmanager
from math import inf

# Attributes that position or stretch single letters: such text keeps WeasyPrint's own path.
_PER_LETTER = ("dx", "dy", "rotate", "textLength", "lengthAdjust", "letter-spacing")
_LOCK = threading.Lock()
# Where whole_line_anchors moves a plain label's text-anchor (see there).
ANCHOR = "data-whole-line-anchor"
_TEXT_ANCHOR = re.compile(rb'(<text\b[^>]*?\s)text-anchor="(middle|end)"([^>]*>[^<]*</text>)')
_NOT_PLAIN = re.compile(
    rb"<(?:tspan|textPath)\b|\s(?:" + b"|".join(n.encode() for n in _PER_LETTER) + rb'|direction)="'
    rb'|<text\b[^>]*\s[xy]="[^"]*[\s,][^"]*"'
)


@functools.cache
def _parts() -> dict:
    """WeasyPrint's pieces this module needs; empty when they are not what it was written for."""
    try:
        svg = importlib.import_module("weasyprint.svg")
        svg_text = importlib.import_module("weasyprint.svg.text")
        draw_text = importlib.import_module("weasyprint.draw.text")
        line_break = importlib.import_module("weasyprint.text.line_break")
        from weasyprint.css.properties import INITIAL_VALUES
        from weasyprint.matrix import Matrix
        from weasyprint.svg.bounding_box import extend_bounding_box
        from weasyprint.svg.utils import size
    except ImportError:
        return {}
    expected = [
        (draw_text, "draw_first_line", "stream textbox text_overflow block_ellipsis matrix"),
        (draw_text, "draw_emojis", "stream style x y emojis"),
        (line_break, "split_first_line", "text style context max_width justification_spacing"),
        (svg_text, "text", "svg node font_size"),
        # Before 70 both took a node: fill_stroke painted it, set_graphical_state (67-69)
        # returned nothing.
        (svg.SVG, "set_graphical_state", "self node font_size context"),
        (svg.SVG, "fill_stroke", "self fill stroke even_odd text"),
    ]
    for owner, name, names in expected:
        function, names = getattr(owner, name, None), names.split()
        if function is None or list(inspect.signature(function).parameters)[: len(names)] != names:
            return {}
    if getattr(svg, "text", None) is not svg_text.text or svg.TAGS.get("text") is not svg_text.text:
        return {}
    return {
        "svg": svg,
        "original": svg_text.text,
        "Style": svg_text.Style,
        "TextBox": svg_text.TextBox,
        "INITIAL_VALUES": INITIAL_VALUES,
        "Matrix": Matrix,
        "extend_bounding_box": extend_bounding_box,
        "size": size,
        "split_first_line": line_break.split_first_line,
        "draw_first_line": draw_text.draw_first_line,
        "draw_emojis": draw_text.draw_emojis,
    }


def _single(value: str | None) -> bool:
    """True when an x or y attribute holds at most one length."""
    return value is None or len(value.replace(",", " ").split()) <= 1


def is_whole_line(node) -> bool:
    """True for a text node this module draws: one string at one point, no child elements."""
    attrib = node.attrib
    return (
        node.tag in ("text", "tspan")
        and bool(node.text)
        and len(node._etree_node) == 0
        and not any(name in attrib for name in _PER_LETTER)
        and _single(attrib.get("x"))
        and _single(attrib.get("y"))
    )


def whole_line_anchors(svg: bytes) -> bytes:
    """The SVG with each label's ``text-anchor`` handed to :func:`whole_line_text`.

    WeasyPrint aligns a centred or end-anchored text by drawing it into a transparency group of
    its own and moving the group: a form XObject and a compressor per label, a hundred and
    sixty per report. whole_line_text knows the line's width and moves the line itself. Only an
    SVG whose every text is one it draws is changed (no per-letter attributes, tspans, position
    lists or direction anywhere), so no label loses its alignment.

    >>> whole_line_anchors(b'<text x="9" y="5" text-anchor="end">A b</text>')
    b'<text x="9" y="5" data-whole-line-anchor="end">A b</text>'
    >>> whole_line_anchors(b'<text x="9 12" y="5" text-anchor="end">Ab</text>')
    b'<text x="9 12" y="5" text-anchor="end">Ab</text>'
    """
    if _NOT_PLAIN.search(svg):
        return svg
    return _TEXT_ANCHOR.sub(rb"\1" + ANCHOR.encode() + rb'="\2"\3', svg)


def _font_weight(value) -> int:
    value = {"normal": 400, "bold": 700}.get(value, value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 400


def _baseline_shift(node, height: float, font_size: float) -> float:
    """WeasyPrint's vertical alignment of SVG text, as its own text() computes it."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    alignment = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if alignment in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if alignment in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if alignment in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def letter_by_letter(svg, node, font_size):
    """WeasyPrint's own drawing of an SVG text node."""
    return _parts()["original"](svg, node, font_size)


def whole_line_text(svg, node, font_size):
    """Draw a simple SVG text node as one shaped line; anything else the way WeasyPrint does."""
    if not is_whole_line(node):
        return letter_by_letter(svg, node, font_size)
    p = _parts()
    style = p["Style"]()
    style.update(p["INITIAL_VALUES"])
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    style["font_weight"] = _font_weight(node.get("font-weight", 400))
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    layout, _, _, width, height, baseline = p["split_first_line"](
        node.text, style, svg.context, inf, 0
    )
    attrib = node.attrib
    size = p["size"]
    x = size(attrib["x"], font_size, svg.inner_width) if "x" in attrib else svg.cursor_position[0]
    y = size(attrib["y"], font_size, svg.inner_height) if "y" in attrib else svg.cursor_position[1]
    # Offsets left by an earlier dx/dy sibling carry on, as in WeasyPrint's per-letter code
    # (which also keeps them when the new position is 0).
    if "x" in attrib and x:
        svg.cursor_d_position[0] = 0
    if "y" in attrib and y:
        svg.cursor_d_position[1] = 0
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    x_position -= {"middle": width / 2, "end": width}.get(attrib.get(ANCHOR), 0)
    y_position = y + svg.cursor_d_position[1] + _baseline_shift(node, height, font_size)
    # The box text-anchor uses to shift the line (draw_node reads it after this returns).
    node.text_bounding_box = p["extend_bounding_box"](
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = p["TextBox"](layout, style)
    text_box.baseline = baseline
    matrix = p["Matrix"](d=-1, e=x_position, f=y_position)
    emojis = p["draw_first_line"](svg.stream, text_box, "none", "none", matrix)
    svg.stream.end_text()
    svg.stream.pop_state()
    p["draw_emojis"](svg.stream, style, x, y, emojis)


def _swap(svg, old, new) -> None:
    # draw_node recognises text nodes by comparing TAGS entries with the module's ``text``:
    # both must change together.
    svg.text = new
    for tag, function in list(svg.TAGS.items()):
        if function is old:
            svg.TAGS[tag] = new


@contextmanager
def whole_line_svg_text(enabled: bool = True):
    """Within the block, WeasyPrint draws simple SVG text a line at a time.

    Yields True when the fast path is in place, False when it was not wanted or this WeasyPrint
    is not laid out as expected (its own text path is then used).
    """
    parts = _parts() if enabled else {}
    if not parts:
        yield False
        return
    svg, original = parts["svg"], parts["original"]
    with _LOCK:
        _swap(svg, original, whole_line_text)
        try:
            yield True
        finally:
            _swap(svg, whole_line_text, original)
