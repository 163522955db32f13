"""Parsing the text of official country profiles: the seed (Belgium 2023, from ../shared) and the
synthetic fixtures of other countries and layouts (tests/fixtures/profiles, invented sentences)."""

from __future__ import annotations

import json
import re

import profile_layout
import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocanalysis import catalogue, countries
from ocanalysis.cli import main
from ocanalysis.errors import OCAnalysisError, ProfileParseError, UnknownEditionError
from ocanalysis.profile import ordinal, profile
from ocanalysis.profile_text import BOILERPLATE_PREFIXES, cross_check, parse_profile

PROFILES = FIXTURES / "profiles"
TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
# Where to cut a text, as a fraction of its length; the end, where the last section and the closing
# boilerplate are, is drawn more often.
CUTS = st.floats(min_value=0.0, max_value=1.0) | st.floats(min_value=0.9, max_value=1.0)
BOILERPLATE = ("Funding provided", "ENACT is funded", "This summary was funded", "\\bigwedge")


def fixture_text(name: str) -> str:
    return (PROFILES / name).read_text(encoding="utf-8")


def figures(parsed) -> dict:
    result = parsed.to_dict()
    del result["narrative"]
    return result


# --- the seed ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_text):
    return parse_profile(seed_text, source="seed")


def test_seed_figures_equal_the_embedded_data(seed):
    expected = profile("Belgium", 2023)
    assert (seed.country, seed.iso3, seed.edition) == ("Belgium", "BEL", 2023)
    assert (seed.continent, seed.region) == ("Europe", "Western Europe")
    assert list(seed.scores) == list(catalogue.COMPOSITE_IDS + catalogue.INDICATOR_IDS)
    assert len(seed.scores) == 36
    for measure, value in expected.scores.items():
        assert seed.scores[measure] == pytest.approx(value, abs=1e-9), measure
    assert seed.ranks == expected.ranks  # 6 ranks, each with its total
    assert figures(seed) == expected.to_dict()
    assert cross_check(seed) == []


def test_seed_labelled_lines_read_independently(seed_text, seed):
    """Every 'LABEL<TAB>value' line of the seed, read with a plain regex, agrees with the parse."""
    pairs = re.findall(r"^([A-Z][A-Z &'-]+)\t(\d+\.\d\d)$", seed_text, flags=re.MULTILINE)
    assert len(pairs) >= 30
    for label, value in pairs:
        assert seed.scores[catalogue.id_for_label(label)] == float(value), label


def test_seed_actor_values_follow_the_index_order_not_the_labels(seed_text, seed):
    figures_part = seed_text[: seed_text.rindex("\n", 0, seed_text.index("Resilience score"))]
    labels = [
        catalogue.id_for_label(line)
        for line in figures_part.splitlines()
        if catalogue.id_for_label(line) in catalogue.INDICATOR_IDS
    ]
    values = [float(v) for v in re.findall(r"(?m)(?<![\d\t])(\d\.\d\d)\s*$", figures_part)]
    values = values[-len(labels) :]  # the unlabelled ones come last
    in_index_order = [m for m in catalogue.INDICATOR_IDS if m in labels]
    assert labels != in_index_order  # the seed prints the labels in another order
    assert [seed.scores[m] for m in in_index_order] == values


def test_seed_has_the_eleven_sections_in_order(seed):
    assert list(seed.narrative) == list(catalogue.NARRATIVE_SECTIONS)


# Counted by reading the seed: blank-line-separated chunks per section, less page-break splits.
SEED_PARAGRAPHS = {
    "People": 3,
    "Trade": 3,
    "Environment": 2,
    "Drugs": 3,
    "Cyber-dependent crimes": 1,
    "Financial crimes": 1,
    "Criminal actors": 3,
    "Leadership and governance": 2,
    "Criminal justice and security": 2,
    "Economic and financial environment": 2,
    "Civil society and social protection": 2,
}


