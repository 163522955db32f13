"""The reports' languages: catalogues complete and in step with the code, grammar of ranks and
numbers, and no English left in a French, Spanish or Portuguese report."""

from __future__ import annotations

import ast
import importlib.util
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from english_left import english_left, english_words, page_text

from ocanalysis import i18n

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ocanalysis"
OTHERS = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT)


def _messages_tool():
    spec = importlib.util.spec_from_file_location("messages", ROOT / "tools" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fields(text: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None}


def _strings(message) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)


# --- the catalogues -------------------------------------------------------------------------------


def test_every_message_of_the_code_is_in_its_template_and_translated():
    """tools/messages.py --check: the templates hold exactly the code's messages and every
    language translates each (a new _() call fails here until it is extracted and translated)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "messages.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", OTHERS)
def test_translations_keep_every_placeholder(lang):
    """A translation names the same {placeholders} as its message: no value lost or invented."""
    problems = []
    for path in i18n.catalogue_files(lang):
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            wanted = set().union(*(_fields(m) for m in _strings(message.id)))
            for translated in _strings(message.string):
                if translated and _fields(translated) != wanted:
                    problems.append(f"{path.name}: {message.id!r}: {translated!r}")
    assert not problems, "\n".join(problems)


def test_the_checker_sees_a_missing_translation(tmp_path, monkeypatch):
    """The completeness check can fail: a catalogue with one translation taken out."""
    tool = _messages_tool()
    template = tool.template("report")
    catalog = tool.updated("fr", "report", template)
    assert tool.untranslated(catalog) == []
    first = next(m for m in catalog if m.id)
    first.string = ""
    assert tool.untranslated(catalog) == [first.id]


def test_no_module_rebinds_the_gettext_function():
    """A module that imports ``_`` must not bind it again (``for _, x in …`` or ``a, _ = …``):
    that makes ``_`` a local name and ``_()`` fails in that function."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(
            isinstance(node, ast.ImportFrom)
            and (node.module or "").endswith("i18n")
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


# --- grammar ---------------------------------------------------------------------------------------

RANKS = [
    ("en", 129, 193, "global", "", "129th of 193 countries"),
    ("en", 7, 11, "region", "Western Europe", "7th of 11 Western European countries"),
    ("fr", 1, 193, "global", "", "1er sur 193 pays"),
    ("fr", 129, 193, "global", "", "129e sur 193 pays"),
    ("fr", 29, 44, "continent", "Europe", "29e sur 44 pays européens"),
    ("fr", 7, 11, "region", "Western Europe", "7e sur 11 pays d'Europe de l'Ouest"),
    ("es", 7, 11, "region", "Western Europe", "7.º de 11 países de Europa Occidental"),
    ("es", 1, 16, "region", "West Africa", "1.º de 16 países de África Occidental"),
    ("es", 3, 13, "region", "Caribbean", "3.º de 13 países del Caribe"),
    ("pt", 2, 54, "continent", "Africa", "2.º de 54 países africanos"),
    ("pt", 7, 11, "region", "Western Europe", "7.º de 11 países da Europa Ocidental"),
    ("pt", 5, 13, "region", "Caribbean", "5.º de 13 países das Caraíbas"),
]


@pytest.mark.parametrize(("lang", "rank", "count", "level", "name", "expected"), RANKS)
def test_rank_phrases_have_each_languages_grammar(lang, rank, count, level, name, expected):
    with i18n.use(lang):
        assert i18n.rank_phrase(rank, count, level, name) == expected


def test_numbers_and_shares_in_each_languages_format():
    nbsp = "\xa0"
    with i18n.use("fr"):
        assert (i18n.number(4.43), i18n.percent(0.7943, 1)) == ("4,43", f"79,4{nbsp}%")
        assert i18n.integer(12345) == "12\u202f345"
    with i18n.use("es"):
        assert (i18n.number(4.43), i18n.percent(0.62)) == ("4,43", f"62{nbsp}%")
    with i18n.use("pt"):
        assert (i18n.number(4.43), i18n.percent(0.62)) == ("4,43", "62%")
    assert (i18n.number(4.43), i18n.percent(0.62)) == ("4.43", "62%")


