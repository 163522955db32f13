"""A papermill engine that runs notebook after notebook on this thread's warm kernel.

:class:`WarmEngine` is papermill's own nbclient engine given a kernel that is already running
(``kernel``: started on first use, reset between notebooks; see that module for what a reset
does and what library code must therefore never keep).

The renderer registers the engine with papermill when it runs (:func:`register`), under
:data:`ENGINE_NAME`; nothing is registered by installing the package, so importing papermill
elsewhere never imports ocanalysis.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, papermill_engines

# The kernels' management is kernel's; named here too, where callers and tests have found it.
from .kernel import (  # noqa: F401
    KERNEL_FOLDER_PREFIX,
    PRELOAD_CODE,
    RESET_CODE,
    RESET_TIMEOUT,
    WarmKernel,
    WarmKernelClient,
    WarmKernelError,
    WarmKernelManager,
    _kernel_for_thread,
    _kernels,
    discard_thread_kernel,
    kernel_pids,
    kernel_scope,
    prestart,
    shutdown_all,
    sweep_kernel_folders,
)

ENGINE_NAME = "ocanalysis_warm"


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine, on this thread's warm kernel (see the module's docstring)."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, on_executed=None, **kwargs):
        """papermill's, then ``on_executed(notebook)`` when given: papermill raises for a failed
        cell without returning the notebook, and this is how a caller keeps it (papermill adds
        its error marker cells to that notebook before raising)."""
        executed = super().execute_notebook(nb, kernel_name, **kwargs)
        if on_executed is not None:
            on_executed(executed)
        return executed

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, start_timeout=60, **kwargs):
        kernel = _kernel_for_thread(kernel_name, start_timeout)
        try:
            # nbclient keeps a kernel whose manager it is given, and takes the manager's client.
            return super().execute_managed_notebook(
                nb_man, kernel_name, start_timeout=start_timeout, km=kernel.km, **kwargs
            )
        except BaseException:  # a timeout, a dead kernel, Ctrl-C: the next notebook starts clean
            discard_thread_kernel()
            raise


def register() -> str:
    """Register :class:`WarmEngine` with papermill and return its name, for ``engine_name=``.

    >>> papermill_engines.get_engine(register()) is WarmEngine
    True
    """
    papermill_engines.register(ENGINE_NAME, WarmEngine)
    return ENGINE_NAME
