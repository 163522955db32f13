"""The render cache: a key per report input, a record current only with all its outputs."""

from __future__ import annotations

import pytest

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
    output, other = tmp_path / "BEL-belgium.html", tmp_path / "BEL-belgium.pdf"
    output.write_text("x")
    cache.store(tmp_path, "BEL-belgium", "k1", [output])
    assert cache.is_current(tmp_path, "BEL-belgium", "k1", [output])
    assert not cache.is_current(tmp_path, "BEL-belgium", "k2", [output])
    other.write_text("y")  # an output the record does not know
    assert not cache.is_current(tmp_path, "BEL-belgium", "k1", [output, other])
    output.unlink()
    assert not cache.is_current(tmp_path, "BEL-belgium", "k1", [output])


@pytest.mark.parametrize("record", ["[1, 2]", '"key"', "null", '{"key": "k1"}', "{", ""])
def test_a_record_that_is_not_ours_means_render_again(tmp_path, record):
    # A record that is JSON but not an object once crashed the whole batch.
    output = tmp_path / "BEL-belgium.html"
    output.write_text("x")
    cache.record_path(tmp_path, "BEL-belgium").parent.mkdir()
    cache.record_path(tmp_path, "BEL-belgium").write_text(record)
    assert not cache.is_current(tmp_path, "BEL-belgium", "k1", [output])
