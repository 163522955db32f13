"""One report: execute the notebook on the worker's warm kernel (``execute``), export each format,
keep the executed notebook. Runs in a pool worker or on a Dask worker; returns an
:class:`Outcome`.

A report's files change together or not at all, as far as a rerun can tell. Everything is made
in memory first; a notebook or export that fails leaves the previous outputs as they were (a
failed notebook is kept as ``<stem>.failed.ipynb``). Then, holding the report's lock, the record
writes every output whole under a unique temporary (a full disk stops here, the old files and
their record untouched), drops the record, renames them all, and writes the record (with each
output's digest) last: a kill at any instant leaves a report the next run sees is not current.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from .._atomic import write_atomic, write_files_atomic
from . import cache, kinds, layout

KINDS = tuple(kinds.REGISTRY)
"""The kinds of report (:mod:`.kinds`): one country's, the world's, a continent's, a region's, a
comparison's, one indicator's, and one country's rendered with a user's notebook (``render
--notebook``)."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to render one report (picklable, paths absolute).

    ``iso3`` is the country's code for a country report and ``""`` for the other kinds; ``name``
    is what the report is about, as a reader says it ('Belgium', 'World', 'Western Europe',
    'Belgium, Netherlands'); ``stem`` is the file name without suffix, given by the plan
    (``layout``), and for a country it defaults to ``layout.stem(iso3)``.
    """

    iso3: str
    name: str
    edition: int
    notebook: str
    out: str  # the output root DIR
    formats: tuple[str, ...]
    parameters: dict = field(default_factory=dict)
    profile: str | None = None
    key: str = ""
    force: bool = False  # render even when the outputs are current
    kind: str = "country"  # one of KINDS
    stem: str = ""  # the report's file name without suffix
    cwd: str | None = None  # where the kernel runs the notebook (None: this process's folder)
    owner: str | None = None  # a user notebook's path as given: whose reports these are

    def __post_init__(self) -> None:
        kinds.get(self.kind)  # ValueError naming the kinds
        if not self.stem:
            if self.kind != "country":
                raise ValueError(f"a {self.kind} report needs its stem")
            object.__setattr__(self, "stem", layout.stem(self.iso3))

    @property
    def country(self) -> str:
        """The name (the attribute's old name, from when every report was a country's)."""
        return self.name

    @property
    def label(self) -> str:
        """How messages name the report: the country and its code, or the kind, name and stem.

        >>> Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("html",)).label
        'Belgium (BEL)'
        >>> Job("", "Western Europe", 2023, "summary.ipynb", "/reports", ("html",),
        ...     kind="region", stem="region-western-europe").label
        'region Western Europe (region-western-europe)'
        """
        return label(self.kind, self.name, self.iso3, self.stem)

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
        >>> Job("", "World", 2023, "summary.ipynb", "/reports", ("pdf",),
        ...     kind="world", stem="world").path("pdf").as_posix()
        '/reports/2023/world.pdf'
        """
        return self.folder / f"{self.stem}.{suffix}"

    @property
    def outputs(self) -> list[Path]:
        """Every file a render writes: each format, then the executed notebook.

        >>> job = Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("html", "pdf"))
        >>> [p.name for p in job.outputs]
        ['BEL-belgium.html', 'BEL-belgium.pdf', 'BEL-belgium.ipynb']
        """
        return [self.path(name) for name in self.formats] + [self.path(layout.NOTEBOOK_SUFFIX)]

    @property
    def failed_notebook(self) -> Path:
        """Where the notebook of a failed render is kept, beside the last good one.

        >>> Job("BEL", "Belgium", 2023, "nb.ipynb", "/reports", ("html",)).failed_notebook.name
        'BEL-belgium.failed.ipynb'
        """
        return self.path(f"failed.{layout.NOTEBOOK_SUFFIX}")

    def current(self) -> bool:
        """Whether the outputs on disk are the ones rendered from this job's inputs."""
        return cache.is_current(self.folder, self.stem, self.key, self.outputs)

    @property
    def title(self) -> str:
        """The report's document title.

        >>> Job("BEL", "Belgium", 2023, "report.ipynb", "/reports", ("html",)).title
        'Belgium: Global Organized Crime Index 2023'
        >>> Job("", "World", 2023, "summary.ipynb", "/reports", ("html",),
        ...     kind="world", stem="world").title
        'World: Global Organized Crime Index 2023'
        """
        from .. import i18n

        with i18n.use(self.parameters.get("lang")):
            return i18n._("{name}: Global Organized Crime Index {edition}").format(
                name=self.display_name, edition=self.edition
            )

    @property
    def display_name(self) -> str:
        """What the report is about, in its language ('Belgique', 'Afrique de l'Ouest').

        >>> Job("", "Western Europe", 2023, "s.ipynb", "/r", ("html",), kind="region",
        ...     stem="region-western-europe", parameters={"lang": "es"}).display_name
        'Europa Occidental'
        >>> Job("", "Congo, Dem. Rep., Korea, Rep.", 2023, "c.ipynb", "/r", ("html",),
        ...     kind="compare", stem="compare-COD-KOR",
        ...     parameters={"countries": ["COD", "KOR"]}).display_name
        'Congo, Dem. Rep., Korea, Rep.'
        """
        from .. import i18n

        codes = self.parameters.get("countries") or ((self.iso3,) if self.iso3 else ())
        with i18n.use(self.parameters.get("lang")):
            return i18n.subject(self.kind, self.name, codes)

    def outcome(self, status: str, **fields) -> Outcome:
        """An :class:`Outcome` of this job."""
        return Outcome(self.iso3, self.name, status, kind=self.kind, stem=self.stem, **fields)


