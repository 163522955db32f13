"""``--dask ADDRESS``: send the batch to a Dask distributed scheduler.

Every Dask worker renders with its own warm kernel per worker thread (``engine``), and writes the
outputs itself: the output folder must be reachable from the workers (a shared file system, or a
cluster on this machine). At the end the workers' warm kernels are stopped.
"""

from __future__ import annotations

from collections.abc import Callable

from .job import Job, Outcome, render


def run_on_dask(
    address: str, jobs: list[Job], progress: Callable[[Outcome], None]
) -> list[Outcome]:
    from distributed import Client, as_completed

    from ..errors import InputError
    from .engine import shutdown_all

    if not jobs:
        return []
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    outcomes = []
    try:
        futures = client.map(
            render, jobs, pure=False, key=[f"render-{j.edition}-{j.stem}" for j in jobs]
        )
        try:
            for future in as_completed(futures):
                outcome = future.result()
                outcomes.append(outcome)
                progress(outcome)
        except BaseException:
            client.cancel(futures)
            raise
        finally:
            try:
                client.run(shutdown_all)
            except Exception:  # workers gone: their kernels went with them
                pass
    finally:
        client.close()
    return outcomes
