"""Planning a render: formats, the output layout, selecting countries, arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocanalysis.cli import main
from ocanalysis.errors import ArgumentError
from ocanalysis.render import COUNTRY_NOTEBOOK, exporters, layout, plan


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
    overview = nbformat.read(
        Path(COUNTRY_NOTEBOOK).with_name("global_overview.ipynb"), as_version=4
    )
    assert any(
        "parameters" in c.metadata.get("tags", []) and "edition = None" in c.source
        for c in overview.cells
    )
