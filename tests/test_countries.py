import pytest

from ocanalysis import countries
from ocanalysis.errors import UnknownCountryError


def test_table_is_complete_and_unique():
    table = countries.all_countries()
    assert len(table) == 193
    assert len({c.iso3 for c in table}) == 193
    assert len({c.iso2 for c in table}) == 193
    assert {c.continent for c in table} == set(countries.CONTINENTS)
    assert {c.region for c in table} == set(countries.REGIONS)
    assert len(countries.REGIONS) == 22


def test_group_sizes_match_the_seed_profile():
    table = countries.all_countries()
    assert sum(c.continent == "Europe" for c in table) == 44
    assert sum(c.region == "Western Europe" for c in table) == 11


@pytest.mark.parametrize(
    "query, iso3",
    [
        ("Belgium", "BEL"),
        ("belgium", "BEL"),
        ("BE", "BEL"),
        ("bel", "BEL"),
        ("Côte d'Ivoire", "CIV"),
        ("cote d'ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Congo, Dem, Rep,", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("St, Lucia", "LCA"),
        ("Saint Lucia", "LCA"),
        ("eSwatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("Türkiye", "TUR"),
        ("UK", "GBR"),
        ("United States of America", "USA"),
        ("NA", "NAM"),
        ("São Tomé and Príncipe", "STP"),
        ("Korea, DPR", "PRK"),
        ("South Korea", "KOR"),
    ],
)
def test_lookup_accepts_names_codes_aliases_case_and_accents(query, iso3):
    assert countries.lookup(query).iso3 == iso3


def test_miss_suggests_the_closest_name():
    with pytest.raises(UnknownCountryError, match="did you mean 'Belgium'"):
        countries.lookup("Belgum")
    with pytest.raises(UnknownCountryError, match="unknown country 'Atlantis'") as info:
        countries.lookup("Atlantis")
    assert "\n" not in str(info.value)


def test_region_wording():
    assert countries.region_adjective("Central & Eastern Europe") == "Central & Eastern European"
    assert countries.region_adjective("Central Asia and the Caucasus").startswith("Central Asian")
