"""Computed results on disk, as data that cannot run code when read: JSON, checked on load.

The cache folder (``$OCANALYSIS_CACHE``) may be shared, or written by someone else: a file there
is never trusted. A result (a frozen dataclass: :class:`~ocanalysis.analysis.audit.AuditResult`,
:class:`~ocanalysis.analysis.sensitivity.SensitivityResult`) is written as JSON, each field by
its declared type (``int``, ``str``, ``tuple[str, ...]``, ``dict[str, float]``,
``pd.DataFrame``), a frame as its columns' names, dtypes and values. :func:`decode` rebuilds it
only when everything is as :func:`encode` writes it: the kind, every field and no other, each
value of its type, each frame with the columns its class declares (``STORED_COLUMNS``), a dtype
from :data:`DTYPES`, values of that dtype and columns of one length. Anything else is a
:class:`StoreError`, and the caller computes the result again.

Floats go through ``repr`` both ways (JSON's), so a result read back is the result written, bit
for bit, and a report from a cached result is the report from a computed one.

>>> import pandas as pd
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Example:
...     edition: int
...     table: pd.DataFrame
>>> data = encode(Example(2023, pd.DataFrame({"iso3": ["BEL"], "rank": [129]})))
>>> decode(data, Example).table.to_dict("records")
[{'iso3': 'BEL', 'rank': 129}]
>>> decode(data.replace(b"129", b"true"), Example)
Traceback (most recent call last):
ocanalysis.analysis._store.StoreError: field 'table': column 'rank' holds a value that is not int64
"""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pandas as pd

FORMAT = "ocanalysis-result-1"
DTYPES = ("int16", "int32", "int64", "float64", "bool", "str", "string", "object")
_INTEGER_RANGE = {
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}


class StoreError(ValueError):
    """A stored result that is not one :func:`encode` wrote for this kind (the message says what)."""


def encode(result) -> bytes:
    """The result as JSON bytes. A field of a type this module does not store, or a frame
    with an index other than 0..n-1, is a programming error (``TypeError``)."""
    fields = {}
    for spec in dataclasses.fields(result):
        value = getattr(result, spec.name)
        kind = _kind(spec)
        if kind == "frame":
            if not value.index.equals(pd.RangeIndex(len(value))):
                raise TypeError(f"{spec.name}: only frames indexed 0..n-1 are stored")
            fields[spec.name] = {
                "columns": [str(c) for c in value.columns],
                "dtypes": [str(t) for t in value.dtypes],
                "values": [value[c].tolist() for c in value.columns],
            }
        elif kind == "tuple":
            fields[spec.name] = list(value)
        else:
            fields[spec.name] = value
    document = {"format": FORMAT, "kind": type(result).__name__, "fields": fields}
    return json.dumps(document, allow_nan=True, separators=(",", ":")).encode("utf-8")


def decode(data: bytes, cls, expected: dict | None = None):
    """The ``cls`` result stored in ``data``, checked (see the module's docstring); fields named
    in ``expected`` must hold those values (the key the file was looked up by). StoreError if
    anything is not as :func:`encode` writes it."""
    document = json_object(data, FORMAT, "a stored result")
    if document.get("kind") != cls.__name__:
        raise StoreError(f"a stored {document.get('kind')!r}, not a {cls.__name__}")
    fields = document.get("fields")
    names = [spec.name for spec in dataclasses.fields(cls)]
    if not isinstance(fields, dict) or sorted(fields) != sorted(names):
        raise StoreError(f"fields are not {', '.join(names)}")
    columns = getattr(cls, "STORED_COLUMNS", {})
    values = {}
    for spec in dataclasses.fields(cls):
        raw = fields[spec.name]
        try:
            values[spec.name] = _field(_kind(spec), raw, columns.get(spec.name))
        except StoreError as error:
            raise StoreError(f"field {spec.name!r}: {error}") from None
    for name, value in (expected or {}).items():
        if values.get(name) != value:
            raise StoreError(f"field {name!r} is {values.get(name)!r}, not {value!r}")
    return cls(**values)


