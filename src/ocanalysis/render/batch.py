"""Render many reports: a pool of worker processes, each with one warm kernel.

- ``jobs`` workers (default: the number of cores), a tqdm progress bar;
- a failing report is reported with its error and its partial notebook kept, the others finish,
  its previous outputs untouched (``job.render``);
- every file is written to a unique temporary name and renamed (``ocanalysis._atomic``); what a
  killed run left is swept at the start and end of the next (only files whose writer is gone, so
  two runs into one folder leave each other alone; two renders of one report take turns);
- a worker that dies (the OOM killer) fails the report it was rendering, after one retry alone,
  with a one-line reason; the others finish, and nothing waits for it (:func:`run_local`); a
  single report is rendered in this process instead, on a kernel started early (:func:`_run_here`);
- Ctrl-C terminates the workers; each kills its kernel on the way out; a worker whose parent
  is killed outright stops too (:func:`_watch_parent`);
- reports whose inputs and outputs have not changed are skipped (``cache``), unless ``force``;
- an output folder that cannot be written is refused before any work (``OutputError``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import kernel, layout
from .job import Job, Outcome, render


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many outcomes have ``status`` ('rendered', 'skipped' or 'failed').

        >>> done = Outcome("BEL", "Belgium", "rendered")
        >>> Summary([done, Outcome("NLD", "Netherlands", "skipped")]).count("rendered")
        1
        """
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        """The outcomes that failed.

        >>> done = Outcome("BEL", "Belgium", "rendered")
        >>> [o.iso3 for o in Summary([done, Outcome("NLD", "Netherlands", "failed")]).failed]
        ['NLD']
        """
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def exit_status(self) -> int:
        """The CLI's exit status: 1 when any report failed, else 0.

        >>> [Summary([Outcome("BEL", "Belgium", s)]).exit_status for s in ("skipped", "failed")]
        [0, 1]
        """
        return 1 if self.failed else 0

    def text(self) -> str:
        """The closing message: counts per status, then one line per failure.

        >>> failed = Outcome("NLD", "Netherlands", "failed", error="KeyError: 'x'", notebook="a")
        >>> print(Summary([Outcome("BEL", "Belgium", "rendered"), failed]).text())
        rendered 1, skipped 0 (unchanged), failed 1
        failed: Netherlands (NLD): KeyError: 'x'
        >>> region = Outcome("", "Western Europe", "failed", error="NameError: y",
        ...                  kind="region", stem="region-western-europe")
        >>> print(Summary([region]).text().splitlines()[1])
        failed: region Western Europe (region-western-europe): NameError: y

        The partial notebook is named only when it was written (here it was not).
        """
        lines = [
            f"rendered {self.count('rendered')}, skipped {self.count('skipped')} (unchanged), "
            f"failed {self.count('failed')}"
        ]
        for outcome in self.failed:
            partial = outcome.notebook and os.path.exists(outcome.notebook)
            kept = f" (partial notebook: {outcome.notebook})" if partial else ""
            lines.append(f"failed: {outcome.label}: {outcome.error}{kept}")
        return "\n".join(lines)


def split_current(jobs: Iterable[Job], force: bool) -> tuple[list[Job], list[Outcome]]:
    """Jobs to run, and outcomes for those skipped because nothing they depend on changed.

    >>> from ocanalysis._atomic import write_atomic
    >>> from ocanalysis.render import cache
    >>> out = str(getfixture("tmp_path"))
    >>> job = Job("BEL", "Belgium", 2023, "report.ipynb", out, ("html",), key="k1")
    >>> for suffix in ("html", "ipynb"):
    ...     _ = write_atomic(job.path(suffix), "")
    >>> cache.store(job.folder, job.stem, "k1", job.outputs)
    >>> [[len(part) for part in split_current([job], force)] for force in (False, True)]
    [[0, 1], [1, 0]]
    """
    to_run, skipped = [], []
    for job in jobs:
        if not force and job.current():
            skipped.append(job.outcome("skipped", outputs=tuple(map(str, job.outputs))))
        else:
            to_run.append(dataclasses.replace(job, force=force))
    return to_run, skipped


def check_writable(folders: Iterable[Path]) -> None:
    """Refuse, before any work, an output folder that cannot be written, or whose record folder
    (``.cache``) cannot (``OutputError``).

    >>> check_writable([getfixture("tmp_path") / "2023"])  # created if need be
    >>> check_writable([Path("/proc/2023")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.OutputError: /proc/2023: cannot write reports here (...); choose ...
    """
    from .._atomic import probe_writable
    from ..errors import OutputError

    for folder in folders:
        # Both folders a render writes: the reports, and their records in .cache (each may be a
        # mount or a permission of its own).
        try:
            for place in (Path(folder) / layout.CACHE_DIR, Path(folder)):
                probe_writable(place)
        except OSError as error:
            raise OutputError(
                f"{folder}: cannot write reports here ({error.strerror or error}); "
                "choose another folder with --out, or free some space"
            ) from None


# ----------------------------------------------------------------------------- worker side


