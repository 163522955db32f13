"""Sphinx configuration of the ocanalysis site (``make docs``: docs/_build/html).

Built offline: no intersphinx, no theme asset from a CDN (furo ships its own), notebooks
executed here by the package's executor (``_ext/executed_notebooks.py``), the command-line
reference from the argparse parsers (``_ext/cli_reference.py``), the API reference from the
docstrings.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

import ocanalysis  # noqa: E402  (after the path to the local extensions)

project = "ocanalysis"
author = "ocanalysis developers"
copyright = "ocanalysis developers"  # noqa: A001  (Sphinx's name)
release = version = ocanalysis.__version__
language = "en"
smartquotes = False  # "--serve" stays two hyphens, quotes stay as typed

extensions = [
    "myst_nb",  # MyST markdown and notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "cli_reference",
    "relative_references",
    "module_constants",
    "accessible_html",
    "executed_notebooks",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "_ext", "**/.ipynb_checkpoints"]
root_doc = "index"

# Notebooks are executed by _ext/executed_notebooks.py, never by myst-nb.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3  # `page.md#a-heading` links work, and are checked

nitpicky = True
# Names from libraries the site does not document: with no intersphinx (nothing is fetched),
# a reference to them cannot resolve; they are shown as written.
nitpick_ignore_regex = [
    (r"py:.*", r"(pd|pandas|np|numpy|matplotlib|mpl|IPython|ipywidgets|nbformat|papermill)\..*"),
    (r"py:.*", r"(collections\.abc|typing|pathlib|datetime|os|io|argparse|dataclasses)\..*"),
    (r"py:.*", r"(fractions|gettext|functools|enum)\..*"),
    # Private helpers a public signature or docstring mentions: shown, not documented.
    (r"py:.*", r"ocanalysis(\.\w+)*\._\w+.*"),
]
# Constants of the private modules behind ocanalysis.figures, named in its functions' docstrings.
nitpick_ignore = [("py:data", "MAX_GROUP_LABELS"), ("py:data", "MAX_COLUMNS")]

# Every public name, documented or not: module constants that docstrings refer to included.
autodoc_default_options = {"members": True, "undoc-members": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True
autosummary_generate = False

html_theme = "furo"
html_title = f"ocanalysis {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
html_show_sphinx = False  # the footer links nowhere outside the site
html_copy_source = False
html_last_updated_fmt = None
pygments_style = "a11y-light"  # accessible-pygments (a furo dependency): AA contrast
pygments_dark_style = "a11y-dark"
