"""The documentation site (docs/, `make docs`) as a reader gets it: built with no warning, every
internal link and anchor resolves, nothing is loaded from outside, every page passes axe-core at
WCAG 2.1 AA, the command-line reference covers every command and option of the parsers, the API
reference every public name, and the notebooks show their figures with alt texts and without
the solutions.

The site is built once per session, incrementally, as `make docs` builds it (the notebooks run
only when they or the package changed). The guide's examples run in test_readme.py, its
doctests under pytest's --doctest-glob."""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT

DOCS = ROOT / "docs"
SITE = DOCS / "_build" / "html"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def public_modules() -> list[str]:
    """The package and every module of it named without a leading underscore that declares
    ``__all__``: the API reference must list each of their public names."""
    import pkgutil

    import ocanalysis

    names = ["ocanalysis"]
    for found in pkgutil.walk_packages(ocanalysis.__path__, "ocanalysis."):
        if not any(part.startswith("_") for part in found.name.split(".")):
            if hasattr(importlib.import_module(found.name), "__all__"):
                names.append(found.name)
    return names


NOTEBOOK_PAGES = [
    "notebooks/01_what_the_index_measures.html",
    "notebooks/02_comparing_countries.html",
    "notebooks/03_change_and_comparability.html",
    "notebooks/04_how_robust_are_rankings.html",
    "notebooks/gallery.html",
]


def build_command(out: Path = SITE) -> list[str]:
    """`make docs`'s command (the Makefile's docs target)."""
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-d",
        str(out.parent / "doctrees"),
        str(DOCS),
        str(out),
    ]


@pytest.fixture(scope="session")
def site() -> Path:
    result = subprocess.run(build_command(), capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-4000:]
    return SITE


class Page(HTMLParser):
    """One built page: its ids and every URL it points at (``(tag, attribute, url)``), and the
    images with their alt text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []
        self.images: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name"):
            if attributes.get(name) and (name == "id" or tag == "a"):
                self.ids.add(attributes[name])
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.urls.append((tag, name, attributes[name]))
        if tag == "img":
            self.images.append(attributes)


def pages(site: Path) -> dict[Path, Page]:
    return {path: Page(path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))}


def broken_links(site: Path) -> list[str]:
    """Every href/src of every page that is not on the web and does not resolve to a file of
    the site (and, with a fragment, to an id in that page)."""
    root = site.resolve()
    parsed = {path.resolve(): page for path, page in pages(site).items()}
    problems = []
    for path, page in parsed.items():
        for tag, attribute, url in page.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "data", "javascript"):
                continue
            where = f"{path.relative_to(root)}: <{tag} {attribute}={url!r}>"
            if parts.scheme or parts.netloc:
                problems.append(f"{where}: not a link inside the site")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or root not in target.parents:
                problems.append(f"{where}: no such file in the site")
            elif parts.fragment and target in parsed:
                if unquote(parts.fragment) not in parsed[target].ids:
                    problems.append(f"{where}: no such anchor")
    return problems


def test_every_internal_link_and_anchor_resolves(site):
    assert len(list(site.rglob("*.html"))) > 30
    assert broken_links(site) == []


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "index.html").write_text(
        '<p id="here"><a href="#here">ok</a> <a href="other.html#there">no anchor</a>'
        ' <a href="gone.html">no page</a> <img src="_images/a.png" alt="a"></p>'
    )
    (tmp_path / "other.html").write_text('<h1 id="elsewhere">other</h1>')
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "a.png").write_bytes(b"")
    problems = broken_links(tmp_path)
    assert len(problems) == 2
    assert "other.html#there" in problems[0] + problems[1]
    assert "gone.html" in problems[0] + problems[1]


def test_the_site_loads_nothing_from_outside(site):
    """Scripts, stylesheets, images and frames are the site's own files: it opens from
    file:// with no network (links to other sites, <a href>, are fine)."""
    fetched = [
        f"{path.relative_to(site)}: <{tag} {attribute}={url!r}>"
        for path, page in pages(site).items()
        for tag, attribute, url in page.urls
        if tag != "a" and (urlsplit(url).scheme in ("http", "https") or url.startswith("//"))
    ]
    assert fetched == []


