"""The index page of every rendered report."""

from __future__ import annotations

from ocanalysis.render.index import write_index


def test_index_links_every_report_and_escapes(tmp_path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2021").mkdir()
    for path in (
        "2023/BEL-belgium.html",
        "2023/BEL-belgium.pdf",
        "2023/CIV-cote-d-ivoire.html",
        "2021/BEL-belgium.html",
    ):
        (tmp_path / path).write_text("x")
    (tmp_path / "2023" / "notes.html").write_text("not a report")
    page = write_index(tmp_path).read_text()
    for href in (
        "2023/BEL-belgium.html",
        "2023/BEL-belgium.pdf",
        "2023/CIV-cote-d-ivoire.html",
        "2021/BEL-belgium.html",
    ):
        assert f'href="{href}"' in page
    assert "notes.html" not in page
    assert "Côte d&#x27;Ivoire" in page
    assert page.index("2023 edition") < page.index("2021 edition")
