"""The project's embedded, normalized dataset: building it from the publisher's files, and loading it.

``data/ocindex.csv`` holds one row per country and edition (the wide view); ``data/provenance.json``
records the source files, their sha256, the editions and where each came from. The library reads the
embedded file by default; :func:`build` (``ocanalysis data build``) rewrites both from the raw files.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
from functools import cache
from pathlib import Path

import pandas as pd

from . import catalogue, population, sources
from ._atomic import write_files_atomic
from .errors import DatasetError, OutputError, UnknownEditionError, ValidationError
from .normalize import META_COLUMNS, WIDE_COLUMNS, Normalized, normalize, to_tidy

DATA_FILE = "ocindex.csv"
PROVENANCE_FILE = "provenance.json"
_PACKAGE_DIR = Path(__file__).resolve().parent


def default_sources_dir() -> Path:
    """Where the publisher's raw files are looked for: $OCANALYSIS_SOURCES, else
    ../shared/publisher (the publisher's current workbook, every edition with its regions).

    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"OCANALYSIS_SOURCES": "/srv/raw"}):
    ...     str(default_sources_dir())
    '/srv/raw'
    """
    env = os.environ.get("OCANALYSIS_SOURCES")
    if env:
        return Path(env)
    return _PACKAGE_DIR.parents[1].parent / "shared" / "publisher"


def data_dir() -> Path:
    """The folder holding the embedded dataset.

    $OCANALYSIS_DATA if set; else the project's ``data/`` (editable installs, a checkout); else the
    copy packed into the wheel.

    >>> (data_dir() / DATA_FILE).exists()
    True
    """
    env = os.environ.get("OCANALYSIS_DATA")
    if env:
        return Path(env)
    checkout = _PACKAGE_DIR.parents[1] / "data"
    if (checkout / DATA_FILE).exists():
        return checkout
    return _PACKAGE_DIR / "_embedded"


# --------------------------------------------------------------------------- loading


# How to get a dataset the library accepts, ending every DatasetError's message.
REBUILD_HINT = (
    "rebuild it with `ocanalysis data build` (or `make data`), "
    f"or set OCANALYSIS_DATA to a folder holding {DATA_FILE} and {PROVENANCE_FILE}"
)
SCORE_RANGE = (1.0, 10.0)  # the index scores every composite and indicator from 1 to 10


def _refuse(file: Path, problem: str) -> DatasetError:
    return DatasetError(f"{file}: {problem}; {REBUILD_HINT}")


def _provenance(file: Path) -> dict:
    """The provenance record beside the dataset, with the fields the check needs."""
    path = file.parent / PROVENANCE_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        expected = {int(e): int(v["countries"]) for e, v in record["editions"].items()}
        digest = str(record["dataset_sha256"])
    except FileNotFoundError:
        raise _refuse(
            file, f"{PROVENANCE_FILE} missing beside it, nothing to check it against"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _refuse(file, f"{path.name} unreadable ({type(error).__name__}: {error})") from None
    return {"editions": expected, "sha256": digest}


def _problem(frame: pd.DataFrame, expected: dict[int, int]) -> str | None:
    """The first way the parsed dataset breaks its provenance's shape or the score range."""
    found = frame["edition"].value_counts().to_dict()
    if sorted(found) != sorted(expected):
        return f"holds editions {sorted(found)}, its provenance lists {sorted(expected)}"
    for edition, countries in expected.items():
        if found[edition] != countries:
            return f"edition {edition} has {found[edition]} rows, its provenance says {countries}"
    duplicated = frame.duplicated(["edition", "iso3"])
    if duplicated.any():
        row = frame[duplicated].iloc[0]
        return f"line {row.name + 2}: {row['iso3']} appears twice in edition {row['edition']}"
    from .countries import all_countries

    unknown = ~frame["iso3"].isin({c.iso3 for c in all_countries()})
    if unknown.any():
        return f"line {frame.index[unknown][0] + 2}: unknown country {frame['iso3'][unknown].iloc[0]!r}"
    scores = frame[list(catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS)]
    for column in scores.columns:
        if not pd.api.types.is_float_dtype(scores[column]):
            values = pd.to_numeric(scores[column], errors="coerce")
            line = values.index[values.isna() & scores[column].notna()][0]
            return f"line {line + 2}, column {column!r}: {scores[column][line]!r} is not a number"
    low, high = SCORE_RANGE
    outside = (scores < low) | (scores > high)  # NaN (an indicator the edition lacks) is neither
    if outside.to_numpy().any():
        line, column = outside.stack().loc[lambda s: s].index[0]
        return (
            f"line {line + 2}, column {column!r}: score {scores.at[line, column]:g} "
            f"outside {low:g}-{high:g}"
        )
    return None


