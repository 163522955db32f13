"""Exception types. Each carries a one-line message naming where the problem is and what it is.

The CLI prints ``str(error)`` and exits with status 2; library callers catch :class:`OCAnalysisError`.
"""

from __future__ import annotations

import errno


class OCAnalysisError(Exception):
    """Base class: a problem the user can fix; its message is one line and says what to do."""

    exit_status = 2

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        """The one-line message (whitespace in the text is collapsed).

        >>> InputError("data.csv:\\n  empty file").message
        'data.csv: empty file'
        >>> ValidationError(["row 2: bad score", "row 5: unknown country"]).message
        'row 2: bad score (and 1 more problem)'
        """
        return str(self)


class InputError(OCAnalysisError):
    """A file cannot be read as index data: unreadable, empty, truncated or of the wrong kind."""


class DatasetError(InputError):
    """The dataset the library reads does not match its provenance: edited, truncated, incomplete."""


class ValidationError(OCAnalysisError):
    """Index data was read but breaks a rule; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = [" ".join(p.split()) for p in problems]
        first = self.problems[0] if self.problems else "invalid data"
        extra = len(self.problems) - 1
        more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
        super().__init__(first + more)


class UnknownCountryError(OCAnalysisError, LookupError):
    """A country name or code that the index does not cover."""


class UnknownEditionError(OCAnalysisError, LookupError):
    """An edition the data does not hold."""


class UnknownIndicatorError(OCAnalysisError, LookupError):
    """An indicator or composite id that is not in the catalogue.

    Give the whole message, as to every error here, or only the id that was not found
    (``measure_id=``), which is worded for you with the closest id. The one positional argument
    is the message, so the error is raised, pickled (to and from a worker) and read back alike.

    >>> UnknownIndicatorError(measure_id="cocaine").message
    "unknown indicator 'cocaine'; did you mean 'cocaine_trade'?"
    >>> UnknownIndicatorError("unknown pillar 'x'; expected one of resilience").message
    "unknown pillar 'x'; expected one of resilience"
    """

    def __init__(self, message: str | None = None, *, measure_id: str | None = None):
        if (message is None) == (measure_id is None):
            raise TypeError("UnknownIndicatorError takes either a message or a measure_id")
        self.measure_id = measure_id
        super().__init__(message if message is not None else self._unknown_id(measure_id))

    @staticmethod
    def _unknown_id(measure_id: str) -> str:
        import difflib

        from .catalogue import ALL_MEASURES

        ids = [m.id for m in ALL_MEASURES]
        close = difflib.get_close_matches(str(measure_id), ids, n=1)
        hint = (
            f"; did you mean {close[0]!r}?" if close else "; see ocanalysis.catalogue.ALL_MEASURES"
        )
        return f"unknown indicator {measure_id!r}{hint}"


class ProfileParseError(OCAnalysisError):
    """A text that is not an official country profile, or one cut short."""


class ArgumentError(OCAnalysisError, ValueError):
    """An argument outside its allowed values: an unknown method name, a count below 1, ..."""


class ReportError(OCAnalysisError):
    """A report section cannot state what it must (the analysis lacks a column or a row)."""


class ExportError(OCAnalysisError):
    """Tables cannot be exported as asked: an unknown format, a library it needs is missing, a
    sheet name Excel refuses, several tables for a one-table format."""


class OutputError(OCAnalysisError):
    """A file cannot be written where the user asked: a full disk, a read-only or wrong folder.

    >>> OutputError.from_os_error(OSError(errno.EROFS, "Read-only file system"), "/mnt/cd").message
    '/mnt/cd: Read-only file system; choose a folder you can write to (--out)'
    """

    @classmethod
    def from_os_error(cls, error: OSError, path: object = None) -> OutputError:
        return cls(describe_os_error(error, path))


# What to do about an OSError, by errno; others get _OS_ERROR_HINT.
_OS_ERROR_HINTS = {
    errno.ENOSPC: "free some space or choose another folder",
    errno.EDQUOT: "free some space or choose another folder",
    errno.EROFS: "choose a folder you can write to (--out)",
    errno.EACCES: "choose a folder you can write to (--out)",
    errno.EPERM: "choose a folder you can write to (--out)",
    errno.ENOENT: "check the path",
    errno.ENOTDIR: "check the path: part of it is a file, not a folder",
    errno.EEXIST: "check the path: a file or folder of that name is in the way",
    errno.EISDIR: "check the path: it is a folder, not a file",
}
_OS_ERROR_HINT = "check the path and the disk, then try again"


def describe_os_error(error: OSError, path: object = None) -> str:
    """``PATH: PROBLEM; WHAT TO DO`` for an OSError; ``path`` defaults to the error's file name.

    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device"), "/mnt/usb/data")
    '/mnt/usb/data: No space left on device; free some space or choose another folder'
    >>> describe_os_error(FileNotFoundError(errno.ENOENT, "No such file or directory", "in.csv"))
    'in.csv: No such file or directory; check the path'
    """
    if path is None:
        path = error.filename
    problem = error.strerror or str(error) or type(error).__name__
    hint = _OS_ERROR_HINTS.get(error.errno, _OS_ERROR_HINT)
    return f"{path}: {problem}; {hint}" if path is not None else f"{problem}; {hint}"
