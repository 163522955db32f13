"""The render cache: a key per report input, a record current only with all its outputs."""

from __future__ import annotations

from ocanalysis.render import COUNTRY_NOTEBOOK, cache


def test_cache_key_changes_with_each_input(tmp_path):
    profile = tmp_path / "BEL.txt"
    profile.write_text("one")
    base = {"country": "BEL", "edition": 2023}
    key = cache.input_key(COUNTRY_NOTEBOOK, base, profile)
    assert key == cache.input_key(COUNTRY_NOTEBOOK, dict(base), profile)
    assert key != cache.input_key(COUNTRY_NOTEBOOK, {**base, "edition": 2025}, profile)
    assert key != cache.input_key(COUNTRY_NOTEBOOK, base, None)
    profile.write_text("two")
    assert key != cache.input_key(COUNTRY_NOTEBOOK, base, profile)
    other_notebook = tmp_path / "nb.ipynb"
    other_notebook.write_bytes(COUNTRY_NOTEBOOK.read_bytes() + b" ")
    assert key != cache.input_key(other_notebook, base, None)


def test_cache_record_is_current_only_with_the_same_key_and_all_outputs(tmp_path):
    output = tmp_path / "BEL-belgium.html"
    cache.store(tmp_path, "BEL-belgium", "k1")
    assert not cache.is_current(tmp_path, "BEL-belgium", "k1", [output])
    output.write_text("x")
    assert cache.is_current(tmp_path, "BEL-belgium", "k1", [output])
    assert not cache.is_current(tmp_path, "BEL-belgium", "k2", [output])
