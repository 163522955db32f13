"""One report: execute the notebook on the worker's warm kernel (``execute``), keep the executed
notebook, export each format. Runs in a pool worker or on a Dask worker; returns an
:class:`Outcome`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .._atomic import write_atomic
from . import cache, layout


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


def render(job: Job) -> Outcome:
    """Render one report; failures come back as an Outcome (with the partial notebook kept)."""
    from . import exporters
    from .execute import NotebookFailed, execute

    started = time.perf_counter()
    job.folder.mkdir(parents=True, exist_ok=True)
    final_notebook = job.path(layout.NOTEBOOK_SUFFIX)
    try:
        nb = execute(job.notebook, final_notebook, job.parameters)
    except Exception as error:  # the country's failure is reported; the batch goes on
        cache.forget(job.folder, job.stem)
        return Outcome(
            job.iso3,
            job.country,
            "failed",
            time.perf_counter() - started,
            _one_line(error),
            # A failed cell's notebook is written; a kernel that died leaves none.
            notebook=str(final_notebook) if isinstance(error, NotebookFailed) else None,
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
        cache.store(job.folder, job.stem, job.key)
    except Exception as error:
        cache.forget(job.folder, job.stem)
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
