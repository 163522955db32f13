"""Regenerate the README's CLI reference from the commands' own --help.

    .venv/bin/python tools/readme_cli.py          # print the reference
    .venv/bin/python tools/readme_cli.py --write  # rewrite it in README.md

tests/test_readme.py fails when the README's copy and the --help output drift apart.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def help_text(argv: list[str]) -> str:
    from ocanalysis.cli import main

    out = io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; fix the width
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main([*argv, "--help"])
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous
    return out.getvalue().rstrip() + "\n"


def reference() -> str:
    from ocanalysis.cli import COMMANDS

    parts = ["```text\n$ ocanalysis --help\n" + help_text([]) + "```\n"]
    for command in COMMANDS:
        parts.append(f"#### `ocanalysis {command}`\n\n```text\n{help_text([command])}```\n")
        if command == "data":
            parts.append(f"```text\n{help_text(['data', 'build'])}```\n")
    return "\n".join(parts)


def current() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), text, re.DOTALL)
    return match.group(1) if match else ""


def write() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + START + "\n" + reference() + END + tail, encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
    else:
        sys.stdout.write(reference())
