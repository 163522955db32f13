"""Hostile arguments to ``ocanalysis render``: each is one line naming the argument and what to
do, exit status 2, no traceback, nothing written (deeply nested -p values, Dask addresses that
are not addresses, an empty one) -- and -p values that look like options are values."""

from __future__ import annotations

import math
import os
import shutil

import pytest

from ocanalysis.cli import main

from .test_user_notebook import write_notebook


def one_line_refusal(capsys, *argv: str) -> str:
    status = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert status == 2, err
    assert err.count("\n") == 1 and err.startswith("ocanalysis: error: "), err
    return err


@pytest.fixture
def notebook(tmp_path):
    return write_notebook(tmp_path / "mine.ipynb", "1")


@pytest.mark.parametrize(
    "value",
    [
        "[" * 1200,  # unterminated: JSON's parser recursed until Python gave up
        "[" * 1200 + "]" * 1200,  # valid JSON, deeper than a kernel can parse as code
        '{"a": ' * 300 + "1" + "}" * 300,
        "[" * 101 + "]" * 101,  # just past the limit
    ],
    ids=["open-1200", "closed-1200", "objects-300", "lists-101"],
)
def test_a_p_value_nested_too_deep_is_one_line(capsys, tmp_path, notebook, value):
    out = tmp_path / "reports"
    err = one_line_refusal(
        capsys, "render", "Belgium", "--notebook", str(notebook), "-p", "top", value,
        "--out", str(out),
    )  # fmt: skip
    assert "-p top:" in err and "nested" in err
    assert not out.exists()


def test_a_p_value_nested_as_deep_as_allowed_is_taken(recorded_render, tmp_path):
    notebook = write_notebook(tmp_path / "mine.ipynb", "1")
    deep = "[" * 100 + "]" * 100
    status, jobs = recorded_render("Belgium", "--notebook", str(notebook), "-p", "top", deep)
    assert status == 0
    value, depth = jobs[0].parameters["top"], 1
    while value:
        value, depth = value[0], depth + 1
    assert depth == 100


@pytest.mark.parametrize(
    "value, expected",
    [("-inf", -math.inf), ("-q", "-q"), ("--force", "--force"), ("-1e3", -1000.0), ("-", "-")],
)
def test_a_p_value_that_looks_like_an_option_is_a_value(recorded_render, tmp_path, value, expected):
    notebook = write_notebook(tmp_path / "mine.ipynb", "1")
    status, jobs = recorded_render(
        "Belgium", "--notebook", str(notebook), "-p", "greeting", value, "-p", "top", "2"
    )
    assert status == 0
    assert jobs[0].parameters["greeting"] == expected and jobs[0].parameters["top"] == 2


@pytest.mark.parametrize(
    "address",
    [
        "tcp://127.0.0.1:notaport",
        "foo://bar",
        "",
        " ",
        "tcp://",
        "tcp://127.0.0.1",
        "tcp://h:99999",
    ],
)
def test_a_dask_address_that_is_not_one_is_one_line(capsys, tmp_path, address):
    out = tmp_path / "reports"
    err = one_line_refusal(capsys, "render", "Belgium", "--dask", address, "--out", str(out))
    assert "--dask" in err
    assert not out.exists()


# ----------------------------------------------------------------------------- non-UTF-8 names

NOT_UTF8 = os.fsdecode(b"caf\xe9-\xff")  # Latin-1 bytes, as a shell passes them to Python


@pytest.mark.parametrize(
    "argv, named",
    [
        (["Belgium", "--out", "{tmp}/" + NOT_UTF8], "--out"),
        (["Belgium", "--notebook", "{notebook}", "-p", "greeting", NOT_UTF8], "-p greeting"),
        (["Belgium", "--notebook", "{notebook}", "-p", NOT_UTF8, "1"], "-p"),
        (["Belgium", "--notebook", "{tmp}/" + NOT_UTF8 + ".ipynb"], "--notebook"),
        (["Belgium", "--profile", "{tmp}/" + NOT_UTF8 + ".txt"], "--profile"),
        (["Belgium", "--profiles", "{tmp}/" + NOT_UTF8], "--profiles"),
        ([NOT_UTF8], "COUNTRY"),
        (["--region", NOT_UTF8], "--region"),
        (["--compare", "Belgium", NOT_UTF8], "--compare"),
        (["Belgium", "--lang", NOT_UTF8], "--lang"),
        (["Belgium", "--format", NOT_UTF8], "--format"),
        (["Belgium", "--edition", NOT_UTF8], "--edition"),
    ],
)
def test_an_argument_holding_bytes_that_are_not_utf8_is_one_line(capsys, tmp_path, argv, named):
    notebook = write_notebook(tmp_path / "mine.ipynb", "1")
    for made in (NOT_UTF8 + ".ipynb", NOT_UTF8 + ".txt"):  # the files exist: only names are bad
        shutil.copy(notebook, tmp_path / made)
    (tmp_path / NOT_UTF8).mkdir()
    argv = [a.format(tmp=tmp_path, notebook=notebook) for a in argv]
    out = tmp_path / "reports"
    if "--out" not in argv:
        argv += ["--out", str(out)]
    err = one_line_refusal(capsys, "render", *argv)
    assert named in err and "UTF-8" in err
    assert not out.exists() and not (tmp_path / NOT_UTF8 / "2023").exists()


def test_a_profile_text_whose_name_is_not_utf8_is_named_before_any_work(capsys, tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "NLD.txt").write_text("a profile")
    bad = profiles / ("BEL." + NOT_UTF8)  # BEL: matched by its name without the extension
    bad.write_text("a profile")
    out = tmp_path / "reports"
    err = one_line_refusal(
        capsys, "render", "Belgium", "Netherlands", "--profiles", str(profiles), "--out", str(out)
    )
    assert "BEL." in err and "UTF-8" in err and "rename" in err
    assert not out.exists()
