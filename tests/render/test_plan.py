"""Planning a render: formats, the output layout, selecting countries, arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocanalysis.cli import main
from ocanalysis.errors import ArgumentError
from ocanalysis.render import (
    COMPARISON_NOTEBOOK,
    COUNTRY_NOTEBOOK,
    SUMMARY_NOTEBOOK,
    exporters,
    layout,
    plan,
)


def test_formats_are_parsed_and_checked():
    assert exporters.parse("PDF,html") == ("html", "pdf")
    with pytest.raises(ArgumentError, match="unknown format 'docx'"):
        exporters.parse("html,docx")


def test_missing_library_names_what_to_install(monkeypatch):
    monkeypatch.setitem(
        exporters.FORMATS,
        "pdf",
        exporters.Format("pdf", "pdf", ("no_such_module_xyz",), "pip install x"),
    )
    with pytest.raises(exporters.MissingExtraError, match="pip install x"):
        exporters.check_available("pdf")


def test_layout_names_reports_by_iso3_and_slug(tmp_path):
    assert (
        layout.report_path(tmp_path, 2023, "CIV", "pdf")
        == tmp_path / "2023" / "CIV-cote-d-ivoire.pdf"
    )
    assert layout.stem("Congo, Dem. Rep.").startswith("COD-")


def test_profile_files_match_iso3_slug_or_both(tmp_path):
    for name in ("BEL.txt", "peru.TXT", "civ-cote-d-ivoire.txt", "notes.txt", "belgium-old.txt"):
        (tmp_path / name).write_text("x")
    found = plan.profile_files(tmp_path)
    assert {iso3: path.name for iso3, path in found.items()} == {
        "BEL": "BEL.txt",
        "PER": "peru.TXT",
        "CIV": "civ-cote-d-ivoire.txt",
    }


def test_select_by_region_continent_and_names():
    western = plan.select([], region="western europe")
    assert {c.iso3 for c in western} >= {"BEL", "FRA", "LUX"} and len(western) == 11
    both = plan.select(["Peru"], region="Western Europe")
    assert len(both) == 12
    assert len(plan.select([], all_countries=True)) == 193
    with pytest.raises(ArgumentError, match="unknown region 'Westeros'"):
        plan.select([], region="Westeros")
    with pytest.raises(ArgumentError, match="no country given"):
        plan.select([])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["render", "Atlantis"], "unknown country 'Atlantis'"),
        (["render", "--region", "Westeros"], "unknown region 'Westeros'"),
        (["render", "--continent", "Antarctica"], "unknown continent 'Antarctica'"),
        (["render", "Belgium", "--format", "docx"], "unknown format 'docx'"),
        (["render", "Belgium", "--edition", "1999"], "unknown edition '1999'"),
        (["render", "Belgium", "Peru", "--profile", "x.txt"], "--profile is for one country"),
        (["render", "Belgium", "--jobs", "0"], "--jobs must be at least 1"),
        (["render"], "no country given"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, tmp_path, argv, message):
    assert main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not any(tmp_path.iterdir())  # nothing written


def test_missing_profile_file_exits_2(capsys, tmp_path):
    assert (
        main(["render", "Belgium", "--profile", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
        == 2
    )
    assert "profile text not found" in capsys.readouterr().err


def test_notebook_parameters_cell_is_tagged():
    import nbformat

    nb = nbformat.read(COUNTRY_NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name in ("country", "edition", "compare_edition", "profile"):
        assert f"{name} = " in tagged[0].source


# ------------------------------------------------------------------ reports of every kind


def test_site_is_257_reports_each_once_longest_first(site_jobs):
    kinds = [job.kind for job in site_jobs]
    assert len(site_jobs) == 257
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "world": 1,
        "continent": 5,
        "region": 22,
        "indicator": 36,  # 4 composites and the 32 indicators 2023 scores
        "country": 193,
    }
    assert len({job.stem for job in site_jobs}) == 257
    assert site_jobs[0].stem == "world"
    assert [job.kind for job in site_jobs[1:6]] == ["continent"] * 5
    places = [plan.order(job) for job in site_jobs]
    assert places == sorted(places, reverse=True)
    assert site_jobs[6].stem == "region-central-and-eastern-europe"  # the largest region (17)


def test_summary_stems_titles_and_parameters(tmp_path):
    [world] = plan.plan(edition=2023, formats=("html",), out=tmp_path, world=True)
    assert world.path("html") == tmp_path.resolve() / "2023" / "world.html"
    assert world.title == "World: Global Organized Crime Index 2023"
    assert world.parameters == {"scope": "world", "name": None, "edition": 2023}
    assert Path(world.notebook) == SUMMARY_NOTEBOOK.resolve() and world.iso3 == ""
    continents = plan.plan(edition=2021, formats=("html",), out=tmp_path, continents=True)
    assert sorted(job.stem for job in continents) == [
        "continent-africa",
        "continent-americas",
        "continent-asia",
        "continent-europe",
        "continent-oceania",
    ]
    regions = plan.plan(edition=2023, formats=("html",), out=tmp_path, regions=True)
    western = next(job for job in regions if job.name == "Western Europe")
    assert len(regions) == 22 and western.stem == "region-western-europe"
    assert western.title == "Western Europe: Global Organized Crime Index 2023"
    assert western.parameters == {"scope": "region", "name": "Western Europe", "edition": 2023}
    assert "region-central-and-eastern-europe" in {job.stem for job in regions}


def test_named_regions_and_continents_only(tmp_path):
    chosen = plan.plan(
        edition=2023,
        formats=("html",),
        out=tmp_path,
        regions=["western europe", "Caribbean"],
        continents=["AFRICA"],
    )
    assert sorted(job.stem for job in chosen) == [
        "continent-africa",
        "region-caribbean",
        "region-western-europe",
    ]
    with pytest.raises(ArgumentError, match="did you mean 'Western Europe'"):
        plan.plan(edition=2023, formats=("html",), out=tmp_path, regions=["Westrn Europe"])
    # --site renders every region whatever is named
    site = plan.plan(
        edition=2023, formats=("html",), out=tmp_path, site=True, regions=["Caribbean"]
    )
    assert sum(job.kind == "region" for job in site) == 22


def test_cli_named_regions(monkeypatch, tmp_path):
    from ocanalysis.cli import build_parser

    args = build_parser().parse_args(["render", "--regions", "Caribbean", "--continents"])
    assert args.regions == ["Caribbean"] and args.continents == []
    assert build_parser().parse_args(["render", "BEL"]).regions is None


def test_compare_keeps_the_order_given_and_validates(tmp_path):
    [job] = plan.plan(
        edition=2023, formats=("html",), out=tmp_path, compare=[["nld", "Belgium", "FR"]]
    )
    assert job.kind == "compare" and job.stem == "compare-NLD-BEL-FRA"
    assert job.name == "Netherlands, Belgium, France"
    assert job.title == "Netherlands, Belgium, France: Global Organized Crime Index 2023"
    assert job.parameters == {"countries": ["NLD", "BEL", "FRA"], "edition": 2023}
    assert Path(job.notebook) == COMPARISON_NOTEBOOK.resolve()
    six = ["BEL", "NLD", "FRA", "DEU", "LUX", "AUT"]
    assert plan.compare_job(six, 2023, formats=("html",), out=tmp_path).stem.count("-") == 6
    for names, message in [
        (["Belgium"], "--compare needs 2 to 6 countries, not 1"),
        ([*six, "ITA"], "--compare needs 2 to 6 countries, not 7"),
        (["Belgium", "bel"], "--compare names Belgium twice"),
    ]:
        with pytest.raises(ArgumentError, match=message):
            plan.compare_job(names, 2023, formats=("html",), out=tmp_path)


def test_related_links_only_reports_planned_or_already_there(tmp_path):
    def belgium(**options):
        jobs = plan.plan(["Belgium"], 2023, formats=("html",), out=tmp_path, **options)
        return next(job for job in jobs if job.kind == "country")

    alone = belgium()
    assert alone.parameters["related"] is None
    with_regions = belgium(regions=True)
    assert with_regions.parameters["related"] == {"region": "region-western-europe.html"}
    assert with_regions.key != alone.key  # a region report appearing changes the country's key
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "continent-europe.html").write_text("x")
    assert belgium(regions=True).parameters["related"] == {
        "region": "region-western-europe.html",
        "continent": "continent-europe.html",
    }
    assert belgium().parameters["related"] == {"continent": "continent-europe.html"}
    peru = plan.plan(["Peru"], 2023, formats=("html",), out=tmp_path, continents=True)
    assert peru[-1].parameters["related"] == {"continent": "continent-americas.html"}


def test_the_same_comparison_twice_is_one_report(tmp_path):
    jobs = plan.plan(
        edition=2023, formats=("html",), out=tmp_path, compare=[["BEL", "NLD"], ["be", "nl"]]
    )
    assert [job.stem for job in jobs] == ["compare-BEL-NLD"]


@pytest.mark.parametrize(
    "argv, stems",
    [
        (["--world"], ["world"]),
        (["--continents"], None),
        (["--regions", "--world"], None),
        (["--compare", "Belgium", "nld"], ["compare-BEL-NLD"]),
        (["Peru", "--compare", "BEL", "NLD", "--compare", "FRA", "DEU"], None),
        (["Belgium", "--region", "Western Europe", "--world"], None),
    ],
)
def test_cli_flags_choose_the_reports(recorded_render, argv, stems):
    status, jobs = recorded_render(*argv, "--edition", "2023")
    assert status == 0
    found = [job.stem for job in jobs]
    expected = {
        "--world": ["world"],
        "--continents": [f"continent-{s}" for s in ("africa", "asia", "europe", "americas")]
        + ["continent-oceania"],
    }
    if stems is not None:
        assert found == stems
    if argv == ["--continents"]:
        assert found == expected["--continents"]  # the largest continent first
    if argv == ["--regions", "--world"]:
        assert found[0] == "world" and len(found) == 23
        assert {job.kind for job in jobs[1:]} == {"region"}
    if argv[0] == "Peru":
        assert found == ["compare-BEL-NLD", "compare-FRA-DEU", "PER-peru"]
    if argv[0] == "Belgium":
        assert found[0] == "world" and len(found) == 12
        belgium = next(job for job in jobs if job.stem == "BEL-belgium")
        assert belgium.parameters["related"] is None  # no region or continent report
        assert found[1:] == [layout.stem(c.iso3) for c in plan.select([], region="Western Europe")]


def test_cli_site_is_everything(recorded_render):
    status, jobs = recorded_render("--site")
    assert status == 0 and len(jobs) == 257
    belgium = next(job for job in jobs if job.stem == "BEL-belgium")
    assert belgium.parameters["related"] == {
        "region": "region-western-europe.html",
        "continent": "continent-europe.html",
    }


def test_cli_country_selection_works_as_before(recorded_render):
    status, jobs = recorded_render("--region", "Western Europe", "Peru", "--edition", "2023")
    assert status == 0 and len(jobs) == 12 and {job.kind for job in jobs} == {"country"}
    assert jobs[0].parameters == {
        "country": "AND",  # Andorra: the countries in name order, as before
        "edition": 2023,
        "compare_edition": None,
        "profile": None,
        "related": None,
    }


@pytest.mark.parametrize(
    "argv, message",
    [
        (["render", "--compare", "Belgium"], "--compare needs 2 to 6 countries, not 1 (Belgium)"),
        (["render", "--compare", "BEL", "Belgium"], "--compare names Belgium twice"),
        (
            ["render", "--compare", "BEL", "NLD", "FRA", "DEU", "LUX", "AUT", "ITA"],
            "--compare needs 2 to 6 countries, not 7",
        ),
        (["render", "--compare", "BEL", "Atlantis"], "unknown country 'Atlantis'"),
        (["render", "--world", "--profile", "x.txt"], "--profile is for one country"),
    ],
)
def test_bad_report_arguments_exit_2_with_one_line(capsys, tmp_path, argv, message):
    assert main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not any(tmp_path.iterdir())


def test_summary_notebooks_parameters_cells():
    import nbformat

    for path, names in (
        (SUMMARY_NOTEBOOK, ('scope = "world"', "name = None", "edition = None")),
        (COMPARISON_NOTEBOOK, ('countries = ["Belgium", "Netherlands"]', "edition = None")),
        (COUNTRY_NOTEBOOK, ("related = None",)),
    ):
        nb = nbformat.read(path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path
        for name in names:
            assert name in tagged[0].source, (path, name)


def test_indicator_jobs_every_measure_of_every_edition(tmp_path):
    from ocanalysis import catalogue

    for edition in (2021, 2023, 2025):
        jobs = plan.plan(edition=edition, formats=("html",), out=tmp_path, indicators=True)
        scored = [m.id for m in catalogue.ALL_MEASURES if m.in_edition(edition)]
        assert [job.parameters["indicator"] for job in jobs] == scored
        assert {job.kind for job in jobs} == {"indicator"}
        assert len({job.stem for job in jobs}) == len(scored)
    [job] = plan.plan(edition=2023, formats=("html",), out=tmp_path, indicators=["Law enforcement"])
    assert job.stem == "indicator-law-enforcement"
    assert job.title == "Law enforcement: Global Organized Crime Index 2023"
    with pytest.raises(ArgumentError, match="first scored in 2023"):
        plan.plan(edition=2021, formats=("html",), out=tmp_path, indicators=["financial crimes"])


def test_every_kind_is_one_registered_record():
    from ocanalysis.render import job as job_module
    from ocanalysis.render import kinds

    assert job_module.KINDS == tuple(kinds.REGISTRY)
    for kind in kinds.REGISTRY.values():
        assert kind.notebook is None or kind.notebook.exists(), kind.name
