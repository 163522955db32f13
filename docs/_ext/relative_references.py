"""Docstrings name things as the code around them does: ``:func:`change.between``` inside
``ocanalysis.analysis``, ``:class:`InputError``` anywhere. Sphinx resolves a name only from the
current module or in full, so a reference it cannot find is resolved here by its last dotted
parts: the one documented object whose full name ends with them (a name documented in two places,
as ``ocanalysis.InputError`` and ``ocanalysis.errors.InputError``, is one object: the shorter
name is taken). Anything else stays unresolved, and ``nitpicky`` makes that an error.
"""

from __future__ import annotations

import importlib

from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode


def _python_object(full_name: str):
    """The Python object a documented full name stands for (None when it cannot be imported)."""
    module_name, _, attribute = full_name.rpartition(".")
    while module_name:
        try:
            value = importlib.import_module(module_name)
        except ImportError:
            module_name, _, head = module_name.rpartition(".")
            attribute = f"{head}.{attribute}"
            continue
        for part in attribute.split("."):
            value = getattr(value, part, None)
        return value
    return None


def resolve_by_suffix(app: Sphinx, env, node, contnode):
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip(".~")
    domain = env.get_domain("py")
    found = {
        name: entry
        for name, entry in domain.objects.items()
        if (name == target or name.endswith("." + target)) and not entry.aliased
    }
    if not found:
        return None
    if len(found) > 1:
        objects = {id(_python_object(name)) for name in found}
        if len(objects) != 1:
            return None  # two different things: leave it to nitpicky
    name = min(found, key=len)
    entry = found[name]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name)


def setup(app: Sphinx) -> dict:
    app.connect("missing-reference", resolve_by_suffix)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
