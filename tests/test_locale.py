"""Output in any locale. With LC_ALL=C and Python's UTF-8 mode and locale coercion off, stdout and
stderr are ASCII: names such as "Côte d'Ivoire" are written as the closest ASCII instead of ending
the command with UnicodeEncodeError; a UTF-8 terminal gets them unchanged. Each command runs in a
process of its own, started with only these variables (as `env -i` would)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
ASCII_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
UTF8_LOCALE = {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}
# Invented for this test, in the style of the fixtures: curly quotes, dashes, a ligature.
SENTENCE = "The fixture’s authors – writing for the tests — call this “a séance ﬁxed in São Tomé”."
SENTENCE_IN_ASCII = (
    "The fixture's authors - writing for the tests - call this 'a seance fixed in Sao Tome'."
)


def ocanalysis(*argv: str, locale: dict[str, str] = ASCII_LOCALE) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "src"), **locale}
    command = [sys.executable, "-m", "ocanalysis", *argv]
    return subprocess.run(command, capture_output=True, env=env, check=False)


@pytest.fixture(scope="module", autouse=True)
def _the_locale_gives_ascii_streams():
    env = {"PATH": os.environ["PATH"], **ASCII_LOCALE}
    code = "import sys; print(sys.stdout.encoding, sys.stderr.encoding)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    if done.stdout.split() != [b"ascii", b"ascii"]:
        pytest.skip(f"LC_ALL=C does not give ASCII streams here: {done.stdout!r}")


def assert_ascii_and_no_traceback(done) -> None:
    assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    assert done.stdout.isascii(), done.stdout
    assert done.stderr.isascii(), done.stderr


def test_countries_in_an_ascii_locale():
    done = ocanalysis("countries", "--edition", "2023")
    assert done.returncode == 0, done.stderr
    assert_ascii_and_no_traceback(done)
    lines = done.stdout.decode("ascii").splitlines()
    assert len(lines) == 193
    ivory_coast = next(line for line in lines if line.startswith("CIV"))
    assert ivory_coast.startswith("CIV  CI  " + "Cote d'Ivoire".ljust(34) + " Africa")  # aligned


def test_a_utf8_terminal_gets_the_names_unchanged():
    done = ocanalysis("countries", "--edition", "2023", locale=UTF8_LOCALE)
    assert done.returncode == 0, done.stderr
    assert "CIV  CI  Côte d'Ivoire" in done.stdout.decode("utf-8")


@pytest.fixture
def profile_file(tmp_path) -> Path:
    """The Côte d'Ivoire fixture with a sentence of curly quotes, dashes and accents added."""
    text = (FIXTURES / "profiles" / "cote_d_ivoire_2025.txt").read_text(encoding="utf-8")
    anchor = "Recruiters are said to approach families in neighbouring countries."
    assert anchor in text
    path = tmp_path / "profile.txt"
    path.write_text(text.replace(anchor, f"{anchor} {SENTENCE}"), encoding="utf-8")
    return path


def test_parse_profile_in_an_ascii_locale(profile_file):
    done = ocanalysis("parse-profile", str(profile_file), "--edition", "2025")
    assert done.returncode == 0, done.stderr
    assert_ascii_and_no_traceback(done)
    assert done.stdout.decode("ascii").startswith("Cote d'Ivoire (CIV), 2025 edition\n")


def test_parse_profile_json_in_an_ascii_locale_stays_valid_json(profile_file):
    """No replacement may be a character that JSON or CSV quote with: '"', '\\', ','."""
    done = ocanalysis("parse-profile", str(profile_file), "--edition", "2025", "--json")
    assert done.returncode == 0, done.stderr
    assert_ascii_and_no_traceback(done)
    parsed = json.loads(done.stdout)
    assert parsed["country"] == "Cote d'Ivoire"
    assert SENTENCE_IN_ASCII in json.dumps(parsed["narrative"])


def test_an_error_naming_a_country_that_is_not_ascii():
    done = ocanalysis("profile", "Atlantïs")
    assert done.returncode == 2 and done.stdout == b""
    assert_ascii_and_no_traceback(done)
    assert done.stderr.count(b"\n") == 1 and done.stderr.startswith(b"ocanalysis: error: ")
    done = ocanalysis("profile", "Cote d'Ivoir")  # the closest country is suggested, in ASCII
    assert done.returncode == 2
    assert_ascii_and_no_traceback(done)
    assert b"""did you mean "Cote d'Ivoire"?""" in done.stderr


def test_a_file_name_that_is_not_ascii_is_written_back_as_typed(tmp_path):
    """Python reads it as escaped bytes in this locale; the message gives the bytes back, not
    '\\udcc3\\udcb4'."""
    missing = tmp_path / "côte.txt"
    done = ocanalysis("parse-profile", str(missing))
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert done.stderr == f"ocanalysis: error: {missing}: cannot read: ".encode() + (
        b"No such file or directory\n"
    )


def test_help_in_an_ascii_locale():
    done = ocanalysis("audit", "--help")  # its description has a "±"
    assert done.returncode == 0, done.stderr
    assert_ascii_and_no_traceback(done)
    assert b"+/-25 %" in done.stdout
