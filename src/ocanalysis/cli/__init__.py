"""The ``ocanalysis`` command. One module per subcommand, listed in :data:`COMMANDS`.

Each command module defines ``add_parser(subparsers)`` and keeps heavy imports inside its handler,
so ``ocanalysis --help`` and ``ocanalysis profile`` start fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from ..errors import OCAnalysisError, OutputError, describe_os_error

# Subcommand -> module (in ocanalysis.cli). The order is the order of `ocanalysis --help`.
COMMANDS: dict[str, str] = {
    "profile": "profile",
    "table": "table",
    "countries": "countries",
    "validate": "validate",
    "parse-profile": "parse_profile",
    "data": "data",
    "audit": "audit",
    "whatif": "whatif",
    "headlines": "headlines",
    "indicator": "indicator",
    "explore": "explore",
    "render": "render",
    "new-notebook": "new_notebook",
    "cite": "cite",
}

DESCRIPTION = """\
Analyse the Global Organized Crime Index (GI-TOC / ENACT): every edition in one table, the
published composites and ranks reproduced, reports per country.

The default edition is the latest the embedded data holds. Countries are accepted by name, alias
or ISO2/ISO3 code, in any case. Problems with input end with a one-line message and exit status 2.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with a subparser for every command module that exists.

    >>> args = build_parser().parse_args(["profile", "Belgium", "--edition", "2023"])
    >>> args.command, args.country, args.edition, args.handler.__module__
    ('profile', 'Belgium', '2023', 'ocanalysis.cli.profile')
    """
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="ocanalysis",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ocanalysis {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name == f"{__name__}.{module_name}":
                continue  # a command not built yet
            raise
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for a problem with the input or output).

    >>> main(["profile", "BEL", "--edition", "2023"])  # doctest: +ELLIPSIS
    Belgium (BEL), 2023 edition
    Europe / Western Europe
    ...
    0
    >>> main(["profile", "Atlantis"])  # the one-line message goes to stderr
    2
    """
    from ._streams import readable_anywhere

    # Once, before anything is printed (help included): an ASCII locale gets ASCII, not a crash.
    readable_anywhere(sys.stdout, sys.stderr)
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["render"]:
        from .render import parameters_verbatim

        argv = parameters_verbatim(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except OCAnalysisError as error:
        for line in getattr(error, "problems", None) or [str(error)]:
            print(f"ocanalysis: error: {line}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("ocanalysis: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # before OSError, of which it is one
        return 0
    except OSError as error:  # the safety net: a full disk, a read-only folder, a wrong path, ...
        message = OutputError(describe_os_error(error)).message  # one line
        print(f"ocanalysis: error: {message}", file=sys.stderr)
        return OutputError.exit_status


def command() -> int:
    """The ``ocanalysis`` program (and ``python -m ocanalysis``): :func:`main`, then a quick exit.

    Python's last garbage collection, as a process ends, walks every object the run made
    (papermill's, pandas', matplotlib's): a third of a second after a render, for nothing.
    Frozen, those objects are skipped; the process exits as it would otherwise. Only here, never
    in :func:`main`, which a test or a notebook may call many times in one process.
    """
    status = main()
    gc.freeze()
    return status


def emit(text: str) -> None:
    """Print to stdout, tolerating a closed pipe (``ocanalysis table | head``).

    >>> emit("one line"); emit("already ended\\n")
    one line
    already ended
    """
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        pass


def edition_argument(parser: argparse.ArgumentParser) -> None:
    """Add the shared ``--edition/-e YEAR`` option (a string; checked by the handler).

    >>> parser = argparse.ArgumentParser()
    >>> edition_argument(parser)
    >>> parser.parse_args(["-e", "2021"]).edition, parser.parse_args([]).edition
    ('2021', None)
    """
    parser.add_argument(
        "--edition",
        "-e",
        type=str,
        default=None,
        metavar="YEAR",
        help="edition of the index (2021, 2023, 2025); default: the latest",
    )
