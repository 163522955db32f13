"""Output in any locale: where stdout or stderr cannot encode UTF-8 (``LC_ALL=C`` with Python's
UTF-8 mode off, an old terminal), what they cannot encode is written as the closest ASCII
("Côte d'Ivoire" -> "Cote d'Ivoire") instead of ending the command with UnicodeEncodeError.

UTF-8 streams are left as they are; so are the files the package writes (always UTF-8).
"""

from __future__ import annotations

import codecs
import unicodedata

ERRORS = "ocanalysis.closest_ascii"  # the error handler's name, for str.encode and streams

# What NFKD does not bring to ASCII. Never '"', '\\' or ',': a replacement must not end a JSON
# string or split a CSV field, so double quotes become single ones.
_SPELLED = {
    **dict.fromkeys("‘’‚‛′´", "'"),
    **dict.fromkeys("“”„‟″«»", "'"),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "±": "+/-",
    "×": "x",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
    "þ": "th",
    "Þ": "Th",
}
_UNSAFE = set('"\\,')


def closest_ascii(char: str) -> str:
    """The ASCII letters closest to one character; ``?`` when there are none.

    >>> "".join(map(closest_ascii, "Côte d’Ivoire – São Tomé, Curaçao “ﬁ” 東"))
    "Cote d'Ivoire - Sao Tome, Curacao 'fi' ?"
    """
    if char.isascii():
        return char
    if char in _SPELLED:
        return _SPELLED[char]
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    if letters and letters.isascii() and letters.isprintable() and not _UNSAFE & set(letters):
        return letters
    return "?"


def _closest_ascii_handler(error: UnicodeError) -> tuple[str | bytes, int]:
    """Replace the first character that could not be encoded (the encoder calls again for more).

    A surrogate that stands for an undecodable byte (how Python reads a non-ASCII argument or file
    name in such a locale) is written back as that byte, as ``surrogateescape`` would.

    >>> "Curaçao \\udcc3\\udca7".encode("ascii", ERRORS)
    b'Curacao \\xc3\\xa7'
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    char = error.object[error.start]
    if 0xDC80 <= ord(char) <= 0xDCFF:
        return bytes([ord(char) - 0xDC00]), error.start + 1
    return closest_ascii(char), error.start + 1


codecs.register_error(ERRORS, _closest_ascii_handler)


def readable_anywhere(*streams) -> None:
    """Give each text stream that is not UTF-8 the closest-ASCII error handler."""
    for stream in streams:
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue  # not a text stream of a file (pytest's capture, a StringIO, None)
        try:
            if codecs.lookup(encoding).name == "utf-8":
                continue
        except LookupError:
            pass
        stream.reconfigure(errors=ERRORS)
