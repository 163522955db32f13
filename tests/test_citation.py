"""CITATION.cff and `ocanalysis cite` (src/ocanalysis/citation.py, the one source)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml  # PyYAML comes with papermill

import ocanalysis
from ocanalysis import citation, dataset
from ocanalysis.cli import main
from ocanalysis.report import summary, text

ROOT = Path(__file__).resolve().parents[1]

# CFF 1.2.0 (https://github.com/citation-file-format/citation-file-format, schema.json): the keys
# a file may have, those it must have, and the reference types used here.
CFF_KEYS = set(
    "abstract authors cff-version commit contact date-released doi identifiers keywords license "
    "license-url message preferred-citation references repository repository-artifact "
    "repository-code title type url version".split()
)
CFF_REQUIRED = {"authors", "cff-version", "message", "title"}
REFERENCE_REQUIRED = {"authors", "title", "type"}


@pytest.fixture(scope="module")
def cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0(cff):
    assert cff["cff-version"] == "1.2.0"
    assert CFF_REQUIRED <= set(cff) <= CFF_KEYS
    assert cff["type"] in {"software", "dataset"}
    for person in cff["authors"]:
        assert isinstance(person.get("name") or person.get("family-names"), str)
    for reference in cff["references"]:
        assert REFERENCE_REQUIRED <= set(reference)
        assert all("name" in author for author in reference["authors"])
        assert isinstance(reference["year"], int)


def test_citation_cff_states_what_the_package_and_the_reports_state(cff):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert cff["version"] == ocanalysis.__version__ == project["version"]
    assert cff["license"] == citation.PACKAGE_LICENSE == project["license"]
    assert cff["title"] == citation.PACKAGE_TITLE
    assert str(cff["date-released"]) == citation.PACKAGE_RELEASED
    assert cff["abstract"] == citation.PACKAGE_ABSTRACT == project["description"]
    assert [a["name"] for a in cff["authors"]] == [citation.PACKAGE_AUTHORS]
    assert [a["name"] for a in project["authors"]] == [citation.PACKAGE_AUTHORS]
    references = {r["year"]: r for r in cff["references"]}
    assert sorted(references) == list(dataset.editions())
    for edition, reference in references.items():
        assert reference["title"] == citation.report_title(edition)
        assert reference["url"] == citation.INDEX_URL
        names = [a["name"] for a in reference["authors"]]
        assert names == [citation.PUBLISHER_NAME, citation.PARTNER_NAME]


def test_the_reports_cite_from_the_citation_module():
    assert text.citation(2023) == citation.publisher_citation(2023)
    html = text.source_and_citation(2025).data
    assert f"{citation.PUBLISHER} 2025, " in html and f'href="{citation.INDEX_URL}"' in html
    assert (
        f"{citation.PUBLISHER} 2023, "
        in summary.source_and_citation(summary.context("world", None, 2023)).data
    )


def test_the_readme_cites_as_the_reports_do():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert citation.publisher_citation(2023) in readme


def test_cite_prints_the_editions_and_the_packages_citation(capsys):
    assert main(["cite", "--edition", "2021"]) == 0
    out = capsys.readouterr().out
    assert citation.publisher_citation(2021) in out and citation.package_citation() in out
    assert main(["cite"]) == 0
    latest = max(dataset.editions())
    assert f"Global Organized Crime Index {latest}, https://ocindex.net." in capsys.readouterr().out


def test_cite_bibtex_is_two_balanced_entries(capsys):
    assert main(["cite", "-e", "2023", "--format", "bibtex"]) == 0
    out = capsys.readouterr().out
    entries = re.findall(r"^@(\w+)\{([\w]+),$", out, flags=re.M)
    assert entries == [("techreport", "gitoc_ocindex_2023"), ("software", "ocanalysis")]
    assert out.count("{") == out.count("}")
    assert "title = {Global Organized Crime Index 2023}" in out
    assert f"version = {{{ocanalysis.__version__}}}" in out


def test_cite_of_an_unknown_edition_is_one_line_exit_2(capsys):
    assert main(["cite", "-e", "1999"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "unknown edition '1999'" in captured.err
