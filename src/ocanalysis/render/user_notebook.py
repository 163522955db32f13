"""Your own notebook, rendered like the shipped country report (``render --notebook PATH``), and
the starter notebook ``ocanalysis new-notebook`` writes.

A user notebook is checked before any work, each problem one line naming the file: it must be
readable, be a notebook (JSON that nbformat validates), and have a cell tagged ``parameters``
that sets ``country`` and ``edition`` (papermill's inspection of that cell gives its names). The
renderer sets ``country`` (ISO3) and ``edition`` per report; ``-p NAME VALUE`` sets any other
name of that cell, and a name the cell does not set is an error (a typo would otherwise render
every report with the default). Values are read as papermill's ``-p`` reads them (``True``,
``False``, ``None``, an integer, a float, else the text), and a value starting with ``[``,
``{`` or ``"`` as JSON (a list, an object, a quoted string).

Its reports go beside the shipped ones without replacing them: ``<ISO3>-<slug>.<notebook>``
(``layout.notebook_stem``), e.g. ``BEL-belgium.my-analysis.html`` for ``my_analysis.ipynb``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArgumentError, InputError
from ..i18n import LANGUAGES
from . import layout

PARAMETERS_TAG = "parameters"
REQUIRED = ("country", "edition")  # set by the renderer for each report
# BEL-belgium.failed.ipynb is a failed render's notebook; BEL-belgium.fr.html the French report.
RESERVED_SLUGS = {"failed", *LANGUAGES}

HOW_TO_TAG = (
    "tag the cell that sets country and edition 'parameters' (JupyterLab: select the cell, "
    "open the property inspector, Add Tag; or ocanalysis new-notebook for a starter)"
)


@dataclass(frozen=True)
class UserNotebook:
    """A checked user notebook: its path (absolute, links resolved: what runs), the names its
    parameters cell sets, the slug its reports are named with (from the name the user gave, a
    link's own name: ``mine.ipynb -> fr.ipynb`` writes ``BEL-belgium.mine.*``) and that name,
    absolute (``given``: whose reports they are, in their record)."""

    path: Path
    parameters: tuple[str, ...]
    slug: str
    given: Path | None = None
    note: str = ""  # said once before rendering: the kernel it runs on, when it names none here


def check(path: Path | str) -> UserNotebook:
    """Read and check a user notebook (see the module's docstring); one-line ``InputError``s.

    >>> folder = getfixture("tmp_path")
    >>> mine = write_starter(folder / "My analysis.ipynb")
    >>> found = check(mine)
    >>> found.slug, found.parameters
    ('my-analysis', ('country', 'iso3', 'country_name', 'edition', 'top'))
    >>> _ = (folder / "notes.ipynb").write_text("not json")
    >>> check(folder / "notes.ipynb")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.InputError: .../notes.ipynb: not a notebook (Notebook does not appear to be JSON: 'not json')
    """
    import nbformat

    path = Path(path)
    try:
        str(path.absolute()).encode("utf-8")
    except UnicodeEncodeError:  # its path goes into every report's notebook, UTF-8 JSON
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        raise InputError(
            f"{shown}: the notebook's path holds bytes that are not UTF-8; rename it"
        ) from None
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: notebook not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder, not a notebook") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a notebook (not UTF-8 text)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the notebook ({error.strerror or error})") from None
    try:
        nb = nbformat.reads(text, as_version=4, capture_validation_error={})
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises JSON, schema, conversion and type errors
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise InputError(f"{path}: not a notebook ({first})") from None
    language, note = _language(path, nb.metadata)
    if language != "python":
        raise InputError(f"{path}: a {language} notebook; reports run on the Python kernel")
    _check_cells(path, nb)
    tagged = [c for c in nb.cells if PARAMETERS_TAG in c.metadata.get("tags", [])]
    if not tagged:
        raise InputError(f"{path}: no cell tagged 'parameters'; {HOW_TO_TAG}")
    names = _parameter_names(tagged[0])
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        example = {"country": 'country = "Belgium"', "edition": "edition = None"}
        raise InputError(
            f"{path}: the parameters cell does not set {' and '.join(missing)}; add "
            + " and ".join(f"`{example[name]}`" for name in missing)
        )
    slug = layout.notebook_slug(path)
    if not slug or slug in RESERVED_SLUGS:
        raise InputError(f"{path}: reports cannot be named after this file; rename the notebook")
    return UserNotebook(path.resolve(), names, slug, path.absolute(), note)


def _language(path: Path, metadata) -> tuple[str, str]:
    """The notebook's language (its kernelspec's, else its ``language_info``'s, else Python:
    VS Code, jupytext and ``nbformat.v4.new_notebook()`` may leave neither) and, when it does
    not name a Python kernel installed here, the one line saying where it runs instead."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = metadata.get("kernelspec") or {}
    info = metadata.get("language_info") or {}
    language = str(spec.get("language") or info.get("name") or "python").lower()
    name = spec.get("name")
    if language != "python" or name == "python3":
        return language, ""
    if name is None:
        return language, f"{path.name}: names no kernel; it runs on ocanalysis's Python kernel"
    if name in KernelSpecManager().find_kernel_specs():
        return language, ""
    return language, (
        f"{path.name}: kernel {name!r} is not installed here; it runs on ocanalysis's Python kernel"
    )


def _check_cells(path: Path, nb) -> None:
    """What would fail the same way for every country, found before any report runs: a cell
    that is not Python (IPython's magics allowed) or imports a module not installed here."""
    import ast
    import importlib.util

    from IPython.core.inputtransformer2 import TransformerManager

    from .execute import _first_line

    transformer = TransformerManager()
    for number, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        where = f"{path}: cell {number} ({_first_line(cell.source)})"
        try:
            tree = ast.parse(transformer.transform_cell(cell.source))
        except SyntaxError as error:
            raise InputError(
                f"{where} has a syntax error: {error.msg} (its line {error.lineno})"
            ) from None
        for node in tree.body:  # the cell's own imports, not those inside functions
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if importlib.util.find_spec(top) is None:
                    raise InputError(
                        f"{where} imports {top}, which is not installed here "
                        f"(pip install it into this environment, or remove the import)"
                    )


def _parameter_names(cell) -> tuple[str, ...]:
    """The names a parameters cell sets, by papermill's inspection (one assignment a line)."""
    from papermill.translators import PythonTranslator

    return tuple(dict.fromkeys(p.name for p in PythonTranslator.inspect(cell)))


def parse_value(text: str):
    """A ``-p`` value: papermill's reading (bool, None, int, float, else text), JSON when it
    starts with ``[``, ``{`` or ``"``.

    >>> [parse_value(v) for v in ("True", "None", "12", "0.5", "Western Europe", "1e3")]
    [True, None, 12, 0.5, 'Western Europe', 1000.0]
    >>> parse_value('["BEL", "NLD"]'), parse_value('"2023"'), parse_value('{"a": 1}')
    (['BEL', 'NLD'], '2023', {'a': 1})
    """
    if text in ("True", "False"):
        return text == "True"
    if text == "None":
        return None
    for number in (int, float):
        try:
            return number(text)
        except ValueError:
            pass
    if text[:1] in ("[", "{", '"'):
        # Nesting is counted before parsing: json's parser recurses once per level.
        if _nesting(text) > MAX_NESTING:
            raise ArgumentError(
                f"nested deeper than {MAX_NESTING} levels of [ and {{; give a flatter value"
            )
        try:
            return json.loads(text)
        except ValueError as error:
            raise ArgumentError(f"{_shown(text)}: not valid JSON ({error})") from None
    return text


# A value becomes Python source in the notebook (papermill's translation): CPython's parser
# refuses more than 200 nested brackets, and json's parser recurses once per level.
MAX_NESTING = 100


def _nesting(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside JSON strings (an upper bound for text
    that is not valid JSON, which json then refuses).

    >>> _nesting('[1, {"a": "[[["}]'), _nesting("[" * 5)
    (2, 5)
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _shown(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: repr, cut to ``limit`` characters."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def parameters(notebook: UserNotebook, given: Iterable[tuple[str, str]]) -> dict:
    """The ``-p NAME VALUE`` pairs as parameters, each name checked against the notebook's
    parameters cell (one-line ``ArgumentError``s); a name given twice takes the last value.

    >>> nb = UserNotebook(Path("/work/mine.ipynb"), ("country", "edition", "top"), "mine")
    >>> parameters(nb, [("top", "5")])
    {'top': 5}
    >>> parameters(nb, [("tpo", "5")])
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: -p tpo: mine.ipynb's parameters cell does not set it (it sets: country, edition, top)
    """
    found = {}
    for name, text in given:
        if name == "country":
            raise ArgumentError(
                "-p country: the renderer sets it; choose countries by name, --all, --region "
                "or --continent"
            )
        if name == "edition":
            raise ArgumentError("-p edition: the renderer sets it; use --edition")
        if name not in notebook.parameters:
            raise ArgumentError(
                f"-p {name}: {notebook.path.name}'s parameters cell does not set it "
                f"(it sets: {', '.join(notebook.parameters)})"
            )
        try:
            found[name] = parse_value(text)
        except ArgumentError as error:
            raise ArgumentError(f"-p {name}: {error}") from None
    return found


# ----------------------------------------------------------------------------- the starter

STARTER_PARAMETERS = """\
# Parameters: `ocanalysis render --notebook {name} Belgium` (or --region "West Africa",
# --all) sets country, iso3, country_name and edition for each report; add your own names
# here and set them with -p NAME VALUE. Reports go to
# reports/<edition>/<ISO3>-<slug>.{slug}.html. Code cells are not shown; their outputs are.
country = "Belgium"  # any name, alias or ISO code here; the renderer gives the ISO3 code ("BEL")
iso3 = None  # the renderer gives the ISO3 code ("BEL")
country_name = None  # the renderer gives the name as the data writes it ("Belgium")
edition = None  # edition of the index; None: the latest
top = 10  # how many of the region's countries the ranking lists (-p top 5)"""
# Each section call heads itself (report/outline.py): no markdown heading before one.
STARTER_CELLS = (
    (
        "code",
        "import ocanalysis\n"
        "from ocanalysis import report\n"
        "from ocanalysis.report import sections\n\n"
        "ctx = report.context(country, edition)\n"
        "report.header(ctx)",
    ),
    ("code", "sections.summary(ctx)"),
    ("markdown", "## The region ranked on criminality"),
    (
        "code",
        'ranks = ocanalysis.rank_table(ocanalysis.wide(ctx.edition), "criminality")\n'
        'region = ranks[ranks.region == ctx.profile.region].sort_values("region_rank")\n'
        "report.frame_table(\n"
        "    region.head(top),\n"
        '    {"country": "Country", "score": "Criminality", "region_rank": "Rank"},\n'
        ")",
    ),
    ("code", "sections.quadrant(ctx)"),
    ("code", "report.source_and_citation(ctx.edition)"),
)


def starter(name: str = "my_report.ipynb"):
    """The starter notebook (an nbformat v4 notebook, without outputs) for a file ``name``."""
    import nbformat
    from nbformat import v4

    slug = layout.notebook_slug(Path(name)) or "my-report"
    parameters = STARTER_PARAMETERS.format(name=name, slug=slug)
    cells = [v4.new_code_cell(parameters, metadata={"tags": [PARAMETERS_TAG]})]
    for kind, source in STARTER_CELLS:
        make = v4.new_code_cell if kind == "code" else v4.new_markdown_cell
        cells.append(make(source))
    for number, cell in enumerate(cells, 1):  # stable ids: the same file every time
        cell["id"] = f"cell-{number}"
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def write_starter(path: Path | str, *, force: bool = False) -> Path:
    """Write the starter notebook to ``path`` (a ``.ipynb``); an existing file only with
    ``force``. Returns the path."""
    import nbformat

    from .._atomic import write_atomic

    path = Path(path)
    if path.suffix != ".ipynb":
        raise ArgumentError(f"{path}: a notebook's name ends in .ipynb")
    if path.is_dir():
        raise ArgumentError(f"{path}: a folder; give the notebook's file name")
    if path.exists() and not force:
        raise ArgumentError(f"{path}: already exists; choose another name or pass --force")
    if not layout.notebook_slug(path) or layout.notebook_slug(path) in RESERVED_SLUGS:
        raise ArgumentError(f"{path}: reports cannot be named after this file; choose another")
    return write_atomic(path, nbformat.writes(starter(path.name)))