@cache
def _wide_all(path: str) -> pd.DataFrame:
    """The dataset at ``path``, checked against the provenance.json beside it; DatasetError if not.

    The sha256 recorded by ``data build`` says the file is the one it wrote; the shape (editions,
    rows per edition, one row per known country) and the score range say what is wrong when it is
    not, or when the provenance was edited to match. Read once per process: it is cached.
    """
    file = Path(path)
    if not file.exists():
        raise _refuse(file, "embedded dataset missing")
    provenance = _provenance(file)
    raw = file.read_bytes()  # read once: hashed, then parsed from memory
    dtypes = {c: "string" for c in META_COLUMNS if c != "edition"}
    dtypes["edition"] = "int64"
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            dtype=dtypes,
            keep_default_na=False,
            na_values={m: [""] for m in catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS},
        )
    except (ValueError, pd.errors.ParserError) as error:  # a changed byte in a number or a quote
        message = " ".join(str(error).split())
        raise _refuse(file, f"not readable as the dataset ({message})") from None
    missing = [c for c in WIDE_COLUMNS if c not in frame.columns]
    if missing:
        raise _refuse(file, f"not an ocanalysis dataset (missing columns {missing[:3]})")
    frame = frame[list(WIDE_COLUMNS)]
    problem = _problem(frame, provenance["editions"])
    if problem:
        raise _refuse(file, problem)
    if hashlib.sha256(raw).hexdigest() != provenance["sha256"]:
        raise _refuse(file, f"its sha256 is not the one {PROVENANCE_FILE} records (file changed)")
    return frame


def _dataset_path() -> str:
    return str(data_dir() / DATA_FILE)


def editions() -> tuple[int, ...]:
    """The editions the embedded data holds.

    >>> editions()
    (2021, 2023, 2025)
    """
    return tuple(sorted(int(e) for e in _wide_all(_dataset_path())["edition"].unique()))


def latest_edition() -> int:
    """The most recent edition in the embedded data.

    >>> latest_edition()
    2025
    """
    return editions()[-1]


def check_edition(edition: int | str | None) -> int:
    """The edition as an int, the latest if None; UnknownEditionError if the data lacks it.

    >>> check_edition("2023"), check_edition(None)
    (2023, 2025)
    >>> check_edition(2019)
    Traceback (most recent call last):
    ocanalysis.errors.UnknownEditionError: unknown edition 2019; the data holds 2021, 2023, 2025
    """
    if edition is None:
        return latest_edition()
    try:
        value = int(edition)
    except (TypeError, ValueError):
        value = None
    if value not in editions():
        known = ", ".join(str(e) for e in editions())
        raise UnknownEditionError(f"unknown edition {edition!r}; the data holds {known}")
    return value


def wide(edition: int | None = None, *, all_editions: bool = False) -> pd.DataFrame:
    """One row per country and edition: metadata, 4 composites, 32 indicators (NaN where absent).

    ``edition=None`` gives the latest edition; ``all_editions=True`` every edition.

    >>> frame = wide(2023)
    >>> frame.shape
    (193, 42)
    >>> frame.set_index("iso3").loc["BEL", "criminality"]
    np.float64(4.43)
    """
    frame = _wide_all(_dataset_path())
    if not all_editions:
        frame = frame[frame["edition"] == check_edition(edition)]
    return frame.reset_index(drop=True).copy()


@cache
def _places(path: str, edition: int) -> dict[str, tuple[str, str]]:
    frame = _wide_all(path)
    rows = frame[frame["edition"] == edition]
    return dict(zip(rows["iso3"], zip(rows["continent"], rows["region"], strict=True), strict=True))


def place(country, edition: int | None = None):
    """The country (any name or code :func:`countries.lookup` takes) with the continent and
    region the edition places it in: the publisher regroups countries between editions (Kiribati
    is in Melanesia in 2021 and 2023, in Micronesia in 2025).

    >>> place("Kiribati", 2023).region, place("Kiribati", 2025).region
    ('Melanesia', 'Micronesia')
    """
    import dataclasses

    from . import countries

    found = countries.lookup(country)
    edition = check_edition(edition)
    continent, region = _places(_dataset_path(), edition).get(
        found.iso3, (found.continent, found.region)
    )
    if (continent, region) == (found.continent, found.region):
        return found
    return dataclasses.replace(found, continent=continent, region=region)


def members(kind: str, name: str, edition: int | None = None) -> list[str]:
    """The ISO3 codes of the countries an edition places in a continent (``kind="continent"``) or
    region (``"region"``), in the dataset's order.

    >>> "KIR" in members("region", "Micronesia", 2025), "KIR" in members("region", "Micronesia", 2023)
    (True, False)
    """
    edition = check_edition(edition)
    position = {"continent": 0, "region": 1}[kind]
    return [
        iso3
        for iso3, groups in _places(_dataset_path(), edition).items()
        if groups[position] == name
    ]


def load(edition: int | None = None) -> pd.DataFrame:
    """The tidy table: edition, iso3, iso2, country, continent, region, indicator, pillar, score.

    All editions by default; pass an edition for one. Indicators an edition lacks have no row.

    >>> tidy = load()
    >>> sorted(tidy["edition"].unique().tolist())
    [2021, 2023, 2025]
    >>> list(tidy.columns)
    ['edition', 'iso3', 'iso2', 'country', 'continent', 'region', 'indicator', 'pillar', 'score']
    """
    frame = wide(all_editions=True) if edition is None else wide(edition)
    return to_tidy(frame)