def _worker_exit(signum, frame):  # SIGTERM from _stop or a broken pool: no kernel may outlive us
    # Hard: the signal may arrive while this worker runs a notebook's event loop. No import
    # here: a forked worker may inherit the import lock held by another thread of its parent.
    kernel.shutdown_all(hard=True)
    os._exit(128 + signum)


PARENT_POLL = 0.5  # seconds between a worker's looks at its parent


def _watch_parent(parent: int) -> None:
    # A parent killed outright (kill -9, the OOM killer) cannot terminate its pool: without
    # this, the workers would finish their report and wait for work forever, kernels and all.
    while True:
        time.sleep(PARENT_POLL)
        if os.getppid() != parent:
            kernel.shutdown_all(hard=True)
            os._exit(1)


def _worker_init(editions: tuple[int, ...] = (), template: str | None = None) -> None:
    from multiprocessing.util import Finalize

    from .kernel import shutdown_all

    # Ctrl-C reaches the whole process group; the parent decides, and terminates us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_exit)
    # Pool workers leave without atexit: a finalizer (run as the process ends) stops the kernel.
    Finalize(None, shutdown_all, exitpriority=10)
    threading.Thread(
        target=_watch_parent, args=(os.getppid(),), name="watch-parent", daemon=True
    ).start()
    # The kernel is forked from the batch's template, warm; or, without one, boots and loads the
    # report modules and data while this worker gets its first report ready.
    kernel.prestart(editions, template=template)


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork: workers inherit the imported modules (papermill, nbconvert, WeasyPrint) for free.
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _preload(formats: tuple[str, ...]) -> None:
    import papermill  # noqa: F401

    from . import (
        engine,  # noqa: F401
        exporters,
    )

    for name in formats:
        exporters.get(name)
    exporters.get("html")


# ----------------------------------------------------------------------------- parent side


def run_local(
    jobs: list[Job],
    workers: int,
    progress: Callable[[Outcome], None],
    template=None,
) -> list[Outcome]:
    """Render ``jobs`` on ``workers`` processes, calling ``progress`` as each finishes.

    The workers' kernels are forks of one kernel template (``kernel_template``): ``template``,
    a running one the caller started (and stops), or one started here, booted while this
    process imports papermill and the exporters. A worker that dies (the OOM killer, a
    library's ``os._exit``) breaks its pool: the reports
    it was rendering are suspects, each run again alone in a new pool; one whose worker dies
    again fails, with a one-line reason, and the others go on (see :func:`_run_pool`).

    >>> run_local([], workers=2, progress=print)  # nothing to do: no worker is started
    []
    """
    if not jobs:
        return []
    if len(jobs) == 1:
        return [_run_here(jobs[0], progress, template)]
    from .kernel_template import Template

    editions = tuple(sorted({job.edition for job in jobs}))
    # The kernels' template boots and warms up while this process imports papermill and the
    # exporters; each worker's kernel is then a fork of it (see kernel_template).
    started_here = template is None
    if started_here:
        template = Template.start(editions, jobs[0].parameters.get("lang"))
    workers = max(1, min(workers, len(jobs)))
    outcomes: list[Outcome] = []
    queue = list(enumerate(jobs))
    deaths: dict[int, int] = {}  # position in jobs -> pools broken while it was rendering
    pools = 0
    try:
        _preload(jobs[0].formats)
        initargs = (editions, template.socket_path if template is not None else None)
        while queue:
            pools += 1
            # Each broken pool costs a report a death (at most MAX_DEATHS each), unless it broke
            # with none running: bound those too, never start pools forever.
            if pools > MAX_DEATHS * len(jobs) + MAX_DEATHS + 1:
                for _position, job in queue:
                    outcomes.append(_died(job, "its worker process could not be started"))
                    progress(outcomes[-1])
                break
            queue = _run_pool(queue, workers, deaths, outcomes, progress, initargs)
    finally:
        if started_here and template is not None:
            template.stop()
        for folder in {job.folder for job in jobs}:  # what terminated workers were writing
            layout.remove_temporaries(folder)
    return outcomes


def _run_here(job: Job, progress: Callable[[Outcome], None], template=None) -> Outcome:
    """One report, rendered in this process, with no pool to start. Its kernel is forked from
    ``template`` (a running ``kernel_template.Template``) once this process has imported
    papermill and the exporters (nbconvert, and matplotlib to measure the footer), the template
    having warmed up meanwhile; or, without one, starts first and loads the report's modules and
    data (``kernel.prestart``) while this process imports. The kernel is stopped after the
    report, however it ends."""
    with kernel.kernel_scope():
        if template is None:
            kernel.prestart([job.edition])
            _preload(job.formats)
        else:  # asking the template waits for its warm-up: import first
            _preload(job.formats)
            kernel.prestart([job.edition], template=template.socket_path)
        outcome = render(job)
    progress(outcome)
    return outcome


MAX_DEATHS = 2  # a report whose worker died this often fails (the first is retried, alone)


def _died(job: Job, reason: str) -> Outcome:
    return job.outcome("failed", error=reason)


