"""Render country reports: execute the report notebook on warm kernels, export HTML and PDF.

Modules, one concern each: ``engine`` (the papermill engine keeping kernels warm), ``job`` (one
report), ``batch`` (the worker pool), ``dask`` (the same batch on a Dask cluster), ``cache``
(skip-if-unchanged), ``layout`` (file names, atomic writes), ``exporters`` (formats), ``index``
(the page linking every report), ``plan`` (from countries and options to jobs).
"""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[3] / "notebooks"
# A checkout (or editable install) uses notebooks/; a wheel carries copies in _notebooks/.
NOTEBOOKS = _CHECKOUT if _CHECKOUT.is_dir() else Path(__file__).resolve().parents[1] / "_notebooks"
COUNTRY_NOTEBOOK = NOTEBOOKS / "country_report.ipynb"
OVERVIEW_NOTEBOOK = NOTEBOOKS / "global_overview.ipynb"
