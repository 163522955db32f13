"""Where reports go, and sweeping what an interrupted run left there (files are written by
:func:`ocanalysis._atomic.write_atomic`). Every report of an edition is
``DIR/<edition>/<stem>.{html,pdf,ipynb}``; the stem names the report:

- a country: ``<ISO3>-<slug>`` (:func:`stem`);
- the world: ``world`` (:func:`world_stem`);
- a continent: ``continent-<slug>`` (:func:`continent_stem`);
- a region: ``region-<slug>`` (:func:`region_stem`);
- a comparison of countries: ``compare-<ISO3>-<ISO3>[-...]``, in the order given
  (:func:`compare_stem`);
- an indicator or composite: ``indicator-<id>`` (:func:`indicator_stem`);
- a country rendered with a user's notebook: ``<ISO3>-<slug>.<notebook>`` (:func:`notebook_stem`),
  beside the country's own report, never over it.

>>> from pathlib import Path
>>> report_path(Path("reports"), 2023, "BEL", "html").as_posix()
'reports/2023/BEL-belgium.html'
"""

from __future__ import annotations

from pathlib import Path

from .. import countries
from .._atomic import sweep_temporaries

# A kernel's folder in the temporary folder: ocanalysis-kernel-<pid of its renderer>-<random>
# (its connection file and sockets; a batch's kernel template's socket). Swept by kernel.py.
KERNEL_FOLDER_PREFIX = "ocanalysis-kernel-"

NOTEBOOK_SUFFIX = "ipynb"
CACHE_DIR = ".cache"  # per edition folder: one record per report (see cache.py)


def stem(iso3: str) -> str:
    """'BEL' -> 'BEL-belgium'.

    >>> stem("BEL"), stem("CIV")
    ('BEL-belgium', 'CIV-cote-d-ivoire')
    """
    country = countries.lookup(iso3)
    return f"{country.iso3}-{countries.slug(country.name)}"


WORLD_STEM = "world"
CONTINENT_PREFIX = "continent-"
REGION_PREFIX = "region-"
COMPARE_PREFIX = "compare-"
INDICATOR_PREFIX = "indicator-"


def world_stem() -> str:
    """The world report's stem.

    >>> world_stem()
    'world'
    """
    return WORLD_STEM


def continent_stem(continent: str) -> str:
    """'Europe' -> 'continent-europe'.

    >>> continent_stem("Americas")
    'continent-americas'
    """
    return CONTINENT_PREFIX + countries.slug(continent)


def region_stem(region: str) -> str:
    """'Western Europe' -> 'region-western-europe'.

    >>> region_stem("Western Europe"), region_stem("Central & Eastern Europe")
    ('region-western-europe', 'region-central-and-eastern-europe')
    """
    return REGION_PREFIX + countries.slug(region)


def compare_stem(iso3s: list[str] | tuple[str, ...]) -> str:
    """A comparison's stem: its countries' ISO3 codes in the order given.

    >>> compare_stem(["nld", "BEL"])
    'compare-NLD-BEL'
    """
    return COMPARE_PREFIX + "-".join(countries.lookup(code).iso3 for code in iso3s)


def indicator_stem(measure: str) -> str:
    """An indicator's or composite's report stem, from its id.

    >>> indicator_stem("law_enforcement")
    'indicator-law-enforcement'
    """
    from .. import catalogue

    return INDICATOR_PREFIX + catalogue.get(measure).id.replace("_", "-")


def in_language(stem: str, lang: str) -> str:
    """A report's stem in a language: English as it is, another with its code appended.

    >>> in_language("BEL-belgium", "en"), in_language("world", "pt")
    ('BEL-belgium', 'world.pt')
    """
    return stem if lang == "en" else f"{stem}.{lang}"


def notebook_slug(notebook: Path | str) -> str:
    """The name a user notebook's reports carry: its file name's stem as a slug.

    >>> notebook_slug("analyses/My Analysis_v2.ipynb")
    'my-analysis-v2'
    """
    return countries.slug(Path(notebook).stem)


def notebook_stem(iso3: str, notebook: Path | str) -> str:
    """A country's report rendered with a user notebook: the country's stem, then the notebook's.

    >>> notebook_stem("BEL", "my_analysis.ipynb")
    'BEL-belgium.my-analysis'
    """
    return f"{stem(iso3)}.{notebook_slug(notebook)}"


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
    """Remove the temporary files killed runs left in an edition's folder and its record folder:
    those whose writer is gone (:func:`ocanalysis._atomic.sweep_temporaries`), never those of
    another run still writing there.

    >>> import os, time
    >>> folder = getfixture("tmp_path")
    >>> left = folder / ".BEL-belgium.html.0f3a9c-4242-0f3a9c2e7b1d4a56.tmp"  # another host's
    >>> for path in (left, folder / "BEL-belgium.html"):
    ...     _ = path.write_text("")
    >>> os.utime(left, (time.time() - 7200,) * 2)  # two hours old: abandoned
    >>> remove_temporaries(folder); [p.name for p in folder.iterdir()]
    ['BEL-belgium.html']
    """
    for place in (Path(folder), Path(folder) / CACHE_DIR):
        sweep_temporaries(place)
