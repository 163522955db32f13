"""Where reports go: ``DIR/<edition>/<ISO3>-<slug>.{html,pdf,ipynb}``, and sweeping what an
interrupted run left there (files are written by :func:`ocanalysis._atomic.write_atomic`).

>>> from pathlib import Path
>>> report_path(Path("reports"), 2023, "BEL", "html").as_posix()
'reports/2023/BEL-belgium.html'
"""

from __future__ import annotations

from pathlib import Path

from .. import countries
from .._atomic import TEMPORARY_GLOB

NOTEBOOK_SUFFIX = "ipynb"
CACHE_DIR = ".cache"  # per edition folder: one record per report (see cache.py)


def stem(iso3: str) -> str:
    """'BEL' -> 'BEL-belgium'.

    >>> stem("BEL"), stem("CIV")
    ('BEL-belgium', 'CIV-cote-d-ivoire')
    """
    country = countries.lookup(iso3)
    return f"{country.iso3}-{countries.slug(country.name)}"


def edition_dir(out: Path, edition: int) -> Path:
    """The folder of one edition's reports: ``DIR/<edition>``.

    >>> edition_dir(Path("reports"), 2023).as_posix()
    'reports/2023'
    """
    return Path(out) / str(edition)


def report_path(out: Path, edition: int, iso3: str, suffix: str) -> Path:
    """Where one country's report in one format goes.

    >>> report_path(Path("reports"), 2025, "NLD", "pdf").as_posix()
    'reports/2025/NLD-netherlands.pdf'
    """
    return edition_dir(out, edition) / f"{stem(iso3)}.{suffix}"


def remove_temporaries(folder: Path) -> None:
    """Remove the temporary files an interrupted run left in an edition's folder and its cache
    record folder (the names :func:`ocanalysis._atomic.write_atomic` gives them).

    >>> folder = getfixture("tmp_path")
    >>> for name in (".BEL-belgium.html.0f3a9c2e7b1d4a56.tmp", "BEL-belgium.html"):
    ...     _ = (folder / name).write_text("")
    >>> remove_temporaries(folder); [p.name for p in folder.iterdir()]
    ['BEL-belgium.html']
    """
    for place in (Path(folder), Path(folder) / CACHE_DIR):
        if not place.is_dir():
            continue
        for leftover in place.glob(TEMPORARY_GLOB):
            try:
                leftover.unlink()
            except OSError:
                pass
