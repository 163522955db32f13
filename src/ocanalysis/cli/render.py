"""`ocanalysis render`: reports as HTML and PDF: countries (one or all 193), the world, the
continents, the regions, the indicators, comparisons of 2 to 6 countries, or the whole site."""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import edition_argument

EPILOG = """\
Reports go to DIR/<edition>/ (the executed notebook <name>.ipynb is kept beside each):
  <ISO3>-<slug>.html, .pdf         a country, e.g. BEL-belgium.html
  world.html, .pdf                 the world (--world)
  continent-<slug>.html, .pdf      a continent (--continents), e.g. continent-africa.html
  region-<slug>.html, .pdf         a region (--regions), e.g. region-western-europe.html
  compare-<ISO3>-<ISO3>[-...].html a comparison (--compare), codes in the order given
  indicator-<id>.html, .pdf        an indicator or composite (--indicators), e.g.
                                   indicator-law-enforcement.html
and DIR/index.html links them all: the world, each continent with its regions, each region with
its countries, the comparisons, then the indicators by pillar. --site renders the whole site:
193 countries, 22 regions, 5 continents, the world and the edition's indicators and composites
(257 reports for 2023 and 2025, 251 for 2021). A country report links to its region's and continent's
reports when they are rendered in the same run or already are in DIR/<edition>/.

--lang fr|es|pt writes every report in that language, named <name>.<lang>.html (.pdf) beside
the English one, e.g. BEL-belgium.fr.html, world.fr.html. Each language has its own index, in
that language, listing that language's reports: DIR/index.html (English), DIR/index.fr.html,
...; when reports of several languages are there, each index links to the others.

A report that fails keeps its previous files as they were; the notebook as far as it ran goes to
<name>.failed.ipynb. A report whose inputs (data, notebook, parameters, package version, profile
text) and outputs did not change is skipped; --force renders it again. Several renders may write
into one DIR at once.

--notebook PATH renders your own notebook for the countries chosen (names, --all, --region,
--continent) instead of the country report, on the same kernels, with the same export, cache
and index. Its cell tagged 'parameters' must set country and edition, which the renderer sets
for each report: country to the ISO3 code (BEL for Belgium), and iso3 and country_name too when
the cell sets them (ocanalysis new-notebook writes a starter). Each report goes beside the
country's own without replacing it:
  <ISO3>-<slug>.<notebook>.html, .pdf  e.g. BEL-belgium.my-analysis.html for my_analysis.ipynb
-p NAME VALUE sets another name of that cell (repeatable; a name it does not set is an error).
VALUE is read as papermill's -p reads it (True, False, None, an integer, a float, else text), or
as JSON when it starts with [, { or ". The notebook runs in its own folder; a report is
rendered again when the notebook's content or a parameter changes (not when a file it reads
does: --force). A failing cell is reported by its position in the notebook (every cell counted
from 1), its first line and its error.

--compare takes the names that follow it (put countries to render before it); give it again for
another comparison. --profiles DIR picks each country's profile text by file name: the name
without its extension is the ISO3 code, the slug or both (BEL.txt, belgium.txt, BEL-belgium.txt;
any case).

Exit status: 0 all rendered, 1 some reports failed (the others are done) or the index could not
be written, 2 bad arguments or an output folder that cannot be written, 130 interrupted.
"""


VERBATIM_OPTION = "--parameter-verbatim"
PARAMETER_OPTIONS = ("-p", "--parameter")


