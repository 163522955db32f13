"""Report helpers: wording of ranks, escaping of every input-derived text, figures as data URIs."""

from __future__ import annotations

import base64
import re
from types import SimpleNamespace

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from ocanalysis import catalogue, report  # noqa: E402
from ocanalysis.analysis import sensitivity  # noqa: E402
from ocanalysis.errors import ArgumentError  # noqa: E402
from ocanalysis.report import markup, sections, text  # noqa: E402

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>'
)


def test_scores_table_states_every_measure_and_the_three_rank_levels():
    ctx = report.context("Belgium", 2023)
    html = report.scores_table(ctx.profile).data
    for phrase in (
        "129th of 193 countries",
        "29th of 44 European countries",
        "7th of 11 Western European countries",
        "25th of 193 countries",
    ):
        assert phrase in html
    for measure in catalogue.COMPOSITES + catalogue.indicators(2023):
        assert f"<td>{markup.esc(measure.label)}" in html
    assert ">4.43<" in html and ">7.04<" in html


def test_2021_report_lists_only_the_26_indicators_of_2021():
    html = report.scores_table(report.context("Belgium", 2021).profile).data
    assert "Financial crimes" not in html and "Human trafficking" in html


def test_compare_edition_defaults_to_the_previous_and_never_the_same():
    assert report.context("BEL", 2025).compare_edition == 2023
    assert report.context("BEL", 2021).compare_edition is None
    with pytest.raises(ArgumentError):
        report.context("BEL", 2023, compare_edition=2023)


def test_narrative_escapes_everything_and_keeps_paragraphs():
    parsed = SimpleNamespace(narrative={"People <b>": f"First {HOSTILE}\nstill first.\n\nSecond."})
    html = report.narrative(parsed).data
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h3>People &lt;b&gt;</h3>" in html
    assert html.count("<p>") == 2


def test_a_report_without_profile_has_no_narrative_section_nor_its_contents_entry():
    ctx = report.context("Belgium", 2023)
    assert report.narrative(ctx.parsed).data == ""
    listed = sections.contents(ctx).data
    assert 'href="#narrative"' not in listed and 'href="#summary"' in listed
    assert 'href="#narrative"' in sections.contents().data  # the whole outline without a ctx


@pytest.mark.parametrize("domain", ["report", "site"])
def test_the_reports_say_nothing_to_the_operator(domain):
    """No message a report shows tells its reader to run a command or set a parameter."""
    from babel.messages.pofile import read_po

    from ocanalysis.i18n import LOCALE_DIR

    with open(LOCALE_DIR / f"{domain}.pot", "rb") as handle:
        catalogue_ = read_po(handle)
    operator = re.compile(r"(^|\s)--[a-z]|\bRender with\b|notebook's \w+ parameter|ocanalysis \w+ ")
    said = [m.id for m in catalogue_ if m.id and operator.search(str(m.id))]
    assert said == []


def test_table_cells_and_captions_are_escaped():
    html = markup.table([HOSTILE], [[HOSTILE]], caption=HOSTILE)
    assert "<script" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert html.count("&lt;script&gt;") == 3


@pytest.mark.parametrize(
    "fmt, mime, magic", [("svg", "svg+xml", b"<?xml"), ("png", "png", b"\x89PNG")]
)
def test_figure_is_embedded_with_escaped_alt_and_caption(fmt, mime, magic):
    fig = Figure(figsize=(3, 2))
    fig.add_subplot().plot([1, 2], [2, 1])
    html = report.figure(fig, caption=HOSTILE, alt=HOSTILE, fmt=fmt).data
    src = re.search(rf'src="data:image/{re.escape(mime)};base64,([^"]+)"', html).group(1)
    assert base64.b64decode(src).startswith(magic)
    assert 'alt="&lt;script&gt;' in html and "<figcaption>&lt;script&gt;" in html
    assert "<script" not in html
    assert re.search(r'width="(\d+)"', html).group(1) == str(3 * 96)  # 3 inches wide


def test_same_figure_gives_the_same_bytes():
    def draw():
        fig = Figure(figsize=(2, 2))
        fig.add_subplot().bar([1, 2], [3, 1])
        return report.figure(fig, "c").data

    assert draw() == draw()


def test_source_and_citation_name_the_publisher_and_dataset_hash():
    html = report.source_and_citation(2023).data
    assert "Global Organized Crime Index 2023" in html
    assert 'href="https://ocindex.net"' in html
    assert text.provenance()["dataset_sha256"] in html


def test_world_map_outlines_the_country_and_shares_the_resilience_map():
    from ocanalysis.report import sections

    html = sections.world_map(report.context("Peru", 2023)).data
    alts = re.findall(r'<img[^>]*? alt="([^"]*)"', html)
    assert len(alts) == 2
    assert "Peru (outlined)" in alts[0]
    assert "outlined" not in alts[1]
    again = sections.world_map(report.context("Fiji", 2023)).data
    assert re.findall(r'<img[^>]*? alt="([^"]*)"', again)[1] == alts[1]  # the shared map is reused


