"""The command-line reference, generated from the argparse parsers when the site is built.

``ocanalysis.cli.build_parser()`` is the one source: the directive walks it (every subcommand
in ``cli.COMMANDS`` order, and their own subcommands, as ``data build``) and writes, for each
parser, a section with its usage, description, every option group with each option's flags,
metavar and help (``%(default)s`` expanded as ``--help`` expands it) and its epilog. A new
command or option appears on the next build; nothing is copied by hand.

    ```{ocanalysis-cli}
    ```

Each section's id is ``cli-<command>`` (``cli-data-build``), so guide pages link to
``cli.md#cli-render``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Yield ``(path, parser)`` for the parser and every subcommand below it, in help order."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from walk(sub, (*path, name))


def subcommand_help(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Each subcommand's one-line help, as ``--help`` lists it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def section_id(path: tuple[str, ...]) -> str:
    """The id of a command's section, its anchor in ``cli.html``.

    >>> section_id(("data", "build")), section_id(())
    ('cli-data-build', 'cli-ocanalysis')
    """
    return "cli-" + ("-".join(path) if path else "ocanalysis")


def _paragraphs(text: str) -> list[nodes.Node]:
    """Prose as paragraphs; a block with indented lines (a table, a list of files) verbatim."""
    out: list[nodes.Node] = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.splitlines()
        if any(line.startswith(" ") for line in lines[1:]) or block.rstrip().endswith(":"):
            out.append(nodes.literal_block(block, block, language="text"))
        else:
            out.append(nodes.paragraph(text=" ".join(line.strip() for line in lines)))
    return out


def _option_rows(parser: argparse.ArgumentParser, group) -> nodes.definition_list:
    formatter = parser._get_formatter()
    items = nodes.definition_list()
    for action in group._group_actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        invocation = formatter._format_action_invocation(action)
        described = formatter._expand_help(action) if action.help else ""
        item = nodes.definition_list_item()
        item += nodes.term("", "", nodes.literal(invocation, invocation))
        item += nodes.definition("", nodes.paragraph(text=described))
        items += item
    return items


def parser_section(document, path: tuple[str, ...], parser: argparse.ArgumentParser):
    name = " ".join(("ocanalysis", *path))
    target = section_id(path)
    # An explicit name: a std label, so that links such as cli.md#cli-render resolve (and are checked).
    section = nodes.section(ids=[target], names=[target])
    document.note_explicit_target(section)
    section += nodes.title(name, "", nodes.literal(name, name))
    usage = parser.format_usage().strip()
    section += nodes.literal_block(usage, usage, language="text")
    if parser.description:
        section += _paragraphs(parser.description)
    commands = subcommand_help(parser)
    for group in parser._action_groups:
        rows = _option_rows(parser, group)
        if len(rows):
            section += nodes.rubric(text=group.title.capitalize())
            section += rows
        if any(isinstance(a, argparse._SubParsersAction) for a in group._group_actions):
            section += nodes.rubric(text=(group.title or "commands").capitalize())
            listed = nodes.bullet_list()
            for command, summary in commands.items():
                reference = nodes.reference(
                    "", "", nodes.literal(command, command), refid=section_id((*path, command))
                )
                listed += nodes.list_item(
                    "", nodes.paragraph("", "", reference, nodes.Text(f": {summary}"))
                )
            section += listed
    if parser.epilog:
        section += _paragraphs(parser.epilog)
    return section


class CommandLineReference(SphinxDirective):
    """Every command of ``ocanalysis``, one section each, from ``build_parser()``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from ocanalysis import cli

        for module in Path(cli.__file__).parent.glob("*.py"):
            self.env.note_dependency(str(module))
        previous = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "100"  # argparse wraps usage to the terminal; fix the width
        try:
            return [
                parser_section(self.state.document, path, parser)
                for path, parser in walk(cli.build_parser())
            ]
        finally:
            if previous is None:
                os.environ.pop("COLUMNS", None)
            else:
                os.environ["COLUMNS"] = previous


def setup(app: Sphinx) -> dict:
    app.add_directive("ocanalysis-cli", CommandLineReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
