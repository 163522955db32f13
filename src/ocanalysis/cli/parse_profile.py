"""`ocanalysis parse-profile FILE`: read an official profile's text back into figures and sections."""

from __future__ import annotations

import argparse
import json
import sys

from . import emit

EPILOG = """\
exit status:
  0  parsed, and every figure and rank agrees with the embedded data
  1  parsed and printed, but the cross-check found disagreements; each is written to stderr as
     'ocanalysis: warning: FILE: <measure>: profile says X, data says Y' (--no-check skips it)
  2  the file is unreadable, empty, not UTF-8, not a country profile, or cut short; or the
     edition has no embedded data to check against (use --no-check)
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "parse-profile",
        help="parse the text of an official country profile",
        description="Parse the text extracted from an official country profile (PDF -> text):\n"
        "the country, every score, the criminality and resilience ranks at three levels and the\n"
        "narrative sections; then cross-check the figures with the embedded data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="the profile's text (UTF-8)")
    parser.add_argument(
        "--edition",
        "-e",
        default=None,
        metavar="YEAR",
        help="edition of the profile; default: inferred from its indicators (26 -> 2021, "
        "32 -> 2023; the 2025 layout is the 2023 one, so pass --edition 2025 for it)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the JSON of `profile --json` plus 'narrative'"
    )
    parser.add_argument(
        "--no-check", action="store_true", help="skip the cross-check with the embedded data"
    )
    parser.set_defaults(handler=run)


def read_text(path: str) -> str:
    """The file's text; InputError when it is unreadable, not UTF-8 or empty.

    >>> path = getfixture("tmp_path") / "profile.txt"
    >>> _ = path.write_bytes(b"\\xef\\xbb\\xbfDENMARK")  # a byte-order mark is dropped
    >>> read_text(str(path))
    'DENMARK'
    >>> _ = path.write_bytes(b"  "); read_text(str(path))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.InputError: .../profile.txt: empty file
    """
    from ..errors import InputError

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte {error.start}); save the profile's text as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: empty file")
    return text


def format_text(parsed) -> str:
    """A parsed profile as text: headline ranks, every score, paragraphs per section.

    >>> from ocanalysis.profile_text import EXAMPLE, parse_profile
    >>> print("\\n".join(format_text(parse_profile(EXAMPLE)).splitlines()[:4]))
    Denmark (DNK), 2021 edition
    Europe / Northern Europe
    <BLANKLINE>
    Criminality                                    3.86  (global 150th of 193, continent 33rd of 44, region 2nd of 8)
    """
    from .. import catalogue
    from ..profile import ordinal, score_lines, text_heading

    lines = text_heading(parsed)
    for measure, levels in parsed.ranks.items():
        label = catalogue.get(measure).label
        ranks = ", ".join(f"{level} {ordinal(r)} of {of}" for level, (r, of) in levels.items())
        lines.append(f"{label:<45} {parsed.scores[measure]:5.2f}  ({ranks})")
    lines.append("")
    lines += score_lines(parsed.scores)
    lines += ["", "Narrative sections:"]
    for section in parsed.narrative:
        count = len(parsed.paragraphs(section))
        lines.append(f"  {section:<45} {count} paragraph{'s' if count != 1 else ''}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..errors import OCAnalysisError
    from ..profile_text import cross_check, parse_profile

    parsed = parse_profile(read_text(args.file), edition=args.edition, source=args.file)
    problems: list[str] = []
    if not args.no_check:
        try:
            problems = cross_check(parsed)
        except OCAnalysisError as error:
            raise OCAnalysisError(
                f"{args.file}: cannot cross-check: {error} (--no-check skips the check)"
            ) from None
    emit(json.dumps(parsed.to_dict(), ensure_ascii=False) if args.json else format_text(parsed))
    for problem in problems:
        print(f"ocanalysis: warning: {args.file}: {problem}", file=sys.stderr)
    return 1 if problems else 0
