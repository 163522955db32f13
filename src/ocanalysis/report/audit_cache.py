"""The rank-robustness audit, computed once per edition, runs and seed, and reused.

A Monte Carlo audit takes seconds; a report only reads it. The result is kept in memory (a warm
kernel reuses it for every report it renders) and on disk beside nothing else: in
``$OCANALYSIS_CACHE`` or ``~/.cache/ocanalysis``, keyed on the dataset's hash and the package
version, so other workers and later runs read it instead of recomputing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

from .. import __version__
from .._atomic import write_atomic
from ..dataset import DATA_FILE, data_dir

AUDIT_RUNS = 200
AUDIT_SEED = 2023


def cache_dir() -> Path:
    """Where computed audits are kept: $OCANALYSIS_CACHE, else ~/.cache/ocanalysis.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", "/srv/cache")
    >>> str(cache_dir())
    '/srv/cache'
    """
    env = os.environ.get("OCANALYSIS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "ocanalysis"


def _dataset_digest() -> str:
    return hashlib.sha256((data_dir() / DATA_FILE).read_bytes()).hexdigest()[:16]


@functools.cache
def audit(edition: int, runs: int = AUDIT_RUNS, seed: int = AUDIT_SEED):
    """``analysis.audit.run(edition, runs, seed)``, from memory or disk when computed before.

    >>> getfixture("monkeypatch").setenv("OCANALYSIS_CACHE", str(getfixture("tmp_path")))
    >>> first = audit(2023, runs=20, seed=7)
    >>> audit(2023, runs=20, seed=7) is first, len(list(cache_dir().glob("audit-2023-20-7-*")))
    (True, 1)
    """
    from ..analysis import audit as audit_module

    name = f"audit-{edition}-{runs}-{seed}-{_dataset_digest()}-{__version__}.pickle"
    path = cache_dir() / name
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    result = audit_module.run(edition, runs=runs, seed=seed)
    try:
        write_atomic(path, pickle.dumps(result))
    except OSError:  # a read-only home: the audit is still returned, just not kept
        pass
    return result