def test_seed_paragraphs_are_whole(seed):
    assert {s: len(seed.paragraphs(s)) for s in seed.narrative} == SEED_PARAGRAPHS
    unfinished = []
    for section in seed.narrative:
        for index, paragraph in enumerate(seed.paragraphs(section)):
            assert paragraph == paragraph.strip() and "\n" not in paragraph
            assert not paragraph[0].islower(), (section, paragraph[:40])
            if not TERMINAL.search(paragraph):
                unfinished.append((section, index))
    # The publisher's own text lacks the full stop at the end of this section (its next line is
    # the next heading, not a page break); every other paragraph ends a sentence.
    assert unfinished == [("Leadership and governance", 1)]


def test_seed_page_breaks_are_mended(seed_text, seed):
    """Each chunk that a page break (3+ blank lines) cut off mid-sentence is joined to the chunk
    that continues it, inside one paragraph."""
    chunks = re.split(r"\n(?:[ \t]*\n){3,}", seed_text)
    mended = 0
    chunks = [chunk for chunk in chunks if chunk.strip()]
    for before, after in zip(chunks, chunks[1:], strict=False):
        tail, head = before.strip().splitlines()[-1], after.strip().splitlines()[0]
        if head[:1].islower() and not TERMINAL.search(tail):
            joined = f"{tail} {head}"
            assert any(joined in text for text in seed.narrative.values())
            mended += 1
    assert mended == 3  # Environment, Criminal actors, Criminal justice and security


def test_seed_narrative_has_no_boilerplate_and_loses_no_words(seed_text, seed):
    narrative = "\n\n".join(seed.narrative.values())
    for token in BOILERPLATE:
        assert token not in narrative
    # An independent reading: every line after the first section heading that is neither a
    # heading nor boilerplate is prose, and all its words are in the narrative, in order.
    lines = seed_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "PEOPLE")
    headings = {catalogue.label_key(s) for s in catalogue.NARRATIVE_SECTIONS}
    headings |= {catalogue.label_key(c.label) for c in catalogue.COMPOSITES}
    prose = [
        line.strip()
        for line in lines[start:]
        if line.strip()
        and catalogue.label_key(line) not in headings
        and not line.strip().lower().startswith(BOILERPLATE_PREFIXES)
    ]
    assert " ".join(prose).split() == narrative.split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fraction=CUTS)
def test_a_truncated_seed_is_an_error_or_still_the_same_profile(seed_text, seed, fraction):
    assert_cut_is_error_or_same(seed_text, seed, int(len(seed_text) * fraction))


def assert_cut_is_error_or_same(text: str, whole, cut: int) -> None:
    """A cut text either raises ProfileParseError (one line, naming the source) or parses to the
    whole profile. Without an end marker, a cut that falls between sentences of the final section
    cannot be told from the end of a profile: then that section holds whole leading paragraphs of
    the original and, last, one cut at a sentence end."""
    try:
        parsed = parse_profile(text[:cut], edition=whole.edition, source="cut")
    except ProfileParseError as error:
        assert str(error).startswith("cut: ") and "\n" not in str(error)
        return
    assert figures(parsed) == figures(whole)
    assert list(parsed.narrative) == list(whole.narrative)
    last = list(whole.narrative)[-1]
    for section in list(whole.narrative)[:-1]:
        assert parsed.paragraphs(section) == whole.paragraphs(section)
    ours, theirs = parsed.paragraphs(last), whole.paragraphs(last)
    assert 1 <= len(ours) <= len(theirs)
    assert ours[:-1] == theirs[: len(ours) - 1]
    assert theirs[len(ours) - 1].startswith(ours[-1]) and TERMINAL.search(ours[-1])
    if cut >= text.index(theirs[-1][-30:]) + 30:
        assert parsed.narrative == whole.narrative  # only trailing boilerplate was cut


@pytest.mark.parametrize("name", ["peru_2023.txt", "kyrgyzstan_2021.txt"])
def test_cutting_only_the_closing_boilerplate_changes_nothing(name):
    text = fixture_text(name)
    whole = parse_profile(text)
    closing = text.index("This summary was funded")
    for cut in (closing, closing + 4, closing + 30, len(text) - 1):
        assert parse_profile(text[:cut]).to_dict() == whole.to_dict()


# --- synthetic fixtures --------------------------------------------------------------------------

CLEAN_FIXTURES = [
    # file, country, edition argument, edition, sections
    ("peru_2023.txt", "Peru", None, 2023, 11),
    ("kyrgyzstan_2021.txt", "Kyrgyzstan", None, 2021, 9),
    ("cote_d_ivoire_2025.txt", "Côte d'Ivoire", 2025, 2025, 11),
]