def test_world_map_is_the_same_in_a_cold_and_a_warm_kernel():
    from ocanalysis import figures
    from ocanalysis.figures import _choropleth
    from ocanalysis.report import sections

    def cold() -> None:  # what a fresh kernel starts with
        _choropleth._forget_maps()
        sections._shared_world_map_html.cache_clear()

    try:
        cold()
        belgium = sections.world_map(report.context("Belgium", 2023)).data
        peru = sections.world_map(report.context("Peru", 2023)).data
        assert sections.world_map(report.context("Belgium", 2023)).data == belgium != peru
        cold()
        assert sections.world_map(report.context("Belgium", 2023)).data == belgium
    finally:
        cold()
    # The alt text and the caption are those of the full figure, the image the report's: the
    # country's map as SVG, the shared one as its plain PNG.
    fig = figures.choropleth("criminality", 2023, country="Belgium")
    (alt, _) = re.findall(r'<img[^>]*? alt="([^"]*)"', belgium)
    assert alt == markup.esc(figures.alt_text(fig))
    assert "<figcaption>Criminality by country, 2023, Belgium outlined</figcaption>" in belgium
    (svg,) = re.findall(r'src="data:image/svg\+xml;base64,([^"]*)"', belgium)
    image = figures.choropleth_svg("criminality", 2023, country="Belgium")
    assert base64.b64decode(svg).decode() == image.svg
    (png,) = re.findall(r'src="data:image/png;base64,([^"]*)"', belgium)
    assert base64.b64decode(png) == figures.choropleth_svg("resilience", 2023).png


def test_robustness_names_the_inputs_that_drive_the_countrys_rank():
    ctx = report.context("Belgium", 2023)
    html = sections.robustness(ctx).data
    result = ctx.analysis.sensitivity
    assert result is report.context("Peru", 2023).analysis.sensitivity  # once per edition
    for measure in ("criminality", "resilience"):
        drivers = result.drivers("BEL", measure)
        top = drivers.iloc[0]
        label = sensitivity.INPUT_LABELS[top["input"]]
        assert f"what drives it most: {label} ({top['total_order']:.2f})" in html
        assert f"<td>{label}</td>" in html


def test_robustness_sentence_names_only_inputs_above_the_threshold():
    result = report.context("Belgium", 2023).analysis.sensitivity
    # A country whose criminality rank has a driver below the threshold among its top three.
    for row in result.countries.itertuples():
        drivers = result.drivers(row.iso3, "criminality")
        strong = drivers.loc[drivers["total_order"] >= sections.DRIVER_THRESHOLD]
        if row.criminality_rank_sd > 0 and 0 < len(strong) < sections.DRIVERS_NAMED:
            break
    else:
        pytest.fail("no country with fewer strong drivers than the sentence names")
    html = sections.robustness(report.context(row.iso3, 2023)).data
    sentence = html.split("what drives it most: ")[1].split(".</p>")[0]
    named = [
        f"{sensitivity.INPUT_LABELS[r.input]} ({r.total_order:.2f})" for r in strong.itertuples()
    ]
    assert sentence == (", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0])


@pytest.fixture
def own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("OCANALYSIS_CACHE", str(tmp_path))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sobol_indices_show_their_intervals_never_below_zero_and_explain_the_noise(own_cache, lang):
    """Every driver table of the robustness section: first and total order each with its
    confidence interval, no negative number shown, and the note saying what noise does."""
    from ocanalysis import i18n

    for country in ("Belgium", "Chad", "Peru", "Japan"):
        ctx = report.context(country, 2025, lang=lang)
        try:
            html = sections.robustness(ctx).data
        finally:
            i18n.set_language("en")
        tables = re.findall(r"<table.*?</table>", html, re.S)[1:]  # after the ranks' table
        assert len(tables) in (0, 1, 2)
        for found in tables:
            cells = re.findall(r'<td class="num">([^<]*)</td>', found)
            assert cells and all(
                re.fullmatch(r"\d[.,]\d\d \(\d[.,]\d\d–\d[.,]\d\d\)", c) for c in cells
            ), cells
        note = re.findall(r'<p class="note">([^<]*)</p>', html)[-1]
        assert ("noise" if lang == "en" else "bruit") in note
        assert "±25\u00a0%" in note


def test_a_section_with_nothing_to_show_is_left_out_with_its_contents_entry():
    """Every country of the first edition has no change and no trend to show: neither section
    nor its entry in the contents; a later edition's report has both."""
    from ocanalysis import countries

    for country in countries.all_countries():
        ctx = report.context(country.iso3, 2021)
        listed = sections.contents(ctx).data
        for key in ("change", "trend"):
            assert getattr(sections, key)(ctx).data == "", (country.iso3, key)
            assert f'href="#{key}"' not in listed, (country.iso3, key)
    later = report.context("Belgium", 2023)
    listed = sections.contents(later).data
    for key in ("change", "trend"):
        assert f'href="#{key}"' in listed and getattr(sections, key)(later).data
