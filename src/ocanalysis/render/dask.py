"""``--dask ADDRESS``: send the batch to a Dask distributed scheduler.

Every Dask worker renders with its own warm kernel per worker thread (``engine``), and writes the
outputs itself: the output folder must be reachable from the workers (a shared file system, or a
cluster on this machine). At the end the workers' warm kernels are stopped.
"""

from __future__ import annotations

from collections.abc import Callable

from .job import Job, Outcome, render

HOST_PORT_PROTOCOLS = ("tcp", "tls", "ws", "wss")
EXAMPLE = "give the scheduler's address, e.g. tcp://host:8786"


def check_address(address: str) -> str:
    """The ``--dask`` address, checked by its form alone (nothing is contacted): a protocol
    Dask knows and, for network protocols, a host and a port; else a one-line ArgumentError.

    >>> check_address("tcp://127.0.0.1:8786")
    'tcp://127.0.0.1:8786'
    >>> check_address("tcp://127.0.0.1:notaport")
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: --dask 'tcp://127.0.0.1:notaport': not a scheduler address (the port is not a number); give the scheduler's address, e.g. tcp://host:8786
    """
    from ..errors import ArgumentError

    if not address.strip():
        raise ArgumentError(f"--dask: the address is empty; {EXAMPLE} (or leave --dask out)")
    try:
        from distributed.comm import parse_address
        from distributed.comm.registry import backends
    except ImportError:
        raise ArgumentError(
            "--dask needs Dask's distributed package: pip install 'dask[distributed]'"
        ) from None
    scheme, location = parse_address(address, strict=False)
    problem = None
    if scheme not in backends:
        problem = f"unknown protocol {scheme!r}; Dask knows {', '.join(sorted(backends))}"
    elif scheme in HOST_PORT_PROTOCOLS:
        host, _, port = location.rpartition(":")
        if not host or not location:
            problem = "no host and port"
        elif not port.isdigit():
            problem = "the port is not a number"
        elif not 0 < int(port) < 65536:
            problem = "the port is not from 1 to 65535"
    if problem:
        raise ArgumentError(f"--dask {address!r}: not a scheduler address ({problem}); {EXAMPLE}")
    return address


def run_on_dask(
    address: str, jobs: list[Job], progress: Callable[[Outcome], None]
) -> list[Outcome]:
    from distributed import Client, as_completed

    from ..errors import InputError
    from .kernel import shutdown_all

    if not jobs:
        return []
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as error:
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
