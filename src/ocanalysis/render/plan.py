"""From what the user asked to one :class:`Job` per report: countries (named, a region, a
continent, all), the world, the continents, the regions, comparisons of 2 to 6 countries, or the
whole site. :func:`plan` is the one entry point (the CLI's); :func:`jobs` (countries),
:func:`world_job`, :func:`continent_jobs`, :func:`region_jobs` and :func:`compare_job` make each
kind. Every kind is the same :class:`Job`, rendered by the same code (``job.render``).

A country report gets ``related``: links to its region's and continent's reports, each only when
that report is in the run or its HTML already is in the edition's folder (None when neither).

``render --notebook PATH`` renders a user's notebook for the selected countries instead
(:func:`notebook_jobs`, checked by ``user_notebook.check``), each report named
``<ISO3>-<slug>.<notebook>`` beside the country's own.

Profile texts for ``--profiles DIR`` are matched by file name: the name without its extension
is the country's ISO3 code, its slug, or both as ``ISO3-slug`` (any case), e.g. ``BEL.txt``,
``belgium.txt`` or ``BEL-belgium.txt``. Countries without a matching file get no narrative.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

from .. import countries
from ..errors import ArgumentError, InputError
from . import (
    COMPARISON_NOTEBOOK,
    COUNTRY_NOTEBOOK,
    INDICATOR_NOTEBOOK,
    SUMMARY_NOTEBOOK,
    cache,
    kinds,
    layout,
)
from .job import Job
from .user_notebook import UserNotebook


def select(
    names: list[str],
    *,
    all_countries: bool = False,
    region: str | None = None,
    continent: str | None = None,
    edition: int | None = None,
) -> list[countries.Country]:
    """The countries to render, in name order, each once, each with the continent and region
    the edition (default: the latest) places it in.

    >>> [c.name for c in select(["nld", "Belgium", "BEL"])]
    ['Belgium', 'Netherlands']
    >>> len(select([], region="Western Europe")), len(select([], all_countries=True))
    (11, 193)
    >>> len(select([], region="Micronesia", edition=2023)), len(select([], region="Micronesia"))
    (4, 5)
    """
    from ..dataset import members, place

    codes: list[str] = []
    if all_countries:
        codes += [c.iso3 for c in countries.all_countries()]
    if region:
        codes += members("region", countries.group("region", region), edition)
    if continent:
        codes += members("continent", countries.group("continent", continent), edition)
    codes += [countries.lookup(name).iso3 for name in names]
    chosen = {iso3: place(iso3, edition) for iso3 in codes}
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
                found[country.iso3] = _utf8_path(path.resolve(), "profile text")
                break
    return found


def _utf8_path(path: Path, what: str) -> Path:
    """``path``, or a one-line ``InputError`` when its name holds bytes that are not UTF-8 (it
    goes into the report's notebook, which is UTF-8 JSON).

    >>> import os
    >>> _utf8_path(Path(os.fsdecode(b"/p/BEL.\\xff")), "profile text")
    Traceback (most recent call last):
    ocanalysis.errors.InputError: /p/BEL.\\xff: the name of this profile text holds bytes that are not UTF-8; rename it
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        raise InputError(
            f"{shown}: the name of this {what} holds bytes that are not UTF-8; rename it"
        ) from None
    return path


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
    planned_stems: frozenset[str] | set[str] = frozenset(),
) -> list[Job]:
    """One :class:`Job` per selected country, with its parameters, profile text and input key.

    ``planned_stems`` are the stems of the other reports of this run (for ``related``).

    >>> [job] = jobs(select(["Belgium"]), 2023, formats=("html",), out=Path("reports"))
    >>> job.parameters
    {'country': 'BEL', 'edition': 2023, 'compare_edition': None, 'profile': None, 'related': None}
    >>> job.path("html").relative_to(Path("reports").resolve()).as_posix(), len(job.key)
    ('2023/BEL-belgium.html', 64)
    """
    if profile is not None and len(selected) != 1:
        raise ArgumentError("--profile is for one country; use --profiles DIR for several")
    if profile is not None and not Path(profile).is_file():
        raise InputError(f"{profile}: profile text not found")
    if profile is not None:
        _utf8_path(Path(profile).resolve(), "profile text")
    by_country = profile_files(profiles) if profiles else {}
    planned = []
    for country in selected:
        text = Path(profile).resolve() if profile is not None else by_country.get(country.iso3)
        parameters = {
            "country": country.iso3,
            "edition": edition,
            "compare_edition": compare_edition,
            "profile": str(text) if text else None,
            "related": related(country, layout.edition_dir(out, edition), planned_stems),
        }
        planned.append(
            Job(
                iso3=country.iso3,
                name=country.name,
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


def notebook_jobs(
    selected: list[countries.Country],
    edition: int,
    *,
    notebook: UserNotebook,
    parameters: dict | None = None,
    formats: tuple[str, ...],
    out: Path,
) -> list[Job]:
    """One :class:`Job` per selected country rendering a user's notebook: ``country`` (ISO3)
    and ``edition`` set, ``iso3`` and ``country_name`` (the data's name) when its parameters
    cell sets them, then ``parameters`` (``-p``); run in the notebook's folder, as
    JupyterLab runs it; keyed by the notebook's content and every parameter.

    >>> from ocanalysis.render import user_notebook
    >>> mine = user_notebook.check(user_notebook.write_starter(getfixture("tmp_path") / "mine.ipynb"))
    >>> [job] = notebook_jobs(select(["BEL"]), 2023, notebook=mine, formats=("html",), out=Path("r"))
    >>> job.kind, job.stem, job.label
    ('notebook', 'BEL-belgium.mine', 'Belgium (BEL-belgium.mine)')
    >>> job.parameters
    {'country': 'BEL', 'edition': 2023, 'iso3': 'BEL', 'country_name': 'Belgium'}
    """
    planned = []
    for country in selected:
        values = {"country": country.iso3, "edition": edition}
        # The other forms of the country, for a parameters cell that sets them.
        forms = {"iso3": country.iso3, "country_name": country.name}
        values |= {name: value for name, value in forms.items() if name in notebook.parameters}
        values |= parameters or {}
        planned.append(
            Job(
                iso3=country.iso3,
                name=country.name,
                edition=edition,
                notebook=str(notebook.path),
                out=str(Path(out).resolve()),
                formats=formats,
                parameters=values,
                key=cache.input_key(notebook.path, values, None),
                kind="notebook",
                # The slug check() gave, of the name the user gave (a link's, not its target's).
                stem=f"{layout.stem(country.iso3)}.{notebook.slug}",
                cwd=str(notebook.path.parent),
                owner=str(notebook.given or notebook.path),
            )
        )
    return planned


MAX_COMPARED = 6


def related(
    country: countries.Country,
    folder: Path,
    planned_stems: frozenset[str] | set[str],
    lang: str = "en",
) -> dict[str, str] | None:
    """The country report's links to its region's and continent's reports (HTML file names,
    relative to the edition folder), each only when that report is planned or already there.

    >>> folder = getfixture("tmp_path")
    >>> belgium = countries.lookup("Belgium")
    >>> related(belgium, folder, set()) is None
    True
    >>> _ = (folder / "continent-europe.html").write_text("")
    >>> related(belgium, folder, {"region-western-europe"})
    {'region': 'region-western-europe.html', 'continent': 'continent-europe.html'}
    """
    links = {}
    for key, stem in (
        ("region", layout.region_stem(country.region)),
        ("continent", layout.continent_stem(country.continent)),
    ):
        stem = layout.in_language(stem, lang)
        html = f"{stem}.html"
        if stem in planned_stems or (Path(folder) / html).is_file():
            links[key] = html
    return links or None


def _summary_job(
    kind: str, name: str, stem: str, parameters: dict, edition: int, formats, out: Path, notebook
) -> Job:
    return Job(
        iso3="",
        name=name,
        edition=edition,
        notebook=str(Path(notebook).resolve()),
        out=str(Path(out).resolve()),
        formats=formats,
        parameters=parameters,
        key=cache.input_key(Path(notebook), parameters, None),
        kind=kind,
        stem=stem,
    )


def world_job(
    edition: int, *, formats: tuple[str, ...], out: Path, notebook: Path = SUMMARY_NOTEBOOK
) -> Job:
    """The world report's job.

    >>> job = world_job(2023, formats=("html",), out=Path("reports"))
    >>> job.kind, job.stem, job.title, job.parameters
    ('world', 'world', 'World: Global Organized Crime Index 2023', {'scope': 'world', 'name': None, 'edition': 2023})
    """
    parameters = {"scope": "world", "name": None, "edition": edition}
    return _summary_job(
        "world", "World", layout.world_stem(), parameters, edition, formats, out, notebook
    )


def continent_jobs(
    edition: int,
    *,
    formats: tuple[str, ...],
    out: Path,
    only: list[str] | None = None,
    notebook: Path = SUMMARY_NOTEBOOK,
) -> list[Job]:
    """One job per continent (``only``: those continents, by any spelling), in the data's order.

    >>> [job.stem for job in continent_jobs(2023, formats=("html",), out=Path("r"))]
    ['continent-africa', 'continent-americas', 'continent-asia', 'continent-europe', 'continent-oceania']
    >>> continent_jobs(2023, formats=("html",), out=Path("r"), only=["europe"])[0].parameters
    {'scope': 'continent', 'name': 'Europe', 'edition': 2023}
    """
    return _group_jobs("continent", countries.CONTINENTS, edition, formats, out, only, notebook)


def region_jobs(
    edition: int,
    *,
    formats: tuple[str, ...],
    out: Path,
    only: list[str] | None = None,
    notebook: Path = SUMMARY_NOTEBOOK,
) -> list[Job]:
    """One job per region (``only``: those regions, by any spelling), in the data's order.

    >>> regions = region_jobs(2023, formats=("html",), out=Path("r"))
    >>> len(regions), regions[1].stem, regions[1].title
    (22, 'region-western-europe', 'Western Europe: Global Organized Crime Index 2023')
    """
    return _group_jobs("region", countries.REGIONS, edition, formats, out, only, notebook)


def _group_jobs(kind, known, edition, formats, out, only, notebook) -> list[Job]:
    """One job per continent or region (``kind``) of ``known``, or of those in ``only``."""
    wanted = [countries.group(kind, name) for name in only] if only is not None else known
    stem = {"continent": layout.continent_stem, "region": layout.region_stem}[kind]
    return [
        _summary_job(
            kind,
            name,
            stem(name),
            {"scope": kind, "name": name, "edition": edition},
            edition,
            formats,
            out,
            notebook,
        )
        for name in known
        if name in wanted
    ]


def compared(names: list[str]) -> list[countries.Country]:
    """The countries of a comparison, in the order given: 2 to 6, each once.

    >>> [c.iso3 for c in compared(["nld", "Belgium"])]
    ['NLD', 'BEL']
    >>> compared(["Belgium", "BEL"])
    Traceback (most recent call last):
    ocanalysis.errors.ArgumentError: --compare names Belgium twice; give 2 to 6 different countries
    """
    chosen = [countries.lookup(name) for name in names]
    if not 2 <= len(chosen) <= MAX_COMPARED:
        raise ArgumentError(
            f"--compare needs 2 to {MAX_COMPARED} countries, not {len(chosen)}"
            + (f" ({', '.join(c.name for c in chosen)})" if chosen else "")
        )
    seen: set[str] = set()
    for country in chosen:
        if country.iso3 in seen:
            raise ArgumentError(
                f"--compare names {country.name} twice; give 2 to {MAX_COMPARED} different countries"
            )
        seen.add(country.iso3)
    return chosen


def compare_job(
    names: list[str],
    edition: int,
    *,
    formats: tuple[str, ...],
    out: Path,
    notebook: Path = COMPARISON_NOTEBOOK,
) -> Job:
    """The job comparing 2 to 6 countries (names, aliases or codes), in the order given.

    >>> job = compare_job(["Netherlands", "bel"], 2023, formats=("html",), out=Path("r"))
    >>> job.stem, job.name, job.parameters
    ('compare-NLD-BEL', 'Netherlands, Belgium', {'countries': ['NLD', 'BEL'], 'edition': 2023})
    """
    chosen = compared(names)
    iso3s = [c.iso3 for c in chosen]
    return _summary_job(
        "compare",
        ", ".join(c.name for c in chosen),
        layout.compare_stem(iso3s),
        {"countries": iso3s, "edition": edition},
        edition,
        formats,
        out,
        notebook,
    )


def indicator_jobs(
    edition: int,
    *,
    formats: tuple[str, ...],
    out: Path,
    only: list[str] | None = None,
    notebook: Path = INDICATOR_NOTEBOOK,
) -> list[Job]:
    """One job per composite and indicator the edition scores (``only``: those, by id or
    label), in the index's order.

    >>> jobs_ = indicator_jobs(2023, formats=("html",), out=Path("r"))
    >>> len(jobs_), jobs_[0].stem, jobs_[-1].parameters
    (36, 'indicator-criminality', {'indicator': 'non_state_actors', 'edition': 2023})
    >>> len(indicator_jobs(2021, formats=("html",), out=Path("r")))
    30
    """
    from .. import catalogue

    scored = [m.id for m in catalogue.COMPOSITES + catalogue.indicators(edition)]
    if only:
        wanted = {catalogue.lookup(name).id for name in only}
        for measure in wanted - set(scored):
            raise ArgumentError(
                f"--indicators {measure}: first scored in {catalogue.get(measure).since}, "
                f"not in {edition}"
            )
        scored = [m for m in scored if m in wanted]
    return [
        _summary_job(
            "indicator",
            measure,
            layout.indicator_stem(measure),
            {"indicator": measure, "edition": edition},
            edition,
            formats,
            out,
            notebook,
        )
        for measure in scored
    ]


def cost(job: Job) -> int:
    """A job's expected cost, as how many countries the report covers (its kind's ``covers``).

    >>> cost(world_job(2023, formats=("html",), out=Path("r")))
    193
    """
    return kinds.get(job.kind).covers(job)


def order(job: Job) -> tuple[int, int]:
    """A job's place in a run, the largest first: the world, the continents, then regions and
    comparisons, then countries, each by :func:`cost` (a pool starts the longest first, so that
    none of them is left running alone at the end while the short ones fill the gaps).

    >>> order(world_job(2023, formats=("html",), out=Path("r")))
    (3, 193)
    """
    return kinds.get(job.kind).tier, cost(job)


def plan(
    names: list[str] = (),
    edition: int | None = None,
    *,
    formats: tuple[str, ...],
    out: Path,
    all_countries: bool = False,
    region: str | None = None,
    continent: str | None = None,
    world: bool = False,
    continents: bool | list[str] = False,
    regions: bool | list[str] = False,
    indicators: bool | list[str] = False,
    compare: list[list[str]] = (),
    site: bool = False,
    profile: Path | None = None,
    profiles: Path | None = None,
    compare_edition: int | None = None,
    lang: str = "en",
    notebook: Path | None = None,
    notebook_parameters: list[tuple[str, str]] = (),
) -> list[Job]:
    """Every job of a render, the longest first (:func:`order`); each report once, in ``lang``
    (:func:`in_language`).

    ``notebook``: render this user notebook for the selected countries instead of the country
    report, with ``notebook_parameters`` (``-p NAME VALUE`` pairs); it renders no other kind.

    ``continents``, ``regions`` and ``indicators`` are True for all of them, or a list of the
    ones wanted (an empty list: all). ``site`` is everything but comparisons: the 193 countries,
    22 regions, 5 continents, the world and every composite's and indicator's page.
    ``compare`` is a list of comparisons, each a list of 2 to 6 countries.

    >>> site = plan(edition=2023, formats=("html",), out=Path("r"), site=True)
    >>> len(site), [job.stem for job in site[:3]], site[-1].kind
    (257, ['world', 'continent-africa', 'continent-asia'], 'country')
    >>> [j.stem for j in plan(["Belgium"], 2023, formats=("html",), out=Path("r"), compare=[["BEL", "NLD"]])]
    ['compare-BEL-NLD', 'BEL-belgium']
    """
    from ..dataset import check_edition

    edition = check_edition(edition)
    if notebook is not None:
        if lang not in (None, "en"):
            raise ArgumentError(
                "--lang is for the shipped reports; give your notebook a lang parameter, pass "
                "it to report.context(..., lang=lang) and set it with -p lang fr"
            )
        return _user_notebook_plan(
            names,
            edition,
            notebook,
            notebook_parameters,
            formats=formats,
            out=out,
            all_countries=all_countries,
            region=region,
            continent=continent,
            others=world
            or site
            or bool(compare)
            or continents not in (False, None)
            or regions not in (False, None)
            or indicators not in (False, None),
            profiles=profile is not None or profiles is not None,
            compare_edition=compare_edition,
        )
    if notebook_parameters:
        raise ArgumentError("-p sets a parameter of your notebook: give it with --notebook PATH")
    summaries: list[Job] = []
    if world or site:
        summaries.append(world_job(edition, formats=formats, out=out))

    def only(wanted):  # True, [] or None: all; a list of names: those
        return list(wanted) if isinstance(wanted, list | tuple) and wanted and not site else None

    if site or continents is not False and continents is not None:
        summaries += continent_jobs(edition, formats=formats, out=out, only=only(continents))
    if site or regions is not False and regions is not None:
        summaries += region_jobs(edition, formats=formats, out=out, only=only(regions))
    if site or indicators is not False and indicators is not None:
        summaries += indicator_jobs(edition, formats=formats, out=out, only=only(indicators))
    stems = {job.stem for job in summaries}
    for names_compared in compare:
        job = compare_job(list(names_compared), edition, formats=formats, out=out)
        if job.stem not in stems:  # the same comparison asked twice: rendered once
            summaries.append(job)
            stems.add(job.stem)
    wants_countries = bool(names) or all_countries or site or bool(region) or bool(continent)
    if not summaries and not wants_countries:
        raise ArgumentError(
            "no country given: name countries, or use --all, --region or --continent "
            "(or --world, --continents, --regions, --indicators, --compare, --site)"
        )
    selected = (
        select(
            list(names),
            all_countries=all_countries or site,
            region=region,
            continent=continent,
            edition=edition,
        )
        if wants_countries
        else []
    )
    if profile is not None and not selected:
        raise ArgumentError("--profile is for one country; use --profiles DIR for several")
    country_jobs = jobs(
        selected,
        edition,
        formats=formats,
        out=out,
        profile=profile,
        profiles=profiles,
        compare_edition=compare_edition,
        planned_stems=stems,
    )
    every = in_language(summaries + country_jobs, lang, out)
    return sorted(every, key=order, reverse=True)  # stable: ties keep order


def in_language(planned: list[Job], lang: str, out: Path) -> list[Job]:
    """The jobs with their reports in ``lang``: English as planned; another language with the
    ``lang`` parameter, its code before the file's suffix (``BEL-belgium.fr.html``, so the
    languages of one report sit side by side) and links to the same language's reports.

    >>> [job] = plan(["Belgium"], 2023, formats=("html",), out=Path("r"), lang="fr")
    >>> job.stem, job.parameters["lang"]
    ('BEL-belgium.fr', 'fr')
    """
    from ..i18n import DEFAULT, check_language

    lang = check_language(lang)
    if lang == DEFAULT:
        return list(planned)
    stems = {layout.in_language(job.stem, lang) for job in planned}
    localized = []
    for job in planned:
        parameters = {**job.parameters, "lang": lang}
        if job.kind == "country":
            folder = layout.edition_dir(out, job.edition)
            parameters["related"] = related(countries.lookup(job.iso3), folder, stems, lang)
        profile = Path(job.profile) if job.profile else None
        localized.append(
            dataclasses.replace(
                job,
                stem=layout.in_language(job.stem, lang),
                parameters=parameters,
                key=cache.input_key(Path(job.notebook), parameters, profile),
            )
        )
    return localized


def _user_notebook_plan(
    names,
    edition,
    notebook,
    given,
    *,
    formats,
    out,
    all_countries,
    region,
    continent,
    others,
    profiles,
    compare_edition,
) -> list[Job]:
    from . import user_notebook

    checked = user_notebook.check(notebook)
    if checked.note:  # once, before the reports (not once per country)
        print(f"ocanalysis: {checked.note}", file=sys.stderr)
    if others:
        raise ArgumentError(
            "--notebook renders your notebook for countries; render --world, --continents, "
            "--regions, --compare or --site in a run of their own"
        )
    if profiles:
        raise ArgumentError(
            "--profile and --profiles are for the country report; give your notebook a "
            "parameter and set it with -p NAME FILE"
        )
    if compare_edition is not None:
        raise ArgumentError(
            "--compare-edition is for the country report; give your notebook a parameter "
            "and set it with -p NAME YEAR"
        )
    values = user_notebook.parameters(checked, given)
    selected = select(
        list(names),
        all_countries=all_countries,
        region=region,
        continent=continent,
        edition=edition,
    )
    planned = notebook_jobs(
        selected, edition, notebook=checked, parameters=values, formats=formats, out=out
    )
    for job in planned:
        check_owner(job)
    return planned


def check_owner(job: Job) -> None:
    """Refuse (``InputError``) a user notebook's job whose reports another notebook of the same
    report name wrote (``my nb.ipynb`` and ``My_NB.ipynb`` both name theirs ``my-nb``).

    >>> from ocanalysis.render import user_notebook
    >>> folder = getfixture("tmp_path")
    >>> mine = user_notebook.check(user_notebook.write_starter(folder / "mine.ipynb"))
    >>> [job] = notebook_jobs(select(["BEL"]), 2023, notebook=mine, formats=("html",), out=folder)
    >>> check_owner(job)  # nothing rendered yet: nobody's
    """
    owner = cache.recorded_notebook(job.folder, job.stem)
    if owner is not None and job.owner is not None and owner != job.owner:
        raise InputError(
            f"{job.owner}: its reports would replace {job.path(job.formats[0])}, rendered from "
            f"{owner}, another notebook whose reports have the same name; rename one of the two"
        )
