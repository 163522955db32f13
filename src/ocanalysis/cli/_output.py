"""``--format`` and ``--out`` for the commands that print tables: one way to write or print them.

Text and JSON go to stdout or, with ``--out FILE``, to the file; tables in a file format go
through :func:`ocanalysis.export.encode` (the same cells, the same formula-injection guard), and
every file through :func:`ocanalysis._atomic.write_atomic`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from . import emit


def output_arguments(
    parser: argparse.ArgumentParser, formats: tuple[str, ...], default: str, what: str
) -> None:
    """Add ``--format/-f`` (one of ``formats``) and ``--out FILE``."""
    parser.add_argument(
        "--format",
        "-f",
        choices=formats,
        default=None,
        help=f"output format (default {default}); xlsx: {what}",
    )
    parser.add_argument(
        "--out",
        "-o",
        metavar="FILE",
        default=None,
        help="write to FILE (atomically) instead of stdout; xlsx needs it on a terminal",
    )
    parser.set_defaults(default_format=default)


def chosen_format(args: argparse.Namespace) -> str:
    """``--format``, else ``json`` for a command's ``--json``, else its default."""
    if args.format:
        return args.format
    return "json" if getattr(args, "json", False) else args.default_format


def deliver(
    args: argparse.Namespace,
    *,
    text: Callable[[], str] | None = None,
    json_text: Callable[[], str] | None = None,
    sheets: Callable[[], Mapping] | None = None,
    meta: Callable[[], Mapping] | None = None,
) -> int:
    """Print or write the output in the chosen format: ``text``/``json_text`` as they are, any
    other format as ``sheets`` (``{name: DataFrame}``) through :mod:`ocanalysis.export`."""
    from .._atomic import write_atomic
    from ..errors import ExportError, OutputError
    from ..export import BINARY_FORMATS, encode

    format = chosen_format(args)
    if format == "text" and text is not None:
        data: str | bytes = text()
    elif format == "json" and json_text is not None:
        data = json_text()
    else:
        data = encode(sheets(), format=format, meta=meta() if meta else None)
    if args.out:
        path = Path(args.out)
        if isinstance(data, str) and not data.endswith("\n"):
            data += "\n"
        try:
            write_atomic(path, data)
        except OSError as error:
            raise OutputError.from_os_error(error, path) from error
        return 0
    if format in BINARY_FORMATS:
        if sys.stdout.isatty():
            raise ExportError(f"{format} is a binary file: give --out FILE (or redirect stdout)")
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            pass
        return 0
    emit(data)
    return 0
