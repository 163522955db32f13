"""How to cite the data and the package: the one place that states it.

The reports (``report/text.py``), ``ocanalysis cite``, the exports' provenance sheet and
``CITATION.cff`` (kept in step by ``tests/test_citation.py``) all read it from here.

>>> publisher_citation(2023)
'Global Initiative Against Transnational Organized Crime (GI-TOC) and ENACT, Global Organized Crime Index 2023, https://ocindex.net.'
"""

from __future__ import annotations

from . import __version__

PUBLISHER_NAME = "Global Initiative Against Transnational Organized Crime (GI-TOC)"
PARTNER_NAME = "ENACT"
INDEX_TITLE = "Global Organized Crime Index"
INDEX_URL = "https://ocindex.net"
# Who and what, as the reports have always printed it before the edition's year.
PUBLISHER = f"{PUBLISHER_NAME} and {PARTNER_NAME}, {INDEX_TITLE}"

PACKAGE_TITLE = "ocanalysis: the Global Organized Crime Index in Python"
PACKAGE_AUTHORS = "ocanalysis developers"
PACKAGE_LICENSE = "MIT"
PACKAGE_RELEASED = "2026-12-07"  # this version's release date (CITATION.cff's date-released)
PACKAGE_ABSTRACT = (
    "Load, validate, analyse and report on the Global Organized Crime Index (GI-TOC / ENACT)"
)

FORMATS = ("text", "bibtex")


def report_title(edition: int) -> str:
    """The publisher's title of an edition's report.

    >>> report_title(2025)
    'Global Organized Crime Index 2025'
    """
    return f"{INDEX_TITLE} {int(edition)}"


def publisher_citation(edition: int) -> str:
    """How to cite an edition's data, as the reports print it."""
    return f"{PUBLISHER} {int(edition)}, {INDEX_URL}."


def package_citation() -> str:
    """How to cite this package (the version that runs).

    >>> package_citation()  # doctest: +ELLIPSIS
    'ocanalysis developers, ocanalysis: the Global Organized Crime Index in Python, version ..., MIT licence.'
    """
    return f"{PACKAGE_AUTHORS}, {PACKAGE_TITLE}, version {__version__}, {PACKAGE_LICENSE} licence."


def _bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    # Braces around each value keep BibTeX from re-casing or splitting the names.
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


def publisher_bibtex(edition: int) -> str:
    """An edition's report as a BibTeX entry (its authors as organisations, in braces).

    >>> print(publisher_bibtex(2021))  # doctest: +ELLIPSIS
    @techreport{gitoc_ocindex_2021,
      author = {{Global Initiative Against Transnational Organized Crime (GI-TOC)} and {ENACT}},
      title = {Global Organized Crime Index 2021},
    ...
    """
    return _bibtex(
        "techreport",
        f"gitoc_ocindex_{int(edition)}",
        {
            "author": f"{{{PUBLISHER_NAME}}} and {{{PARTNER_NAME}}}",
            "title": report_title(edition),
            "institution": PUBLISHER_NAME,
            "year": str(int(edition)),
            "url": INDEX_URL,
        },
    )


def package_bibtex() -> str:
    """This package as a BibTeX entry, with its release year. (No ``url``: the package has no
    public address yet, and an invented one would mislead.)

    >>> "year = {2026}" in package_bibtex()
    True
    """
    return _bibtex(
        "software",
        "ocanalysis",
        {
            "author": f"{{{PACKAGE_AUTHORS}}}",
            "title": PACKAGE_TITLE,
            "version": __version__,
            "year": PACKAGE_RELEASED[:4],
            "date": PACKAGE_RELEASED,
            "license": PACKAGE_LICENSE,
        },
    )


def cite(edition: int, format: str = "text") -> str:
    """The publisher's citation of ``edition`` and the package's, in ``format`` (text, bibtex).

    >>> print(cite(2023))  # doctest: +ELLIPSIS
    Cite the data as:
      Global Initiative ... ENACT, Global Organized Crime Index 2023, https://ocindex.net.
    Cite the software as:
      ocanalysis developers, ocanalysis: ...
    """
    from .errors import ArgumentError

    if format == "bibtex":
        return f"{publisher_bibtex(edition)}\n\n{package_bibtex()}"
    if format == "text":
        return (
            f"Cite the data as:\n  {publisher_citation(edition)}\n"
            f"Cite the software as:\n  {package_citation()}"
        )
    raise ArgumentError(f"unknown citation format {format!r}; expected one of {', '.join(FORMATS)}")
