"""One report: execute the notebook on the worker's warm kernel, keep the executed notebook,
export each format. Runs in a pool worker or on a Dask worker; returns an :class:`Outcome`.
"""

from __future__ import annotations

import copy
import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .._atomic import write_atomic
from . import cache, layout

ENGINE = "ocanalysis_warm"
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds; a cell running longer is stuck
INJECTED_TAG = "injected-parameters"


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to render one report (picklable, paths absolute)."""

    iso3: str
    country: str
    edition: int
    notebook: str
    out: str  # the output root DIR
    formats: tuple[str, ...]
    parameters: dict = field(default_factory=dict)
    profile: str | None = None
    key: str = ""

    @property
    def stem(self) -> str:
        """The report's file name without suffix: ``ISO3-slug``.

        >>> Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("html",)).stem
        'BEL-belgium'
        """
        return layout.stem(self.iso3)

    @property
    def folder(self) -> Path:
        """The edition's folder under the output root.

        >>> Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("html",)).folder.as_posix()
        '/reports/2023'
        """
        return layout.edition_dir(Path(self.out), self.edition)

    def path(self, suffix: str) -> Path:
        """Where the report in one format is written.

        >>> Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("pdf",)).path("pdf").as_posix()
        '/reports/2023/BEL-belgium.pdf'
        """
        return self.folder / f"{self.stem}.{suffix}"

    @property
    def title(self) -> str:
        """The report's document title.

        >>> Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("html",)).title
        'Belgium: Global Organized Crime Index 2023'
        """
        return f"{self.country}: Global Organized Crime Index {self.edition}"


@dataclass(frozen=True)
class Outcome:
    iso3: str
    country: str
    status: str  # "rendered", "skipped" or "failed"
    seconds: float = 0.0
    error: str | None = None
    notebook: str | None = None  # the executed (or partial) notebook
    outputs: tuple[str, ...] = ()


def _one_line(error: BaseException) -> str:
    ename = getattr(error, "ename", None)
    evalue = getattr(error, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(error).__name__}: {error}"
    return " ".join(str(text).split())[:500]


@functools.cache
def _template(path: str, mtime_ns: int):
    from papermill.iorw import load_notebook_node

    return load_notebook_node(path)


def prepare(job: Job):
    """The notebook with the job's parameters injected (papermill's injection, a fixed cell id)."""
    from papermill.parameterize import parameterize_notebook

    nb = copy.deepcopy(_template(job.notebook, os.stat(job.notebook).st_mtime_ns))
    nb = parameterize_notebook(
        nb, job.parameters, kernel_name=KERNEL, language="python", engine_name=ENGINE
    )
    for cell in nb.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_TAG  # papermill draws a random id; reports must not vary
    return nb


def execute(job: Job, partial: Path):
    """Run the notebook with papermill on the warm engine; the result is written to ``partial``
    (with papermill's error marker cells when a cell fails, then the error is raised)."""
    from papermill.engines import papermill_engines
    from papermill.execute import (
        prepare_notebook_metadata,
        raise_for_execution_errors,
        remove_error_markers,
    )
    from papermill.iorw import write_ipynb

    from . import engine

    engine.register()  # papermill looks the engine up by name from the parameters on
    nb = prepare(job)
    nb = prepare_notebook_metadata(nb, job.notebook, str(job.path(layout.NOTEBOOK_SUFFIX)))
    nb = remove_error_markers(nb)
    nb = papermill_engines.execute_notebook_with_engine(
        ENGINE,
        nb,
        input_path=job.notebook,
        output_path=None,
        kernel_name=KERNEL,
        progress_bar=False,
        log_output=False,
        start_timeout=60,
        execution_timeout=CELL_TIMEOUT,
    )
    raise_for_execution_errors(nb, str(partial))
    write_ipynb(nb, str(partial))
    return nb


def render(job: Job) -> Outcome:
    """Render one report; failures come back as an Outcome (with the partial notebook kept)."""
    from . import exporters

    started = time.perf_counter()
    job.folder.mkdir(parents=True, exist_ok=True)
    final_notebook = job.path(layout.NOTEBOOK_SUFFIX)
    # A fixed temporary name (papermill records it in the notebook's metadata; fixed keeps
    # reports identical from run to run); the leading dot and .tmp mark it as not finished.
    partial = layout.temporary_notebook(job.folder, job.stem)
    try:
        nb = execute(job, partial)
    except Exception as error:  # the country's failure is reported; the batch goes on
        cache.forget(job.folder, job.stem)
        kept = None
        if partial.exists():
            os.replace(partial, final_notebook)
            kept = str(final_notebook)
        return Outcome(
            job.iso3,
            job.country,
            "failed",
            time.perf_counter() - started,
            _one_line(error),
            notebook=kept,
        )
    try:
        outputs = []
        html = None
        if "html" in job.formats or "pdf" in job.formats:
            html = exporters.get("html").html(nb, job.title)
        for name in job.formats:
            exporter = exporters.get(name)
            target = job.path(name)
            write_atomic(target, exporter.export(nb, job.title, html=html))
            outputs.append(str(target))
        os.replace(partial, final_notebook)
        cache.store(job.folder, job.stem, job.key)
    except Exception as error:
        cache.forget(job.folder, job.stem)
        if partial.exists():
            os.replace(partial, final_notebook)
        return Outcome(
            job.iso3,
            job.country,
            "failed",
            time.perf_counter() - started,
            f"export failed: {_one_line(error)}",
            notebook=str(final_notebook),
        )
    return Outcome(
        job.iso3,
        job.country,
        "rendered",
        time.perf_counter() - started,
        notebook=str(final_notebook),
        outputs=tuple(outputs),
    )
