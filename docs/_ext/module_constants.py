"""Module constants in the API reference: ``DEFAULT_RUNS``, ``QUADRANTS``, ``LEVELS``.

autodoc documents a module-level name that is not a function or class only when its source
gives it a doc comment (``#:``); our constants have plain comments, and docstrings refer to them
(``:data:`DEFAULT_RUNS```), some of them in ``__all__``. So every UPPER_CASE name assigned at
the top of an ocanalysis module, and every constant its ``__all__`` re-exports, counts as
documented (with its value, no text): the reference lists it and references to it resolve.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer

PACKAGE = "ocanalysis"


def module_constants(source: str) -> list[str]:
    """The UPPER_CASE names a module's source assigns at its top level.

    >>> module_constants("A = 1\\nb = 2\\nC: int = 3\\nif x:\\n    D = 4\\n")
    ['A', 'C']
    """
    names = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
    return names


def exported_constants(module_name: str) -> list[str]:
    """The names in a module's ``__all__`` that are data (not a function, class or module)."""
    module = sys.modules.get(module_name) or importlib.import_module(module_name)
    return [
        name
        for name in getattr(module, "__all__", ())
        if not name.startswith("_")
        and not (
            inspect.isroutine(value := getattr(module, name, None))
            or inspect.isclass(value)
            or inspect.ismodule(value)
        )
    ]


_analyze = ModuleAnalyzer.analyze


def analyze(self: ModuleAnalyzer) -> None:
    first = not self._analyzed
    _analyze(self)
    if first and (self.modname == PACKAGE or self.modname.startswith(PACKAGE + ".")):
        for name in module_constants(self.code) + exported_constants(self.modname):
            self.attr_docs.setdefault(("", name), [""])


def setup(app: Sphinx) -> dict:
    ModuleAnalyzer.analyze = analyze
    return {"parallel_read_safe": True, "parallel_write_safe": True}
