"""Export formats of a rendered report: a small registry, one module per format.

Each exporter turns an executed notebook into bytes. A format whose library is not installed is
reported by name with the extra to install (``MissingExtraError``), not with an import traceback.

>>> names()
('html', 'pdf')
>>> get("docx")
Traceback (most recent call last):
...
ocanalysis.errors.ArgumentError: unknown format 'docx'; formats: html, pdf
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import cache

from ...errors import ArgumentError, OCAnalysisError


class MissingExtraError(OCAnalysisError):
    """An export format's library is not installed."""


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # in ocanalysis.render.exporters
    requires: tuple[str, ...]  # importable modules the format needs
    install: str  # what to install when they are missing


FORMATS: dict[str, Format] = {
    "html": Format("html", "html", ("nbconvert",), "pip install nbconvert"),
    "pdf": Format("pdf", "pdf", ("weasyprint",), "pip install weasyprint"),
}


def names() -> tuple[str, ...]:
    """The export formats, in the order they are written.

    >>> names()
    ('html', 'pdf')
    """
    return tuple(FORMATS)


def parse(text: str) -> tuple[str, ...]:
    """'html,pdf' -> ('html', 'pdf'), checked; an unknown name raises ArgumentError.

    >>> parse("pdf, html,html")
    ('html', 'pdf')
    """
    wanted = [part.strip().lower() for part in str(text).split(",") if part.strip()]
    if not wanted:
        raise ArgumentError("no format given; formats: " + ", ".join(FORMATS))
    for name in wanted:
        if name not in FORMATS:
            raise ArgumentError(f"unknown format {name!r}; formats: {', '.join(FORMATS)}")
    return tuple(name for name in FORMATS if name in wanted)


def check_available(name: str) -> None:
    """Raise MissingExtraError naming what to install when a format's library is missing.

    >>> from unittest import mock
    >>> needs = Format("odt", "odt", ("no_such_module_here",), "pip install odt-writer")
    >>> with mock.patch.dict(FORMATS, {"odt": needs}):
    ...     check_available("odt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.render.exporters.MissingExtraError: format 'odt' needs the 'no_such_module_here' package, ...; install it with: pip install odt-writer
    """
    spec = FORMATS[name]
    for module in spec.requires:
        # Found, not imported: a renderer checks its formats first, and imports them later,
        # while its kernel starts.
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise MissingExtraError(
                f"format {name!r} needs the {module!r} package, which is not installed; "
                f"install it with: {spec.install}"
            )


@cache
def get(name: str):
    """The exporter for a format (one instance per process: templates load once).

    >>> get("docx")
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: unknown format 'docx'; formats: html, pdf
    """
    if name not in FORMATS:
        raise ArgumentError(f"unknown format {name!r}; formats: {', '.join(FORMATS)}")
    check_available(name)
    module = importlib.import_module(f"{__name__}.{FORMATS[name].module}")
    return module.Exporter()
