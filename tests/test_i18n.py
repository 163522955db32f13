"""The reports' languages: catalogues complete and in step with the code, grammar of ranks and
numbers, and no English left in a French, Spanish or Portuguese report."""

from __future__ import annotations

import ast
import base64
import html.parser
import importlib.util
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

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


class _Text(html.parser.HTMLParser):
    """A page's words a reader meets: text, alt texts, the title, and the text of the SVG charts
    embedded as data URIs; leaving out whatever is marked lang="en" (the profile's narrative, the
    publisher's title in the citation), style and the parameters' code."""

    SKIP = {"style", "script", "code", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []

    def _skipping(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIP or attrs.get("lang", "").startswith("en")
        void = tag in {"img", "meta", "link", "br", "hr", "input"}
        if not void:
            self._stack.append(skip)
        if self._skipping() or skip:
            return
        for name in ("alt", "aria-label", "title"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        src = attrs.get("src") or ""
        if src.startswith("data:image/svg+xml;base64,"):
            svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
            svg_text = _Text()
            svg_text.feed(svg)
            self.parts.extend(svg_text.parts)

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


# Words that are English and no word of French, Spanish or Portuguese; proper names (the index's
# title, the publisher's, file names, Natural Earth, Equal Earth) hold none of them but "of" and
# "and" in titles, which are taken out first.
PROPER_NAMES = (
    "Global Organized Crime Index",
    "Global Initiative Against Transnational Organized Crime",
    "Natural Earth",
    "Equal Earth",
)
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|with|which|between|countries|country|score is|higher|lower|mean|"
    r"rank|ranks|ranked|edition|editions|published|report|region|change|like for like|"
    r"indicators?|criminality|resilience|markets|actors|highest|lowest|percentile|runs|see also)\b",
    re.IGNORECASE,
)


def english_left(text: str) -> list[str]:
    """The English words in ``text``, each with a little context (proper names taken out)."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    found = []
    for match in ENGLISH_WORDS.finditer(text):
        start, end = max(0, match.start() - 30), match.end() + 30
        found.append(text[start:end])
    return found


def test_the_checker_finds_english():
    page = '<p>Belgique</p><img alt="Scores of the region" src="x.png"><p lang="en">the text</p>'
    assert len(english_left(page_text(page))) == 3  # scores, of, the; the English part skipped
    assert "the text" not in page_text(page)
    assert english_left(page_text("<p>Score de la région</p>")) == []


@pytest.fixture(scope="session")
def rendered_languages(tmp_path_factory):
    """Belgium's 2023 report in each language (HTML), rendered once."""
    from ocanalysis.render import batch, plan

    out = tmp_path_factory.mktemp("languages")
    pages = {}
    for lang in OTHERS:
        jobs = plan.plan(["Belgium"], 2023, formats=("html",), out=out, lang=lang)
        summary = batch.run(jobs, workers=1, show_progress=False)
        assert not summary.failed, summary.text()
        (path,) = summary.outcomes[0].outputs
        pages[lang] = Path(path).read_text(encoding="utf-8")
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("lang", OTHERS)
def test_a_country_report_has_no_english_left(rendered_languages, lang):
    page = rendered_languages[lang]
    assert f'<html lang="{lang}">' in page
    left = english_left(page_text(page))
    assert not left, "\n".join(left)


@pytest.mark.slow
def test_a_french_report_says_its_ranks_in_french(rendered_languages):
    text = page_text(rendered_languages["fr"])
    assert "Belgique : rapport pays" in text
    assert "129e sur 193 pays" in text and "29e sur 44 pays européens" in text
    assert "Criminalité 4,43" in text
