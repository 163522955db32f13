"""A package's names imported on first use (PEP 562), so importing the package costs nothing.

``ocanalysis`` and ``ocanalysis.analysis`` export names of modules that import pandas and
numpy (half a second). Every ``ocanalysis`` command imports the package, and a renderer starts
its kernel template before anything else: it must not wait for pandas first. Such a package
declares which of its names come from which submodule; :func:`exports` gives it the module-level
``__getattr__`` and ``__dir__`` that import a name's submodule when the name is first read, and
any submodule when it is read as an attribute (``ocanalysis.dataset``), as eager imports would
have made them available.

>>> getter, lister = exports("ocanalysis", {"wide": "dataset"}, globals())
>>> getter("wide").__module__, getter("countries").__name__
('ocanalysis.dataset', 'ocanalysis.countries')
>>> getter("nonsense")
Traceback (most recent call last):
AttributeError: module 'ocanalysis' has no attribute 'nonsense'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from importlib import util


def exports(
    package: str, names: Mapping[str, str], namespace: dict
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``names`` (name -> submodule)
    are imported on first use into ``namespace`` (the package's globals)."""

    def __getattr__(name: str):
        if name in names:
            value = getattr(importlib.import_module(f"{package}.{names[name]}"), name)
            namespace[name] = value  # read once: later reads find it without this call
            return value
        if not name.startswith("_") and util.find_spec(f"{package}.{name}") is not None:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