@pytest.mark.slow
def test_every_page_passes_axe_core_at_wcag_21_aa(site):
    from chromium_cdp import axe_source, axe_violations, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("chromium not installed (Debian package `chromium`; .ci/run installs it)")
    every_page = sorted(site.rglob("*.html"))
    found = axe_violations(every_page, chromium, axe_source(), WCAG_21_AA, timeout=300)
    problems = [
        f"{page.relative_to(site)}: {v['id']} ({v['impact']}) at {', '.join(v['targets'][:3])}"
        for page, violations in found.items()
        for v in violations
    ]
    assert problems == []


def _parsers():
    """Every parser of the command line with its path of subcommands, walked here on its own
    (not by the site's extension, which this checks)."""
    import argparse

    from ocanalysis.cli import build_parser

    todo = [((), build_parser())]
    while todo:
        path, parser = todo.pop(0)
        yield path, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [((*path, name), sub) for name, sub in action.choices.items()]


class Sections(HTMLParser):
    """The text of each <section id=...> of a page (nested sections' text included)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, list[str]] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            section = dict(attrs).get("id")
            self.open.append(section)
            if section:
                self.text[section] = []

    def handle_endtag(self, tag):
        if tag == "section" and self.open:
            self.open.pop()

    def handle_data(self, data):
        for section in self.open:
            if section:
                self.text[section].append(data)


def test_the_cli_reference_covers_every_command_and_option(site):
    import argparse

    from ocanalysis.cli import COMMANDS

    sections = Sections((site / "cli.html").read_text(encoding="utf-8")).text
    missing = []
    paths = []
    for path, parser in _parsers():
        paths.append(path)
        section_id = "cli-" + ("-".join(path) if path else "ocanalysis")
        if section_id not in sections:
            missing.append(f"{section_id}: no section")
            continue
        text = "".join(sections[section_id])
        for action in parser._actions:
            if action.help == argparse.SUPPRESS:  # hidden from --help, so from the page too
                continue
            for word in action.option_strings or [action.metavar or action.dest]:
                if word not in text:
                    missing.append(f"{section_id}: {word}")
        if parser.epilog and " ".join(parser.epilog.split()[:6]) not in " ".join(text.split()):
            missing.append(f"{section_id}: its epilog")
    assert {path[0] for path in paths if path} == set(COMMANDS)
    assert ("data", "build") in paths
    assert missing == []


def _is_submodule(module, name: str) -> bool:
    return hasattr(module, "__path__") and importlib.util.find_spec(f"{module.__name__}.{name}")


def test_the_api_reference_lists_every_public_name(site):
    ids = set()
    signatures = ""
    for page in (site / "api").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        ids |= Page(text).ids
        signatures += text
    missing = []
    modules = public_modules()
    assert {"ocanalysis.analysis", "ocanalysis.figures", "ocanalysis.report"} <= set(modules)
    for module_name in modules:
        module = importlib.import_module(module_name)
        assert f"module-{module_name}" in ids, module_name
        for name in module.__all__:
            full_name = f"{module_name}.{name}"
            if name == "__version__" or full_name in ids:
                continue
            if _is_submodule(module, name):
                # its own section; a function of the same name (ocanalysis.explore) is shown
                # on its package's page without a target of its own
                if f"module-{full_name}" not in ids:
                    missing.append(f"module {full_name}")
                value = getattr(module, name)
                shown = f'{name}</span></span><span class="sig-paren">(' in signatures
                if callable(value) and not isinstance(value, type(module)) and not shown:
                    missing.append(f"function {full_name}")
            else:
                missing.append(full_name)
    assert missing == []


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_the_notebooks_show_their_figures_with_alt_text_and_no_solutions(site, name):
    page = Page((site / name).read_text(encoding="utf-8"))
    figures = [image for image in page.images if "_images/" in image.get("src", "")]
    assert figures, f"{name}: no figure"
    # Without an alt text docutils writes the file's name: that is no description either.
    undescribed = [
        image["src"]
        for image in figures
        if not image.get("alt", "").strip() or image["alt"].endswith((".png", ".svg", ".jpg"))
    ]
    assert undescribed == []
    text = (site / name).read_text(encoding="utf-8")
    assert "# Solution" not in text and "Solution 1" not in text


def test_no_executed_notebook_is_committed():
    """The pages' notebooks are generated (docs/notebooks/); the sources stay without outputs."""
    tracked = subprocess.run(
        ["git", "ls-files", "docs/notebooks", "docs/_build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert tracked.stdout == ""
