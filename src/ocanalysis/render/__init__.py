"""Render reports (countries, the world, continents, regions, comparisons): execute the report notebook on warm kernels, export HTML and PDF.

Modules, one concern each: ``engine`` (the papermill engine keeping kernels warm), ``execute``
(papermill on that engine: the executor of reports and handouts), ``job`` (one report), ``batch``
(the worker pool), ``dask`` (the same batch on a Dask cluster), ``cache`` (skip-if-unchanged),
``layout`` (file names, leftover temporaries), ``exporters`` (formats), ``index`` (the page
linking every report), ``plan`` (from countries and options to jobs), ``user_notebook`` (a
user's own notebook: its checks, ``-p`` values and the starter).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _skip_iri_format_checker() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` in rendering processes.

    nbformat (papermill, nbclient, nbconvert) imports jsonschema, whose format checkers import
    ``rfc3987_syntax`` when installed (JupyterLab's dependencies install it); that module compiles
    some forty Lark grammars at import, about 3 seconds here, before the first report can start
    (python-jsonschema/jsonschema#1428). Notebook schemas use no ``iri`` format, so marking the
    module absent only makes jsonschema skip those two checkers. Done only while jsonschema is
    not yet imported: a process that already paid for it keeps everything as it was.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


_skip_iri_format_checker()

_CHECKOUT = Path(__file__).resolve().parents[3] / "notebooks"
# A checkout (or editable install) uses notebooks/; a wheel carries copies in _notebooks/.
NOTEBOOKS = _CHECKOUT if _CHECKOUT.is_dir() else Path(__file__).resolve().parents[1] / "_notebooks"
COUNTRY_NOTEBOOK = NOTEBOOKS / "country_report.ipynb"
SUMMARY_NOTEBOOK = NOTEBOOKS / "summary_report.ipynb"  # the world, a continent or a region
COMPARISON_NOTEBOOK = NOTEBOOKS / "comparison_report.ipynb"  # 2 to 6 countries
INDICATOR_NOTEBOOK = NOTEBOOKS / "indicator_report.ipynb"  # one indicator across the world
