"""Find English left in a translated page: the literal parts of the catalogues' English messages
(``report`` and ``site`` domains) that the page shows although the language translates them.

A message is cut at its placeholders ('Mean criminality rose by {change} since {edition}' gives
'Mean criminality rose by' and 'since'); a part of two words or more that the language's own
translation of that message does not contain, found in the page's text or alt texts, is English
left over. Proper names, numbers and the publisher's title are not messages, so they never count.
"""

from __future__ import annotations

import functools
import html
import re

from babel.messages.pofile import read_po

from ocanalysis import i18n

_PLACEHOLDER = re.compile(r"\{\w*\}")


def visible_text(page: str) -> str:
    """The page's text and its images' alt texts, unescaped, whitespace collapsed."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    alts = " ".join(re.findall(r'\balt="([^"]*)"', page))
    text = re.sub(r"<[^>]+>", " ", page) + " " + alts
    return re.sub(r"\s+", " ", html.unescape(text))


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
    """The English message parts the page shows (none in a fully translated page)."""
    text = visible_text(page)
    return [part for part in english_parts(lang) if part in text]