def _run_pool(queue, workers, deaths, outcomes, progress, initargs=()) -> list:
    """Render the queue, ``(position, job)`` pairs, on one pool until it is done or broken; the
    pairs still to render.

    At most ``workers`` reports are submitted at a time, so those in flight are those running:
    when a worker dies, they are the suspects. A suspect runs alone (nothing else is submitted
    while it runs), so a pool that breaks again names the report that kills its worker.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_worker_init, initargs=initargs
    )
    running: dict = {}  # future -> (position, job)
    finished = False
    try:
        while queue or running:
            suspect_running = any(deaths.get(p) for p, _ in running.values())
            while queue and len(running) < workers and not suspect_running:
                position, job = queue[0]
                if deaths.get(position) and running:
                    break  # a suspect waits until it can run alone
                queue.pop(0)
                running[executor.submit(render, job)] = (position, job)
                suspect_running = bool(deaths.get(position))
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                position, job = running.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken = True
                    running[future] = (position, job)  # a suspect, with the others in flight
                    continue
                except Exception as error:  # the job or its outcome could not cross processes
                    outcome = job.outcome("failed", error=f"{type(error).__name__}: {error}")
                outcomes.append(outcome)
                progress(outcome)
            if broken:
                return _suspects(running.values(), queue, deaths, outcomes, progress)
        executor.shutdown(wait=True)
        finished = True
        return []
    except BrokenProcessPool:  # broken while submitting: nothing of ours was running
        return _suspects(running.values(), queue, deaths, outcomes, progress)
    finally:
        if not finished:  # broken, Ctrl-C, or an error here: no worker may outlive the pool
            _stop(executor)


def _suspects(in_flight, queue, deaths, outcomes, progress) -> list:
    """After a pool broke: the reports that were running fail when this is their second death,
    else go first in the queue, to run alone; the queue to render next."""
    retried = []
    for position, job in sorted(in_flight, key=lambda pair: pair[0]):
        deaths[position] = deaths.get(position, 0) + 1
        if deaths[position] >= MAX_DEATHS:
            outcome = _died(
                job,
                "its worker process died while rendering it, twice (killed: out of memory?); "
                "the other reports went on",
            )
            outcomes.append(outcome)
            progress(outcome)
        else:
            retried.append((position, job))
    return retried + list(queue)


STOP_GRACE = 5.0  # seconds


def _stop(executor) -> None:
    """Stop the pool's workers now (they kill their kernels on SIGTERM), SIGKILL those that do
    not stop within :data:`STOP_GRACE`, then let the executor go without waiting for work."""
    processes = [p for p in (getattr(executor, "_processes", None) or {}).values()]
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        process.join(STOP_GRACE)
        if process.exitcode is None:
            with contextlib.suppress(Exception):
                process.kill()
            process.join(STOP_GRACE)
    executor.shutdown(wait=False, cancel_futures=True)


def run(
    jobs: list[Job],
    *,
    workers: int | None = None,
    force: bool = False,
    dask_address: str | None = None,
    show_progress: bool | None = None,
    template=None,
) -> Summary:
    """Render the jobs (skipping unchanged ones) and return the summary. ``template``, a
    ``kernel_template.Template`` the caller started early and stops, forks the kernels.

    >>> from ocanalysis._atomic import write_atomic
    >>> from ocanalysis.render import cache
    >>> out = str(getfixture("tmp_path"))
    >>> job = Job("BEL", "Belgium", 2023, "report.ipynb", out, ("html",), key="k1")
    >>> for suffix in ("html", "ipynb"):
    ...     _ = write_atomic(job.path(suffix), "")
    >>> cache.store(job.folder, job.stem, "k1", job.outputs)  # inputs unchanged: no kernel
    >>> print(run([job], show_progress=False).text())
    rendered 0, skipped 1 (unchanged), failed 0
    """
    from tqdm import tqdm

    if dask_address is not None:
        from .dask import check_address

        check_address(dask_address)
    folders = sorted({job.folder for job in jobs})
    for folder in folders:
        layout.remove_temporaries(folder)
    kernel.sweep_kernel_folders()  # of renders killed outright, before this one starts any
    to_run, skipped = split_current(jobs, force)
    # Only a folder with work to do must be writable: an up-to-date one may be read-only.
    check_writable(sorted({job.folder for job in to_run}))
    summary = Summary(list(skipped))
    bar = tqdm(
        total=len(jobs),
        initial=len(skipped),
        unit="report",
        desc="render",
        file=sys.stderr,
        disable=(not show_progress) if show_progress is not None else None,
    )

    def progress(outcome: Outcome) -> None:
        bar.update(1)
        if outcome.status == "failed":
            bar.write(f"failed: {outcome.label}: {outcome.error}", file=sys.stderr)

    try:
        if dask_address is not None:  # '' too: refused, never quietly rendered here
            from .dask import run_on_dask

            summary.outcomes += run_on_dask(dask_address, to_run, progress)
        else:
            workers = workers or os.cpu_count() or 1
            summary.outcomes += run_local(to_run, workers, progress, template)
    finally:
        bar.close()
    return summary
