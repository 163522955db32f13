"""`ocanalysis new-notebook PATH`: write a starter notebook that `render --notebook` renders as it
stands."""

from __future__ import annotations

import argparse
import sys

EPILOG = """\
The starter has a cell tagged 'parameters' setting country, iso3, country_name and edition
(the renderer sets them for each report: country to the ISO3 code) and top (how many of the
region's countries its ranking lists), and a few cells calling ocanalysis and
ocanalysis.report. Open it in JupyterLab, edit it, then render it:
  ocanalysis render --notebook PATH --region "West Africa" -p top 5
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "new-notebook",
        help="write a starter notebook of your own for `render --notebook`",
        description="Write a starter report notebook to PATH (a .ipynb, without outputs).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="PATH", help="the notebook to write, e.g. mine.ipynb")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..render.user_notebook import write_starter

    path = write_starter(args.path, force=args.force)
    print(path)
    print(f"render it with: ocanalysis render --notebook {path} Belgium", file=sys.stderr)
    return 0