# --------------------------------------------------------------------------- building


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_sources(paths: list[Path]) -> list[Normalized]:
    """Read and validate every edition in the given files; ValidationError lists all problems.

    >>> bad = getfixture("tmp_path") / "2025_dataset.csv"
    >>> _ = bad.write_text("Country,Cocaine trade\\nBelgium,6\\n")
    >>> read_sources([bad])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.ValidationError: ...: missing column 'Human trafficking' (and 30 more problems)
    """
    problems: list[str] = []
    results: list[Normalized] = []
    for path in paths:
        for table in sources.read(path):
            try:
                results.append(normalize(table))
            except ValidationError as error:
                problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)
    return results


def _choose(editions_read: list[Normalized]) -> dict[int, Normalized]:
    """One table per edition: prefer a source with published averages, then the first given."""
    chosen: dict[int, Normalized] = {}
    for item in editions_read:
        current = chosen.get(item.edition)
        if current is None or (item.published_composites and not current.published_composites):
            chosen[item.edition] = item
    return dict(sorted(chosen.items()))


def serialize(frame: pd.DataFrame) -> str:
    """The dataset as CSV text, stable byte for byte for the same data.

    >>> serialize(wide(2023).head(1)).splitlines()[1][:47]
    '2023,AFG,AF,Afghanistan,Asia,Southern Asia,7.1,'
    """
    out = frame.copy()
    for column in catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS:
        out[column] = out[column].map(
            lambda v: "" if pd.isna(v) else f"{v:.2f}".rstrip("0").rstrip(".")
        )
    return out.to_csv(index=False, lineterminator="\n")


def build_target(out_dir: str | Path | None = None) -> Path:
    """Where :func:`build` writes: ``out_dir``, else the project's ``data/``."""
    return Path(out_dir) if out_dir is not None else _PACKAGE_DIR.parents[1] / "data"


def build(
    inputs: list[str | Path] | None = None,
    out_dir: str | Path | None = None,
    *,
    population_source: str | Path | None = None,
) -> dict:
    """Build the embedded dataset from publisher files (default: the sources folder) and the
    World Bank population file (default :func:`ocanalysis.population.default_source`).

    Writes ``ocindex.csv``, ``population.csv`` and ``provenance.json`` into ``out_dir`` (default:
    the project's ``data/``) only when every input is valid, all or none: OutputError when the folder cannot
    take them, and the files there are left as they were (unless a rename itself fails, which
    loading then refuses: see ``write_files_atomic``). Returns the provenance record.

    >>> folder = getfixture("tmp_path")
    >>> _ = (folder / "2025_dataset.csv").write_text("Country,Cocaine trade\\nBelgium,6\\n")
    >>> build([folder / "2025_dataset.csv"], out_dir=folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.ValidationError: ...
    >>> sorted(p.name for p in folder.iterdir())  # nothing half-written
    ['2025_dataset.csv']
    """
    from . import __version__

    if not inputs:
        inputs = [default_sources_dir()]
    files: list[Path] = []
    for item in map(Path, inputs):
        files.extend(sources.discover(item) if item.is_dir() else [item])
    chosen = _choose(read_sources(files))
    frame = pd.concat([n.wide for n in chosen.values()], ignore_index=True)
    frame = frame.sort_values(["edition", "iso3"]).reset_index(drop=True)
    people_source = Path(population_source or population.default_source())
    people_text = population.serialize(population.read_source(people_source))
    target = build_target(out_dir)
    text = serialize(frame)
    provenance = {
        "dataset": DATA_FILE,
        "dataset_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "built_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "package_version": __version__,
        "editions": {
            str(edition): {
                "source": item.source,
                "countries": int(len(item.wide)),
                "composites": "published (checked against the indicators)"
                if item.published_composites
                else "computed from the indicators with the publisher's rules",
            }
            for edition, item in chosen.items()
        },
        "sources": [{"file": f.name, "sha256": _sha256(f)} for f in files],
        "population": population.provenance_record(people_source, people_text, chosen),
        "publisher": "Global Initiative Against Transnational Organized Crime (GI-TOC) with ENACT, "
        "Global Organized Crime Index, https://ocindex.net",
    }
    # All or none: a new dataset beside an old provenance would be refused on load.
    files = {
        target / DATA_FILE: text,
        target / population.POPULATION_FILE: people_text,
        target / PROVENANCE_FILE: json.dumps(provenance, indent=2) + "\n",
    }
    try:
        write_files_atomic(files)
    except OSError as error:  # the user's folder: full, read-only, a file; named, not a temporary
        names = ", ".join(p.name for p in files)
        raise OutputError.from_os_error(error, f"{target}: cannot write {names}") from None
    finally:
        _wide_all.cache_clear()  # a failed rename may have replaced the first file
        _places.cache_clear()
        population.forget()
    return provenance
