import pickle

import pytest

from ocanalysis import catalogue
from ocanalysis.errors import UnknownIndicatorError
from ocanalysis.figures import _data

ISSUE_IDS = """criminality, criminal_markets, criminal_actors, resilience; human_trafficking, human_smuggling,
extortion_and_protection_racketeering, arms_trafficking, trade_in_counterfeit_goods,
illicit_trade_in_excisable_goods, flora_crimes, fauna_crimes, non_renewable_resource_crimes,
heroin_trade, cocaine_trade, cannabis_trade, synthetic_drug_trade, cyber_dependent_crimes,
financial_crimes; mafia_style_groups, criminal_networks, state_embedded_actors, foreign_actors,
private_sector_actors; political_leadership_and_governance, government_transparency_and_accountability,
international_cooperation, national_policies_and_laws, judicial_system_and_detention, law_enforcement,
territorial_integrity, anti_money_laundering, economic_regulatory_capacity,
victim_and_witness_support, prevention, non_state_actors"""


def test_ids_are_the_issue_ids_in_order():
    expected = [i.strip() for i in ISSUE_IDS.replace(";", ",").split(",")]
    assert [m.id for m in catalogue.ALL_MEASURES] == expected
    assert len(catalogue.COMPOSITES) == 4 and len(catalogue.INDICATORS) == 32


def test_2021_has_ten_markets_and_four_actor_types():
    assert len(catalogue.indicators(2021, catalogue.CRIMINAL_MARKETS)) == 10
    assert len(catalogue.indicators(2021, catalogue.CRIMINAL_ACTORS)) == 4
    assert len(catalogue.indicators(2021, catalogue.RESILIENCE)) == 12
    for edition in (2023, 2025, 2027):
        assert len(catalogue.indicators(edition, catalogue.CRIMINAL_MARKETS)) == 15
        assert len(catalogue.indicators(edition, catalogue.CRIMINAL_ACTORS)) == 5
    assert catalogue.get("financial_crimes").editions == (2023, 2025)


def test_labels_unique_and_round_trip():
    labels = [m.label for m in catalogue.ALL_MEASURES]
    assert len(set(labels)) == len(labels)
    for measure in catalogue.ALL_MEASURES:
        assert catalogue.id_for_label(measure.label) == measure.id
        assert catalogue.id_for_label(measure.label.upper().replace(" and ", " & ")) == measure.id


def test_every_indicator_has_a_narrative_section():
    for indicator in catalogue.INDICATORS:
        assert indicator.section in catalogue.NARRATIVE_SECTIONS
    assert len(catalogue.NARRATIVE_SECTIONS) == 11


def test_workbook_headers_all_known(workbook):
    import openpyxl

    book = openpyxl.load_workbook(workbook, read_only=True)
    for sheet in ("2021_dataset", "2023_dataset"):
        header = next(book[sheet].iter_rows(values_only=True))
        ids = [catalogue.id_for_label(h) for h in header[3:]]
        assert None not in ids, header
        assert len(set(ids)) == len(ids)
    book.close()


def test_unknown_indicator_error_words_an_id_and_keeps_a_whole_message_as_given():
    with pytest.raises(UnknownIndicatorError) as by_id:
        catalogue.get("cocaine")
    assert by_id.value.message == "unknown indicator 'cocaine'; did you mean 'cocaine_trade'?"
    assert by_id.value.measure_id == "cocaine"
    with pytest.raises(UnknownIndicatorError) as by_message:
        _data.pillar_ids(2023, "x")  # a caller with a sentence of its own
    assert by_message.value.message.startswith("unknown pillar 'x'; expected one of ")
    assert "unknown indicator" not in by_message.value.message
    for error in (by_id.value, by_message.value):  # as from a worker process: not worded twice
        back = pickle.loads(pickle.dumps(error))
        assert (back.message, back.measure_id) == (error.message, error.measure_id)