def test_portuguese_is_portugals():
    """The catalogues are European Portuguese: so are the country names and numbers (CLDR's
    "pt" is Brazil's)."""
    with i18n.use("pt"):
        assert [i18n.country(c) for c in ("IRN", "KEN", "VNM")] == ["Irão", "Quénia", "Vietname"]
        assert i18n.number(1234.5) == "1\xa0234,50"


def test_an_unknown_language_is_one_line():
    with pytest.raises(
        i18n.ArgumentError, match=r"^unknown language 'de' \(languages: en, fr, es, pt\)$"
    ):
        i18n.check_language("de")


def test_english_keeps_the_publishers_labels():
    from ocanalysis import catalogue

    for measure in catalogue.ALL_MEASURES:
        assert i18n.label(measure.id) == measure.label


# --- no English left in a report -------------------------------------------------------------------


def test_the_checker_finds_english():
    page = '<p>Belgique</p><img alt="Scores of the region" src="x.png"><p lang="en">the text</p>'
    assert len(english_words(page_text(page))) == 3  # of, the, region; the English part skipped
    assert "the text" not in page_text(page)
    assert english_words(page_text("<p>Score de la région</p>")) == []
    assert english_left("<p>Rank under perturbation</p>", "fr") == [
        "Rank under perturbation",
        "Rank under perturbation",  # the message's words, and the English word 'rank'
    ]


@pytest.fixture(scope="session")
def rendered_languages(tmp_path_factory):
    """Belgium's 2023 report in each language (HTML and PDF), rendered once: {lang: (html, pdf
    path)}."""
    from ocanalysis.render import batch, plan

    out = tmp_path_factory.mktemp("languages")
    jobs = [
        job
        for lang in OTHERS
        for job in plan.plan(["Belgium"], 2023, formats=("html", "pdf"), out=out, lang=lang)
    ]
    summary = batch.run(jobs, workers=1, show_progress=False)
    assert not summary.failed, summary.text()
    reports = {}
    for lang, outcome in zip(OTHERS, summary.outcomes, strict=True):
        paths = {Path(p).suffix: Path(p) for p in outcome.outputs}
        reports[lang] = (paths[".html"].read_text(encoding="utf-8"), paths[".pdf"])
    return reports


@pytest.mark.slow
@pytest.mark.parametrize("lang", OTHERS)
def test_a_country_report_has_no_english_left(rendered_languages, lang):
    page, _pdf = rendered_languages[lang]
    assert f'<html lang="{lang}">' in page
    left = english_left(page, lang)
    assert not left, "\n".join(left)


@pytest.mark.slow
def test_a_french_report_says_its_ranks_in_french(rendered_languages):
    text = page_text(rendered_languages["fr"][0])
    assert "Belgique : rapport pays" in text
    assert "129e sur 193 pays" in text and "29e sur 44 pays européens" in text
    assert "Criminalité 4,43" in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", OTHERS)
def test_each_languages_pdf_is_tagged_in_its_language(rendered_languages, lang):
    """The structure-tree check of the accessibility tests, on each language's PDF: tagged,
    /Lang the report's, every figure a /Figure with its (translated) alt text; pdfinfo agrees."""
    import html as html_module
    import shutil

    sys.path.insert(0, str(ROOT / "tests" / "render"))
    from accessibility import pdf_problems

    page, pdf = rendered_languages[lang]
    (title,) = re.findall(r"<title>(.*?)</title>", page)
    images = len(re.findall(r"<img\b", page))
    problems = pdf_problems(
        pdf.read_bytes(), title=html_module.unescape(title), lang=lang, figures=images
    )
    assert problems == []
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