def label(kind: str, name: str, iso3: str, stem: str) -> str:
    """A report as messages name it.

    >>> label("country", "Belgium", "BEL", "BEL-belgium")
    'Belgium (BEL)'
    >>> label("compare", "Belgium, Netherlands", "", "compare-BEL-NLD")
    'comparison Belgium, Netherlands (compare-BEL-NLD)'
    >>> label("world", "World", "", "world")
    'World (world)'
    >>> label("notebook", "Belgium", "BEL", "BEL-belgium.mine")
    'Belgium (BEL-belgium.mine)'
    """
    if kind == "notebook":
        return f"{name} ({stem})"
    if kind == "country":
        return f"{name} ({iso3})"
    what = {"world": "", "compare": "comparison "}.get(kind, f"{kind} ")
    return f"{what}{name} ({stem})"


@dataclass(frozen=True)
class Outcome:
    iso3: str  # "" for a report that is not one country's
    name: str
    status: str  # "rendered", "skipped" or "failed"
    seconds: float = 0.0
    error: str | None = None
    notebook: str | None = None  # the executed (or partial) notebook
    outputs: tuple[str, ...] = ()
    kind: str = "country"
    stem: str = ""

    @property
    def country(self) -> str:
        """The name (the attribute's old name, from when every report was a country's)."""
        return self.name

    @property
    def label(self) -> str:
        """How messages name the report (:func:`label`).

        >>> Outcome("", "Western Europe", "failed", kind="region", stem="region-western-europe").label
        'region Western Europe (region-western-europe)'
        """
        return label(self.kind, self.name, self.iso3, self.stem)


def _one_line(error: BaseException) -> str:
    summary = getattr(error, "summary", None)  # a notebook's failure: its cell and its error
    if summary:
        return " ".join(str(summary).split())[:500]
    ename = getattr(error, "ename", None)
    evalue = getattr(error, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}"
    elif isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        text = f"{where}{error.strerror}"
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(str(text).split())[:500]


def render(job: Job) -> Outcome:
    """Render one report; failures come back as an Outcome, the previous outputs untouched."""
    started = time.perf_counter()

    def outcome(status: str, error: str | None = None, notebook: Path | None = None, outputs=()):
        seconds = time.perf_counter() - started
        kept = str(notebook) if notebook is not None else None
        return job.outcome(
            status, seconds=seconds, error=error, notebook=kept, outputs=tuple(outputs)
        )

    try:
        job.folder.mkdir(parents=True, exist_ok=True)
        with cache.locked(job.folder, job.stem):
            # Another run may have rendered this report while we waited for the lock.
            if not job.force and job.current():
                return outcome("skipped", outputs=map(str, job.outputs))
            # Another run may have rendered another notebook of the same report name meanwhile.
            owner = cache.recorded_notebook(job.folder, job.stem)
            if job.owner is not None and owner not in (None, job.owner):
                return outcome("failed", f"{owner} wrote these reports; rename {job.owner}")
            return _render_locked(job, outcome)
    except OSError as error:  # the folder, the lock or a write: no space, read-only, permission
        return outcome("failed", _one_line(error))
    except Exception as error:  # any other: this report fails, the batch goes on
        return outcome("failed", _one_line(error))


def _render_locked(job: Job, outcome) -> Outcome:
    import nbformat

    from . import exporters
    from .execute import NotebookFailed, execute

    final_notebook = job.path(layout.NOTEBOOK_SUFFIX)
    try:
        nb = execute(job.notebook, None, job.parameters, cwd=job.cwd)
    except NotebookFailed as error:  # the report's failure is reported; the batch goes on
        kept = _keep_failed(job, error.notebook)
        return outcome("failed", _one_line(error), kept)
    except Exception as error:  # the kernel died, or papermill could not start: no notebook
        return outcome("failed", _one_line(error))
    nb.metadata.papermill["output_path"] = str(final_notebook)
    # The exporters write <html lang> and the PDF's language from here.
    nb.metadata["ocanalysis"] = {"lang": job.parameters.get("lang") or "en"}
    try:
        files = {}
        html = None
        if "html" in job.formats or "pdf" in job.formats:
            html = exporters.get("html").html(nb, job.title)
        for name in job.formats:
            files[job.path(name)] = exporters.get(name).export(nb, job.title, html=html)
    except Exception as error:
        kept = _keep_failed(job, nb)
        return outcome("failed", f"export failed: {_one_line(error)}", kept)
    files[final_notebook] = nbformat.writes(nb)
    # All whole on disk before any is renamed (a full disk replaces none of the old files and
    # keeps their record); the record is dropped before the first rename, written after the last.
    write_files_atomic(files, before_rename=lambda: cache.forget(job.folder, job.stem))
    cache.store(job.folder, job.stem, job.key, list(files), notebook=job.owner)
    with contextlib.suppress(FileNotFoundError):
        job.failed_notebook.unlink()  # an earlier failure's notebook, no longer the news
    return outcome(
        "rendered", notebook=final_notebook, outputs=[str(p) for p in files if p != final_notebook]
    )


def _keep_failed(job: Job, nb) -> Path | None:
    """Write the notebook of a failed render beside the good one; None when there is none."""
    import nbformat

    if nb is None:
        return None
    nb.metadata.setdefault("papermill", {})["output_path"] = str(job.failed_notebook)
    try:
        return write_atomic(job.failed_notebook, nbformat.writes(nb))
    except OSError:
        return None