def json_object(data: bytes, format: str | None, what: str, error: type = StoreError) -> dict:
    """``data`` read as a JSON object whose ``format`` is ``format`` (any, if None); ``error``
    (a ValueError) naming ``what`` was expected if it is not.

    >>> json_object(b'{"format": "x"}', "x", "a manifest")
    {'format': 'x'}
    >>> json_object(b"[1]", None, "a manifest")
    Traceback (most recent call last):
    ocanalysis.analysis._store.StoreError: not a manifest (a JSON object expected)
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as failure:
        raise error(f"not JSON ({type(failure).__name__})") from None
    if not isinstance(document, dict):
        raise error(f"not {what} (a JSON object expected)")
    if format is not None and document.get("format") != format:
        raise error(f"not {what} (format {format} expected)")
    return document


_KINDS = {
    "int": "int",
    "str": "str",
    "tuple[str, ...]": "tuple",
    "dict[str, float]": "mapping",
    "pd.DataFrame": "frame",
    "DataFrame": "frame",
}


def _kind(spec: dataclasses.Field) -> str:
    annotation = spec.type if isinstance(spec.type, str) else getattr(spec.type, "__name__", "")
    kind = _KINDS.get(annotation.replace("pandas.", "pd."))
    if kind is None:
        raise TypeError(f"{spec.name}: fields of type {annotation} are not stored")
    return kind


def _field(kind: str, raw, columns: tuple[str, ...] | None):
    if kind == "int":
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise StoreError("not a whole number")
        return raw
    if kind == "str":
        if not isinstance(raw, str):
            raise StoreError("not text")
        return raw
    if kind == "tuple":
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise StoreError("not a list of names")
        return tuple(raw)
    if kind == "mapping":
        if not isinstance(raw, dict) or not all(_is_float(v) for v in raw.values()):
            raise StoreError("not names and numbers")
        return {str(k): float(v) for k, v in raw.items()}
    return _frame(raw, columns)


def _frame(raw, expected_columns: tuple[str, ...] | None) -> pd.DataFrame:
    if not isinstance(raw, dict) or sorted(raw) != ["columns", "dtypes", "values"]:
        raise StoreError("not a stored table")
    names, dtypes, columns = raw["columns"], raw["dtypes"], raw["values"]
    if not (isinstance(names, list) and isinstance(dtypes, list) and isinstance(columns, list)):
        raise StoreError("not a stored table")
    if not len(names) == len(dtypes) == len(columns) or not all(isinstance(n, str) for n in names):
        raise StoreError("columns, dtypes and values do not match")
    if expected_columns is not None and tuple(names) != tuple(expected_columns):
        raise StoreError(f"columns {names} are not {list(expected_columns)}")
    if len(set(names)) != len(names):
        raise StoreError("a column name repeats")
    lengths = {len(c) if isinstance(c, list) else -1 for c in columns}
    if len(lengths) > 1 or -1 in lengths:
        raise StoreError("columns of different lengths")
    built = {}
    for name, dtype, column in zip(names, dtypes, columns, strict=True):
        if dtype not in DTYPES:
            raise StoreError(f"column {name!r}: dtype {dtype!r} is not stored")
        if not all(_of_dtype(value, dtype) for value in column):
            raise StoreError(f"column {name!r} holds a value that is not {dtype}")
        if dtype in ("str", "string"):
            built[name] = pd.Series(column, dtype=dtype)
        else:
            built[name] = pd.Series(np.array(column, dtype=dtype))
    return pd.DataFrame(built, index=pd.RangeIndex(lengths.pop() if lengths else 0))


def _is_float(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float))


def _of_dtype(value, dtype: str) -> bool:
    if dtype in _INTEGER_RANGE:
        low, high = _INTEGER_RANGE[dtype]
        return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high
    if dtype == "float64":
        return _is_float(value) and (not isinstance(value, int) or math.isfinite(value))
    if dtype == "bool":
        return isinstance(value, bool)
    return isinstance(value, str)  # str, string and object columns hold text only
