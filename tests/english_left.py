"""Find English left in a translated page: the literal parts of the catalogues' English messages
(``report`` and ``site`` domains) that the page shows although the language translates them.

Two checks, both in :func:`english_left`: the catalogues' messages and a list of English words.

A message is cut at its placeholders ('Mean criminality rose by {change} since {edition}' gives
'Mean criminality rose by' and 'since'); a part of two words or more that the language's own
translation of that message does not contain, found in the page's text or alt texts, is English
left over. Proper names, numbers and the publisher's title are not messages, so they never count.
"""

from __future__ import annotations

import base64
import functools
import html
import html.parser
import re

from babel.messages.pofile import read_po

from ocanalysis import i18n

_PLACEHOLDER = re.compile(r"\{\w*\}")


@functools.cache
def english_parts(lang: str) -> tuple[str, ...]:
    """The English parts of every message ``lang`` translates differently."""
    parts = set()
    for domain in ("report", "site"):
        with (i18n.LOCALE_DIR / f"{domain}.pot").open("rb") as file:
            template = read_po(file)
        for message in template:
            if not message.id or message.context:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            with i18n.use(lang):
                if len(ids) == 1:
                    translated = [i18n._(ids[0])]
                else:
                    translated = [i18n.ngettext(ids[0], ids[1], n) for n in (1, 2, 1_000_000)]
            for english in ids:
                for part in _PLACEHOLDER.split(english):
                    part = part.strip(" ,.;:()'")
                    if len(part.split()) >= 2 and not any(part in t for t in translated):
                        parts.add(part)
    return tuple(sorted(parts, key=len, reverse=True))


def english_left(page: str, lang: str) -> list[str]:
    """The English message parts and English words the page shows (none in a fully translated
    page): its text, alt texts and title, and the text of its embedded SVG charts, leaving out
    what is marked ``lang="en"``."""
    text = page_text(page)
    return [part for part in english_parts(lang) if part in text] + english_words(text)


class _Text(html.parser.HTMLParser):
    """A page's words a reader meets: text, alt texts, the title, and the text of the SVG charts
    embedded as data URIs; leaving out whatever is marked lang="en" (the profile's narrative, the
    publisher's title in the citation), style and the parameters' code."""

    SKIP = {"style", "script", "code", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []

    def _skipping(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIP or attrs.get("lang", "").startswith("en")
        void = tag in {"img", "meta", "link", "br", "hr", "input"}
        if not void:
            self._stack.append(skip)
        if self._skipping() or skip:
            return
        for name in ("alt", "aria-label", "title"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        src = attrs.get("src") or ""
        if src.startswith("data:image/svg+xml;base64,"):
            svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
            svg_text = _Text()
            svg_text.feed(svg)
            self.parts.extend(svg_text.parts)

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


# Words that are English and no word of French, Spanish or Portuguese; proper names (the index's
# title, the publisher's, file names, Natural Earth, Equal Earth) hold none of them but "of" and
# "and" in titles, which are taken out first.
PROPER_NAMES = (
    "Global Organized Crime Index",
    "Global Initiative Against Transnational Organized Crime",
    "Natural Earth",
    "Equal Earth",
)
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|with|which|between|countries|country|score is|higher|lower|mean|"
    r"rank|ranks|ranked|edition|editions|published|report|region|change|like for like|"
    r"indicators?|criminality|resilience|markets|actors|highest|lowest|percentile|runs|see also)\b",
    re.IGNORECASE,
)


def english_words(text: str) -> list[str]:
    """The English words in ``text``, each with a little context (proper names taken out)."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    found = []
    for match in ENGLISH_WORDS.finditer(text):
        start, end = max(0, match.start() - 30), match.end() + 30
        found.append(text[start:end])
    return found
