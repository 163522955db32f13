"""The dataset is checked against its provenance when it is read: a tampered copy is refused."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from ocanalysis import dataset
from ocanalysis.errors import DatasetError


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A copy of the data folder that the library reads instead of the project's."""
    folder = tmp_path / "data"
    shutil.copytree(dataset.data_dir(), folder)
    monkeypatch.setenv("OCANALYSIS_DATA", str(folder))
    return folder


def lines(folder):
    return (folder / dataset.DATA_FILE).read_text(encoding="utf-8").splitlines(keepends=True)


def write(folder, text, *, rehash=False):
    (folder / dataset.DATA_FILE).write_text(text, encoding="utf-8")
    if rehash:  # the provenance edited to match, so only the shape or range check can tell
        path = folder / dataset.PROVENANCE_FILE
        record = json.loads(path.read_text())
        record["dataset_sha256"] = hashlib.sha256(text.encode()).hexdigest()
        path.write_text(json.dumps(record))


def refused(folder, *fragments):
    with pytest.raises(DatasetError) as caught:
        dataset.wide(all_editions=True)
    message = caught.value.message
    assert "\n" not in message
    for fragment in (str(folder / dataset.DATA_FILE), "ocanalysis data build", "OCANALYSIS_DATA"):
        assert fragment in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_the_untouched_copy_loads(copy):
    assert dataset.wide(all_editions=True).shape == (579, 42)


@pytest.mark.parametrize("rehash", [False, True])
def test_a_score_of_11_is_refused(copy, rehash):
    text = lines(copy)
    header = text[0].rstrip("\n").split(",")
    cells = text[5].rstrip("\n").split(",")
    cells[header.index("criminality")] = "11"
    write(copy, "".join(text[:5] + [",".join(cells) + "\n"] + text[6:]), rehash=rehash)
    refused(copy, "line 6, column 'criminality': score 11 outside 1-10")


@pytest.mark.parametrize("rehash", [False, True])
def test_a_deleted_row_is_refused(copy, rehash):
    text = lines(copy)
    edition = text[10].split(",")[0]
    write(copy, "".join(text[:10] + text[11:]), rehash=rehash)
    refused(copy, f"edition {edition} has 192 rows, its provenance says 193")


def test_a_changed_byte_is_refused(copy):
    text = "".join(lines(copy))
    assert "Belgium" in text
    write(copy, text.replace("Belgium", "Belgiun", 1))  # still well formed, in range
    refused(copy, "sha256")


def test_a_truncated_file_is_refused(copy):
    text = "".join(lines(copy))
    write(copy, text[: len(text) // 2])
    refused(copy)


def test_a_missing_provenance_is_refused(copy):
    (copy / dataset.PROVENANCE_FILE).unlink()
    refused(copy, "provenance.json missing")


def test_the_cli_prints_one_line_and_exits_2(copy):
    write(copy, "".join(lines(copy)[:-1]))
    env = {"OCANALYSIS_DATA": str(copy), "PYTHONPATH": str(dataset._PACKAGE_DIR.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "ocanalysis", "profile", "BEL"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"ocanalysis: error: {copy / dataset.DATA_FILE}: edition")