@pytest.mark.parametrize(("name", "country", "edition_arg", "edition", "sections"), CLEAN_FIXTURES)
def test_fixture_figures_and_sections(name, country, edition_arg, edition, sections):
    parsed = parse_profile(fixture_text(name), edition=edition_arg, source=name)
    expected = profile(country, edition)
    assert parsed.edition == edition
    assert len(parsed.scores) == 4 + len(catalogue.indicators(edition))
    assert figures(parsed) == expected.to_dict()
    assert cross_check(parsed) == []
    wanted = [
        s
        for s in catalogue.NARRATIVE_SECTIONS
        if s in {i.section for i in catalogue.indicators(edition)}
    ]
    assert list(parsed.narrative) == wanted and len(wanted) == sections
    for section in parsed.narrative:
        for paragraph in parsed.paragraphs(section):
            assert TERMINAL.search(paragraph) and not paragraph[0].islower()
            for token in BOILERPLATE:
                assert token not in paragraph


def test_2021_layout_has_26_indicators_and_four_actor_types():
    parsed = parse_profile(fixture_text("kyrgyzstan_2021.txt"))
    actors = [m for m in parsed.scores if catalogue.get(m).pillar == "criminal_actors"]
    assert len(parsed.scores) - 4 == 26
    assert actors == [
        "criminal_actors",
        "mafia_style_groups",
        "criminal_networks",
        "state_embedded_actors",
        "foreign_actors",
    ]


def test_page_break_with_footer_and_page_number_keeps_the_paragraph_whole():
    parsed = parse_profile(fixture_text("peru_2023.txt"))
    first = parsed.paragraphs("Environment")[0]
    assert "sawmills are rare and often announced in advance." in first
    assert len(parsed.paragraphs("Environment")) == 3
    assert " 12 " not in first


def test_edition_is_inferred_from_the_indicators_and_2025_needs_saying():
    text = fixture_text("cote_d_ivoire_2025.txt")
    assert parse_profile(text).edition == 2023
    assert parse_profile(text, edition=2025).edition == 2025
    # the 2025 figures are not the 2023 ones, so the cross-check notices a wrong edition
    assert cross_check(parse_profile(text)) != []


def test_wrong_or_unknown_edition_is_an_error():
    text = fixture_text("peru_2023.txt")
    with pytest.raises(ProfileParseError, match="not scored in the 2021 edition"):
        parse_profile(text, edition=2021, source="peru")
    with pytest.raises(UnknownEditionError):
        parse_profile(text, edition="twenty", source="peru")
    with pytest.raises(ProfileParseError, match="cut short: no score for 'Extortion"):
        parse_profile(fixture_text("kyrgyzstan_2021.txt"), edition=2023, source="kgz")


def test_cross_check_finds_the_planted_disagreements():
    parsed = parse_profile(fixture_text("morocco_2023_disagrees.txt"))
    data = profile("Morocco", 2023)
    assert parsed.scores["cocaine_trade"] == 7.5 != data.scores["cocaine_trade"]
    assert cross_check(parsed) == [
        f"cocaine_trade: profile says 7.50, data says {data.scores['cocaine_trade']:.2f}",
        "private_sector_actors: profile says 2.00, "
        f"data says {data.scores['private_sector_actors']:.2f}",
        "resilience region rank: profile says 2nd of 6, data says "
        f"{ordinal(data.ranks['resilience']['region'][0])} of 6",
    ]


def test_rank_wording_must_fit_the_country():
    text = fixture_text("peru_2023.txt").replace(
        "South American countries", "West African countries"
    )
    with pytest.raises(ProfileParseError, match="does not fit Peru"):
        parse_profile(text, source="peru")


def test_unknown_group_wording_is_placed_by_print_order():
    """Our adjective for a region may not be the publisher's: continent comes before region."""
    text = fixture_text("peru_2023.txt").replace("South American countries", "Andean countries")
    parsed = parse_profile(text, source="peru")
    assert parsed.ranks == profile("Peru", 2023).ranks


