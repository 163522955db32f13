"""From what the user asked (countries, a region, a continent, all) to one :class:`Job` each.

Profile texts for ``--profiles DIR`` are matched by file name: the name without its extension
is the country's ISO3 code, its slug, or both as ``ISO3-slug`` (any case), e.g. ``BEL.txt``,
``belgium.txt`` or ``BEL-belgium.txt``. Countries without a matching file get no narrative.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .. import countries
from ..errors import ArgumentError, InputError
from . import COUNTRY_NOTEBOOK, cache
from .job import Job


def _choose(kind: str, name: str, known: tuple[str, ...]) -> str:
    folded = {countries.fold(k): k for k in known}
    if countries.fold(name) in folded:
        return folded[countries.fold(name)]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ArgumentError(f"unknown {kind} {name!r}{hint} ({kind}s: {', '.join(known)})")


def select(
    names: list[str],
    *,
    all_countries: bool = False,
    region: str | None = None,
    continent: str | None = None,
) -> list[countries.Country]:
    """The countries to render, in name order, each once.

    >>> [c.name for c in select(["nld", "Belgium", "BEL"])]
    ['Belgium', 'Netherlands']
    >>> len(select([], region="Western Europe")), len(select([], all_countries=True))
    (11, 193)
    """
    chosen: dict[str, countries.Country] = {}
    if all_countries:
        chosen.update({c.iso3: c for c in countries.all_countries()})
    if region:
        wanted = _choose("region", region, tuple(countries.REGIONS))
        chosen.update({c.iso3: c for c in countries.all_countries() if c.region == wanted})
    if continent:
        wanted = _choose("continent", continent, tuple(countries.CONTINENTS))
        chosen.update({c.iso3: c for c in countries.all_countries() if c.continent == wanted})
    for name in names:
        country = countries.lookup(name)
        chosen[country.iso3] = country
    if not chosen:
        raise ArgumentError(
            "no country given: name countries, or use --all, --region or --continent"
        )
    return sorted(chosen.values(), key=lambda c: countries.fold(c.name))


def profile_files(folder: Path) -> dict[str, Path]:
    """ISO3 -> profile text in ``folder``, by the naming rule in this module's docstring.

    >>> folder = getfixture("tmp_path")
    >>> for name in ("BEL.txt", "netherlands.txt", "FRA-france.txt", "notes.txt"):
    ...     _ = (folder / name).write_text("")
    >>> {iso3: path.name for iso3, path in sorted(profile_files(folder).items())}
    {'BEL': 'BEL.txt', 'FRA': 'FRA-france.txt', 'NLD': 'netherlands.txt'}
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of profile texts")
    found: dict[str, Path] = {}
    for country in countries.all_countries():
        slug = countries.slug(country.name)
        names = {country.iso3.lower(), slug, f"{country.iso3.lower()}-{slug}"}
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.stem.lower() in names:
                found[country.iso3] = path.resolve()
                break
    return found


def jobs(
    selected: list[countries.Country],
    edition: int,
    *,
    formats: tuple[str, ...],
    out: Path,
    profile: Path | None = None,
    profiles: Path | None = None,
    compare_edition: int | None = None,
    notebook: Path = COUNTRY_NOTEBOOK,
) -> list[Job]:
    """One :class:`Job` per selected country, with its parameters, profile text and input key.

    >>> [job] = jobs(select(["Belgium"]), 2023, formats=("html",), out=Path("reports"))
    >>> job.parameters
    {'country': 'BEL', 'edition': 2023, 'compare_edition': None, 'profile': None}
    >>> job.path("html").relative_to(Path("reports").resolve()).as_posix(), len(job.key)
    ('2023/BEL-belgium.html', 64)
    """
    if profile is not None and len(selected) != 1:
        raise ArgumentError("--profile is for one country; use --profiles DIR for several")
    if profile is not None and not Path(profile).is_file():
        raise InputError(f"{profile}: profile text not found")
    by_country = profile_files(profiles) if profiles else {}
    planned = []
    for country in selected:
        text = Path(profile).resolve() if profile is not None else by_country.get(country.iso3)
        parameters = {
            "country": country.iso3,
            "edition": edition,
            "compare_edition": compare_edition,
            "profile": str(text) if text else None,
        }
        planned.append(
            Job(
                iso3=country.iso3,
                country=country.name,
                edition=edition,
                notebook=str(Path(notebook).resolve()),
                out=str(Path(out).resolve()),
                formats=formats,
                parameters=parameters,
                profile=str(text) if text else None,
                key=cache.input_key(Path(notebook), parameters, text),
            )
        )
    return planned
