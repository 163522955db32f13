"""``DIR/index.html``: a self-contained page linking every rendered report, by edition."""

from __future__ import annotations

import re
from pathlib import Path

from .. import countries
from .._atomic import write_atomic
from ..report.markup import element, esc, wrap

_REPORT = re.compile(r"^([A-Z]{3})-[a-z0-9-]+\.html$")

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em;
       color: #1d2329; }
h1 { border-bottom: 4px solid #b4410c; padding-bottom: 6px; }
ul.reports { columns: 3 14em; padding-left: 1.2em; }
li { margin: 2px 0; break-inside: avoid; }
.fmt { color: #5b6670; font-size: 0.85em; }
"""


def reports(out: Path) -> dict[str, list[tuple[str, Path]]]:
    """Edition folder name -> [(country name, html path)], sorted by country name.

    >>> out = getfixture("tmp_path")
    >>> (out / "2023").mkdir()
    >>> for name in ("NLD-netherlands.html", "BEL-belgium.html", "BEL-belgium.pdf", "notes.html"):
    ...     _ = (out / "2023" / name).write_text("")
    >>> {edition: [name for name, _ in found] for edition, found in reports(out).items()}
    {'2023': ['Belgium', 'Netherlands']}
    """
    found: dict[str, list[tuple[str, Path]]] = {}
    for folder in sorted(
        p for p in Path(out).iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        entries = []
        for html in folder.glob("*.html"):
            match = _REPORT.match(html.name)
            if not match:
                continue
            country = countries.find(match.group(1))
            entries.append((country.name if country else match.group(1), html))
        if entries:
            found[folder.name] = sorted(entries, key=lambda e: countries.fold(e[0]))
    return found


def write_index(out: Path) -> Path:
    """Write ``out/index.html`` and return its path; a page that would not change is not
    rewritten (an up-to-date folder may be read-only, and its file times stay meaningful).

    >>> out = getfixture("tmp_path")
    >>> (out / "2025").mkdir()
    >>> for name in ("BEL-belgium.html", "BEL-belgium.pdf"):
    ...     _ = (out / "2025" / name).write_text("")
    >>> page = write_index(out).read_text()
    >>> "<h2>2025 edition (1 report)</h2>" in page
    True
    >>> '<a href="2025/BEL-belgium.pdf" class="fmt">PDF</a>' in page
    True
    >>> before = (out / "index.html").stat().st_mtime_ns
    >>> write_index(out).stat().st_mtime_ns == before  # the same page: not written again
    True
    """
    out = Path(out)
    sections = []
    for edition, entries in sorted(reports(out).items(), reverse=True):
        items = []
        for name, html in entries:
            link = wrap("a", esc(name), href=html.relative_to(out).as_posix())
            pdf = html.with_suffix(".pdf")
            if pdf.exists():
                link += " " + wrap("a", "PDF", href=pdf.relative_to(out).as_posix(), class_="fmt")
            items.append(wrap("li", link))
        sections.append(
            element(
                "h2",
                f"{edition} edition ({len(entries)} report{'' if len(entries) == 1 else 's'})",
            )
            + wrap("ul", "".join(items), class_="reports")
        )
    body = "".join(sections) or element("p", "No reports rendered yet.")
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Global Organized Crime Index: country reports</title>"
        f"<style>{STYLE}</style></head><body>"
        + element("h1", "Global Organized Crime Index: country reports")
        + body
        + "</body></html>\n"
    )
    path = out / "index.html"
    try:
        unchanged = path.read_text(encoding="utf-8") == page
    except (OSError, UnicodeDecodeError):
        unchanged = False
    if not unchanged:
        write_atomic(path, page)
    return path