def parameters_verbatim(argv: list[str]) -> list[str]:
    """``argv`` with each ``-p NAME VALUE`` as one token, so the two words after ``-p`` are the
    name and the value whatever they look like (argparse takes ``-inf`` for an option);
    a ``-p`` without two words after it is left for argparse to refuse.

    >>> parameters_verbatim(["render", "BEL", "-p", "top", "-inf", "-q"])
    ['render', 'BEL', '--parameter-verbatim=["top", "-inf"]', '-q']
    >>> parameters_verbatim(["render", "--", "-p", "a", "b"])  # after --: countries
    ['render', '--', '-p', 'a', 'b']
    """
    out: list[str] = []
    position = 0
    while position < len(argv):
        token = argv[position]
        if token == "--":
            return out + argv[position:]
        if token in PARAMETER_OPTIONS and position + 2 < len(argv):
            name, value = argv[position + 1], argv[position + 2]
            out.append(f"{VERBATIM_OPTION}={json.dumps([name, value])}")
            position += 3
            continue
        out.append(token)
        position += 1
    return out


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "render",
        help="render reports: countries, world, continents, regions, comparisons (HTML, PDF)",
        description="Execute the report notebooks on warm kernels and export each report as\n"
        "self-contained HTML and/or A4 PDF: the country report for each country, the summary\n"
        "report for the world, a continent or a region, the comparison report for 2 to 6\n"
        "countries.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("countries", nargs="*", metavar="COUNTRY", help="name, alias or ISO code")
    which = parser.add_argument_group("which countries (combine freely)")
    which.add_argument("--all", action="store_true", help="all 193 countries")
    which.add_argument("--region", metavar="R", help='one region, e.g. "Western Europe"')
    which.add_argument("--continent", metavar="C", help='one continent, e.g. "Africa"')
    summaries = parser.add_argument_group(
        "which other reports (combine freely, with countries too)"
    )
    summaries.add_argument("--world", action="store_true", help="the world report")
    summaries.add_argument(
        "--continents",
        nargs="*",
        metavar="C",
        default=None,
        help="one report per continent (5), or for the continents named",
    )
    summaries.add_argument(
        "--regions",
        nargs="*",
        metavar="R",
        default=None,
        help="one report per region (22), or for the regions named",
    )
    summaries.add_argument(
        "--indicators",
        nargs="*",
        metavar="NAME",
        default=None,
        help="one report per indicator and composite (36), or for those named (ids or labels)",
    )
    summaries.add_argument(
        "--compare",
        nargs="+",
        action="append",
        default=[],
        metavar="COUNTRY",
        help="a report comparing 2 to 6 countries (names, aliases or codes); repeatable",
    )
    summaries.add_argument(
        "--site",
        action="store_true",
        help="everything: 193 countries, 22 regions, 5 continents, the world, every indicator",
    )
    edition_argument(parser)
    parser.add_argument(
        "--compare-edition",
        metavar="YEAR",
        default=None,
        help="edition to measure change against (default: the previous one)",
    )
    parser.add_argument(
        "--format",
        default="html",
        metavar="LIST",
        help="comma-separated: html, pdf (default: html)",
    )
    parser.add_argument(
        "--out", default="reports", metavar="DIR", help="output folder (default: reports)"
    )
    parser.add_argument(
        "--lang",
        default="en",
        metavar="LANG",
        help="language of the reports: en, fr, es or pt (default: en; files: <name>.<lang>.html)",
    )
    profile = parser.add_mutually_exclusive_group()
    profile.add_argument("--profile", metavar="FILE", help="profile text of the (one) country")
    profile.add_argument("--profiles", metavar="DIR", help="folder of profile texts (see below)")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores)",
    )
    parser.add_argument("--force", action="store_true", help="render even unchanged reports")
    yours = parser.add_argument_group("your own notebook (see below)")
    yours.add_argument(
        "--notebook",
        metavar="PATH",
        help="render this notebook for the countries chosen, instead of the country report",
    )
    yours.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter of the notebook's parameters cell; repeatable",
    )
    # What main() turns each `-p NAME VALUE` into (parameters_verbatim): one token, so a VALUE
    # that starts with '-' (-inf, -q) is the value, not an option.
    yours.add_argument(
        VERBATIM_OPTION,
        dest="parameter",
        action="append",
        type=lambda token: tuple(json.loads(token)),
        help=argparse.SUPPRESS,
    )
    parser.add_argument(
        "--dask", metavar="ADDRESS", help="run on a Dask scheduler (tcp://host:8786)"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


# How messages name an argument, by its dest (others: --dest-with-dashes).
ARGUMENT_NAMES = {"countries": "COUNTRY", "parameter": "-p", "jobs": "--jobs"}


def check_utf8(args: argparse.Namespace) -> None:
    """Refuse, in one line naming it, an argument holding bytes that are not UTF-8 (Python
    gives them as lone surrogates): names and values end up in notebooks, HTML and records,
    all UTF-8.

    >>> import os
    >>> check_utf8(argparse.Namespace(out=os.fsdecode(b"caf\\xe9"), parameter=[]))
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: --out 'caf\\xe9': holds bytes that are not UTF-8; rename it or give another
    """
    from ..errors import ArgumentError

    for dest, value in vars(args).items():
        for text, name in _strings(value, ARGUMENT_NAMES.get(dest, "--" + dest.replace("_", "-"))):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                shown = os.fsencode(text).decode("utf-8", "backslashreplace")
                raise ArgumentError(
                    f"{name} '{shown}': holds bytes that are not UTF-8; rename it or give another"
                ) from None


def _strings(value, name: str):
    """Every string in an argument's value (lists and -p pairs too), with how to name it."""
    if isinstance(value, str):
        yield value, name
    elif isinstance(value, (list, tuple)):
        if name == "-p" and len(value) == 2 and all(isinstance(v, str) for v in value):
            yield value[0], name
            yield value[1], f"-p {value[0]}" if _is_utf8(value[0]) else name
            return
        for item in value:
            yield from _strings(item, name)


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def run(args: argparse.Namespace) -> int:
    check_utf8(args)
    from ..render.kernel_template import Template

    # First, before pandas is imported here: the kernels' template boots (pandas, matplotlib,
    # the data; about two seconds) while this process imports, checks and plans. A Dask batch
    # renders elsewhere.
    template = Template.start([args.edition], args.lang) if args.dask is None else None
    try:
        return _run(args, template)
    finally:
        if template is not None:
            template.stop()


def _run(args: argparse.Namespace, template) -> int:
    from pathlib import Path

    from ..dataset import check_edition
    from ..errors import ArgumentError
    from ..render import batch, exporters, plan
    from ..render.index import index_name, write_index

    formats = exporters.parse(args.format)
    for name in formats:
        exporters.check_available(name)
    if args.jobs is not None and args.jobs < 1:
        raise ArgumentError(f"--jobs must be at least 1, not {args.jobs}")
    edition = check_edition(args.edition)
    if args.dask is not None:
        from ..render.dask import check_address

        check_address(args.dask)
    compare = None
    if args.compare_edition is not None:
        from ..report.context import resolve_compare_edition

        compare = resolve_compare_edition(edition, args.compare_edition)
    out = Path(args.out)
    from ..i18n import check_language

    lang = check_language(args.lang)
    jobs = plan.plan(
        args.countries,
        edition,
        formats=formats,
        out=out,
        all_countries=args.all,
        region=args.region,
        continent=args.continent,
        world=args.world,
        continents=False if args.continents is None else args.continents or True,
        regions=False if args.regions is None else args.regions or True,
        indicators=False if args.indicators is None else args.indicators or True,
        compare=args.compare,
        site=args.site,
        profile=Path(args.profile) if args.profile else None,
        profiles=Path(args.profiles) if args.profiles else None,
        compare_edition=compare,
        lang=lang,
        notebook=Path(args.notebook) if args.notebook else None,
        notebook_parameters=[tuple(pair) for pair in args.parameter],
    )
    summary = batch.run(
        jobs,
        workers=args.jobs,
        force=args.force,
        dask_address=args.dask,
        show_progress=False if args.quiet else None,
        template=template,
    )
    print(summary.text(), file=sys.stderr)
    try:
        index = write_index(out, lang)
    except OSError as error:  # the reports stand; only the page linking them is missing
        print(
            f"ocanalysis: error: {error.filename or out / index_name(lang)}: could not write the "
            f"index ({error.strerror or error}); free some space or choose another --out",
            file=sys.stderr,
        )
        return 1
    if len(jobs) == 1 and not summary.failed:
        for path in summary.outcomes[0].outputs:
            print(path)
    else:
        print(index)
    return summary.exit_status