def test_mojibake_country_heading_is_still_found():
    text = fixture_text("cote_d_ivoire_2025.txt")
    garbled = "CÔTE D'IVOIRE".encode().decode("cp1252")
    parsed = parse_profile(text.replace("CÔTE D'IVOIRE", garbled), edition=2025)
    assert parsed.iso3 == "CIV"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("peru_2023_truncated.txt", "cut short: no text in section 'Leadership and governance'"),
        (
            "not_a_profile.txt",
            "not a country profile: no country heading and no criminality score found",
        ),
    ],
)
def test_truncated_and_foreign_texts_are_errors(name, message):
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(fixture_text(name), source=name)
    assert str(caught.value) == f"{name}: {message}"


def test_missing_pieces_are_named():
    text = fixture_text("peru_2023.txt")
    cases = {
        "PREVENTION\t3.00\n": "cut short: no score for 'Prevention'",
        "8th of 12 South American countries": "cut short: no region rank for resilience",
        "6.40 **CRIMINALITY SCORE**": "cut short: no criminality score found",
        "PERU\n": "not a country profile: no country heading found",
    }
    for removed, message in cases.items():
        assert removed in text
        with pytest.raises(ProfileParseError, match=re.escape(f"peru: {message}")):
            parse_profile(text.replace(removed, ""), source="peru")


@pytest.fixture(scope="module")
def kyrgyzstan():
    return parse_profile(fixture_text("kyrgyzstan_2021.txt"))


@settings(max_examples=150, deadline=None)
@given(fraction=CUTS)
def test_a_truncated_fixture_is_an_error_or_still_the_same_profile(kyrgyzstan, fraction):
    text = fixture_text("kyrgyzstan_2021.txt")
    assert_cut_is_error_or_same(text, kyrgyzstan, int(len(text) * fraction))


# --- the command ---------------------------------------------------------------------------------


