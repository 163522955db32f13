"""Checks of an accessible report, shared by the accessibility tests: a PDF's structure tree
(PDF/UA-1) and the contrast of the text in a chart's SVG (which axe-core, looking at the page,
cannot see inside an ``<img>``)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections import Counter

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

from ocanalysis.figures._theme import contrast_ratio

# WCAG 2.1 1.4.3 (AA): 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold).
NORMAL_TEXT, LARGE_TEXT = 4.5, 3.0


def structure_elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every structure element of the PDF, in tree order (none when it has no tree)."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    found: list[DictionaryObject] = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return  # a marked-content id
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    if root is not None:
        walk(root)
    return found


def _drawn_outside_figures(reader: PdfReader) -> list[str]:
    """Images and drawings (XObjects) a page draws outside any /Figure marked content."""
    problems = []
    for number, page in enumerate(reader.pages, 1):
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        tags: list[str] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                tags.append(str(operands[0]))
            elif operator == b"EMC" and tags:
                tags.pop()
            elif operator == b"Do" and "/Figure" not in tags and "/Artifact" not in tags:
                kind = xobjects[operands[0]].get_object().get("/Subtype")
                if kind == "/Image" or (kind == "/Form" and _has_image(xobjects[operands[0]])):
                    problems.append(f"page {number}: {kind[1:]} {operands[0]} not in a /Figure")
    return problems


def _has_image(xobject) -> bool:
    xobject = xobject.get_object()
    inner = xobject.get("/Resources", {}).get("/XObject", {})
    return any(x.get_object().get("/Subtype") == "/Image" or _has_image(x) for x in inner.values())


def _is_true(value) -> bool:
    return getattr(value, "value", value) is True  # a pypdf BooleanObject holds its bool


def pdf_problems(pdf: bytes, *, title: str, lang: str, figures: int) -> list[str]:
    """What keeps the PDF from being a tagged, titled document in ``lang`` whose ``figures``
    images are each a /Figure with alt text, whose headings and tables are tagged with their
    header cells; empty when nothing does."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    problems = []
    if "/StructTreeRoot" not in catalog:
        problems.append("no structure tree (/StructTreeRoot): the PDF is untagged")
    if not _is_true(catalog.get("/MarkInfo", {}).get("/Marked")):
        problems.append("/MarkInfo /Marked is not true")
    if str(catalog.get("/Lang", "")) != lang:
        problems.append(f"/Lang is {str(catalog.get('/Lang', '')) or 'missing'!r}, not {lang!r}")
    if not _is_true(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle")):
        problems.append("/ViewerPreferences /DisplayDocTitle is not true")
    if (reader.metadata or {}).get("/Title") != title:
        problems.append(f"title is {(reader.metadata or {}).get('/Title')!r}, not {title!r}")
    elements = structure_elements(reader)
    kinds = Counter(str(element["/S"]) for element in elements)
    tagged_figures = [element for element in elements if element["/S"] == "/Figure"]
    without_alt = [e for e in tagged_figures if not str(e.get("/Alt", "")).strip()]
    if without_alt:
        problems.append(f"{len(without_alt)} of {len(tagged_figures)} /Figure without /Alt")
    if len(tagged_figures) != figures:
        problems.append(f"{len(tagged_figures)} /Figure elements for {figures} images")
    if not kinds["/H1"] or not any(kinds[f"/H{level}"] for level in range(2, 7)):
        problems.append(f"headings not tagged (/H1: {kinds['/H1']})")
    for table in (element for element in elements if element["/S"] == "/Table"):
        cells = Counter(str(e["/S"]) for e in structure_elements_under(table))
        if not cells["/TH"] or not cells["/TD"]:
            problems.append(f"a /Table without header or data cells ({dict(cells)})")
            break
    if not kinds["/Table"]:
        problems.append("no /Table in the structure tree")
    problems.extend(_drawn_outside_figures(reader))
    return problems


def structure_elements_under(element) -> list[DictionaryObject]:
    found: list[DictionaryObject] = []
    kids = element.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            found.append(kid)
            found.extend(structure_elements_under(kid))
    return found


# -- text contrast in a chart's SVG ------------------------------------------------------------


def _number(value: str | None, default: float = 0.0) -> float:
    return float(re.sub(r"[a-z%]+$", "", value)) if value else default


def _over_black(colour: str, opacity: float) -> str:
    """``colour`` at ``opacity`` over black, as #RRGGBB: a translucent box's colour when what is
    under it (a map's pixels) is not known, the darkest it can be."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * opacity):02X}" for c in channels)


def svg_contrast_problems(svg: str) -> list[str]:
    """Each text of the chart whose colour lacks WCAG AA contrast with what it is drawn on: the
    last filled rectangle before it (in drawing order) under the middle of its first line, else
    the chart's white; a translucent rectangle as if over black. The charts' text is never drawn
    on a path or an image except inside a rectangle (the map's label is in a white box)."""
    ns = "{http://www.w3.org/2000/svg}"
    painted: list[tuple[float, float, float, float, str]] = []
    problems = []
    for element in ET.fromstring(svg).iter():
        if element.tag == f"{ns}rect":
            fill = element.get("fill", "#000000")
            if fill.startswith("#") and len(fill) == 7:
                x, y = _number(element.get("x")), _number(element.get("y"))
                w, h = _number(element.get("width")), _number(element.get("height"))
                opacity = _number(element.get("fill-opacity"), 1.0)
                painted.append((x, y, x + w, y + h, _over_black(fill, opacity)))
        elif element.tag == f"{ns}text" and (element.text or "").strip():
            text = element.text.strip()
            size = _number(element.get("font-size"), 10.0)
            bold = element.get("font-weight") in ("bold", "700", "800", "900")
            colour = element.get("fill", "#000000")
            # The middle of the first line: the anchor is its baseline's start, middle or end.
            x, y = _number(element.get("x")), _number(element.get("y")) - 0.35 * size
            anchor = element.get("text-anchor", "start")
            x += {"start": 0.6 * size, "end": -0.6 * size}.get(anchor, 0.0)
            if element.get("dominant-baseline") in ("central", "middle"):
                y += 0.35 * size
            background = next(
                (
                    fill
                    for x0, y0, x1, y1, fill in reversed(painted)
                    if x0 <= x <= x1 and y0 <= y <= y1
                ),
                "#FFFFFF",
            )
            ratio = contrast_ratio(colour, background)
            needed = LARGE_TEXT if size >= 18 or (bold and size >= 14) else NORMAL_TEXT
            if ratio < needed:
                problems.append(
                    f"{text[:40]!r} ({size:g} pt{' bold' if bold else ''}): {colour} on "
                    f"{background} is {ratio:.2f}:1, below {needed}:1"
                )
    return problems
