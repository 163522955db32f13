"""The explorer's views and widgets (no browser: tests/test_explore_browser.py drives one)."""

from __future__ import annotations

import html

import pytest

from ocanalysis import i18n
from ocanalysis.cli import main
from ocanalysis.explorer import country_view, explore, indicator_view


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("name", ["CIV", "Côte d'Ivoire", "be", "Saint Vincent and the Grenadines"])
def test_any_name_alias_or_code_in_any_language(name, lang):
    view = country_view(name, 2025, compare_with="World", indicator="law_enforcement", lang=lang)
    assert view.count("<figure") == 3 and "<script" not in view
    assert i18n.language() == "en"  # the view leaves the caller's language as it was


@pytest.mark.parametrize("group", ["World", "africa", "Western Europe", "NLD", "Micronesia"])
def test_compare_with_a_country_or_any_group(group):
    assert "Kiribati and " in country_view("Kiribati", 2025, compare_with=group)


def test_refused_input_is_one_line_in_the_widget_and_the_view_stays():
    explorer = explore("Peru", 2023)
    view = explorer.view.value
    for control, value, says in (
        ("country", "Atlantis", "unknown country 'Atlantis'"),
        ("country", "", "type a country"),
        ("compare_with", "Narnia", "unknown country 'Narnia'"),
    ):
        explorer.controls[control].value = value
        message = html.unescape(explorer.message.value)
        assert says in message and "\n" not in message
        assert explorer.view.value == view
        explorer.controls["country"].value = "Peru"
        explorer.controls["compare_with"].value = ""
    explorer.controls["edition"].value = 2021
    explorer.controls["indicator"].value = "financial_crimes"  # first scored in 2023
    assert "first scored in 2023" in html.unescape(explorer.message.value)


def test_every_control_changes_the_view():
    explorer = explore("Peru", 2023)
    for control, value in (
        ("country", "Kenya"),
        ("edition", 2025),
        ("compare_with", "East Africa"),
        ("indicator", "cocaine_trade"),
        ("lang", "fr"),
    ):
        before = explorer.view.value
        explorer.controls[control].value = value
        assert explorer.view.value != before and not explorer.message.value, control
    assert "Kenya, 2025" in explorer.view.value


def test_the_indicator_explorer():
    assert "Comercio de cocaína" in indicator_view("Cocaine trade", 2025, lang="es")
    explorer = explore.indicator("prevention", 2023)
    explorer.controls["edition"].value = 2021
    assert "2021" in explorer.view.value


def test_explore_without_serve_says_what_to_do(capsys):
    assert main(["explore"]) == 2
    assert "explore --serve starts the app" in capsys.readouterr().err


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_controls_speak_the_chosen_language(lang):
    explorer = explore("Peru", 2023)
    explorer.controls["lang"].value = lang
    with i18n.use(lang):
        assert explorer.controls["country"].description == i18n._("Country")
        assert explorer.controls["lang"].description == i18n._("Language")
    if lang != "en":
        assert explorer.controls["country"].description != "Country"
    explorer.controls["compare_with"].value = {
        "en": "World",
        "fr": "Monde",
        "es": "Mundo",
        "pt": "Mundo",
    }[lang]
    assert not explorer.message.value


def test_the_packages_explore_stays_a_function_after_its_module_is_imported():
    """``ocanalysis.explore`` is called again and again in a class's notebook: importing the
    module that builds it must not replace it (a module named ``explore`` did)."""
    import ocanalysis

    for name in ("Kenya", "Peru"):
        assert name in ocanalysis.explore(name, 2023).view.value
    assert callable(ocanalysis.explore) and callable(ocanalysis.explore.indicator)