def test_cli_json_is_the_profile_json_plus_narrative(capsys):
    path = PROFILES / "peru_2023.txt"
    assert main(["parse-profile", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    narrative = result.pop("narrative")
    assert result == profile("Peru", 2023).to_dict()
    assert list(narrative) == list(catalogue.NARRATIVE_SECTIONS)
    assert err == ""


def test_cli_text_summary(capsys):
    path = PROFILES / "kyrgyzstan_2021.txt"
    assert main(["parse-profile", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Kyrgyzstan (KGZ), 2021 edition" in out
    assert re.search(r"Environment\s+2 paragraphs", out)


def test_cli_disagreements_warn_and_exit_1(capsys):
    path = PROFILES / "morocco_2023_disagrees.txt"
    assert main(["parse-profile", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["scores"]["cocaine_trade"] == 7.5
    warnings = err.splitlines()
    assert len(warnings) == 3
    assert all(line.startswith("ocanalysis: warning: ") for line in warnings)
    assert main(["parse-profile", str(path), "--no-check"]) == 0


def test_cli_edition_2025(capsys):
    path = PROFILES / "cote_d_ivoire_2025.txt"
    assert main(["parse-profile", str(path), "--edition", "2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["edition"] == 2025


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read"),
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\xff\xfe\x00B\x00E", "not UTF-8"),
        ("truncated", "cut short"),
        ("not_a_profile", "not a country profile"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(tmp_path, capsys, content, expected):
    path = tmp_path / "profile.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "truncated":
        path.write_text(fixture_text("peru_2023_truncated.txt"), encoding="utf-8")
    elif content == "not_a_profile":
        path.write_text(fixture_text("not_a_profile.txt"), encoding="utf-8")
    assert main(["parse-profile", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"ocanalysis: error: {path}: ") and expected in err
    assert "Traceback" not in err


def test_layout_variants_read_the_same():
    """Ranks run on after the headline score, a value glued to its label, the score after its
    words, and 'and' where the region's name has '&'."""
    text = fixture_text("peru_2023.txt")
    whole = parse_profile(text)
    variants = text.replace(
        "6.40 **CRIMINALITY SCORE**\n\n32nd", "6.40 CRIMINALITY SCORE32nd"
    ).replace("HUMAN TRAFFICKING\t7.00", "HUMAN TRAFFICKING7.00")
    variants = variants.replace("4.38 Resilience score", "RESILIENCE SCORE: 4.38")
    assert variants != text
    assert figures(parse_profile(variants)) == figures(whole)


def test_region_with_ampersand_is_matched_in_either_spelling():
    data = profile("Poland", 2023)
    assert data.region == "Central & Eastern Europe"
    text = (
        fixture_text("peru_2023.txt")
        .replace("PERU", "POLAND")
        .replace("American countries", "European countries")
    )
    for spelling in ("Central & Eastern", "Central and Eastern"):
        moved = text.replace("South European", f"{spelling} European")
        parsed = parse_profile(moved)
        assert (parsed.iso3, parsed.region) == ("POL", "Central & Eastern Europe")
        # Peru's figures under Poland's name: the cross-check says so
        assert any(line.startswith("criminality:") for line in cross_check(parsed))


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: text.replace("\n", "\r\n"),  # Windows line ends
        lambda text: text.replace("\n\n\n", "\n\f\n"),  # pdftotext's form feeds at page breaks
        lambda text: "\ufeff" + text.replace("\t", "   "),  # a BOM; spaces for tabs
    ],
    ids=["crlf", "form-feed", "bom-spaces"],
)
def test_extraction_variants_parse_the_same(transform):
    text = fixture_text("peru_2023.txt")
    assert transform(text) != text
    assert parse_profile(transform(text)).to_dict() == parse_profile(text).to_dict()


JUNK_LINES = [
    "",
    "12",
    "3.50",
    "PEOPLE",
    "FOREIGN ACTORS",
    "PERU",
    "\\bigwedge",
    "lower case words",
    "10th of 44 Asian countries",
    "0th of 0 countries",
    "HUMAN TRAFFICKING\t11.00",
    "4.43 CRIMINALITY SCORE",
    "ENACT is funded by nobody 9.99",
    "RESILIENCE SCORE: 0.5",
]


@settings(max_examples=100, deadline=None)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "insert", "swap"]),
            st.floats(0, 1),
            st.sampled_from(JUNK_LINES),
        ),
        min_size=1,
        max_size=4,
    ),
    edition=st.sampled_from([None, 2021, 2023, 2025]),
)
def test_corrupted_fixture_raises_only_our_errors(edits, edition):
    """Deleted, inserted or swapped lines give a parse or an OCAnalysisError, never anything else."""
    lines = fixture_text("peru_2023.txt").splitlines()
    for action, where, junk in edits:
        at = int(where * (len(lines) - 1))
        if action == "delete":
            del lines[at : at + 3]
        elif action == "insert":
            lines.insert(at, junk)
        else:
            lines[at], lines[-1 - at] = lines[-1 - at], lines[at]
    try:
        parse_profile("\n".join(lines), edition=edition, source="edited")
    except OCAnalysisError as error:
        assert str(error).startswith("edited: ") and "\n" not in str(error)


def test_cli_edition_without_embedded_data_cannot_be_checked(capsys):
    path = str(PROFILES / "peru_2023.txt")
    assert main(["parse-profile", path, "--edition", "2027"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "cannot cross-check" in err
    assert main(["parse-profile", path, "--edition", "2027", "--no-check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["edition"] == 2027
    assert main(["parse-profile", path, "--edition", "2019"]) == 2
    assert "unknown edition" in capsys.readouterr().err


def one_country_per_region() -> list[str]:
    chosen: dict[str, str] = {}
    for country in countries.all_countries():
        chosen.setdefault(country.region, country.iso3)
    return [chosen[region] for region in countries.REGIONS]


@pytest.mark.parametrize("edition", [2021, 2023, 2025])
@pytest.mark.parametrize("iso3", one_country_per_region())
def test_any_country_any_edition_round_trips(iso3, edition):
    """Not tuned to Belgium: a synthetic profile of one country of every region, in every
    edition, parses back to the embedded figures and ranks."""
    text = profile_layout.render(iso3, edition, run_together=edition != 2023)
    parsed = parse_profile(text, edition=2025 if edition == 2025 else None, source=iso3)
    assert parsed.edition == edition
    assert figures(parsed) == profile(iso3, edition).to_dict()
    assert cross_check(parsed) == []
    assert len(parsed.paragraphs("Environment")) == 1
    assert all(len(parsed.paragraphs(s)) == 2 for s in parsed.narrative if s != "Environment")
