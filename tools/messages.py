"""Keep the reports' message catalogues with Babel's tooling: extract, update, check.

    python tools/messages.py            # extract the templates and update every catalogue
    python tools/messages.py --check    # exit 1 when a template is stale or a message untranslated

Domains (one template ``locale/<domain>.pot`` and one catalogue per language each):

- ``vocabulary``: the index's own names, taken from the data, not the code: every composite,
  pillar and indicator label, region, continent, quadrant, and the rank phrases' groups
  ('European countries'), each with its context (:mod:`ocanalysis.i18n`);
- ``report``: the messages of the country report and the figures (``_()``, ``ngettext()``,
  ``pgettext()`` calls in ``src/ocanalysis``, outside the site's files);
- ``site``: the summary reports, the index and the handouts;
- ``teaching``: the teaching notebooks' markdown cells, one message per cell, its context the
  notebook's name and the cell's id (``01_what_the_index_measures#t1-01``); a new or edited cell
  is a new message (``ocanalysis.handouts.markdown_messages``).

New messages get an empty translation, which ``--check`` (and ``tests/test_i18n.py``) refuse.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ocanalysis"
LOCALE = PACKAGE / "locale"
SITE_FILES = ("report/summary.py", "report/indicator.py", "render/index.py", "handouts.py")
# Fixed, so that the files change only when their messages do.
DATE = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def _python_files(domain: str) -> list[Path]:
    files = sorted(p for p in PACKAGE.rglob("*.py") if "locale" not in p.parts)
    site = {PACKAGE / name for name in SITE_FILES}
    return [p for p in files if (p in site) == (domain == "site")]


def _vocabulary() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from ocanalysis import catalogue, countries
    from ocanalysis.analysis.quadrant import QUADRANTS

    entries = [("measure", m.label) for m in catalogue.ALL_MEASURES]
    places = countries.all_countries()
    continents = sorted({c.continent for c in places})
    regions = sorted({c.region for c in places})
    entries += [("continent", c) for c in continents]
    entries += [("region", r) for r in regions]
    entries += [("of continent", c) for c in continents]
    entries += [("of region", r) for r in regions]
    entries += [("quadrant", q) for q in QUADRANTS]
    entries += [
        ("countries of", f"{countries.CONTINENT_ADJECTIVES[c]} countries") for c in continents
    ]
    entries += [("countries of", f"{countries.region_adjective(r)} countries") for r in regions]
    return entries


def _teaching() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from ocanalysis import handouts

    return [m for path in handouts.teaching_notebooks() for m in handouts.markdown_messages(path)]


def template(domain: str) -> Catalog:
    """The domain's messages as a template (no translations), in a stable order."""
    catalog = Catalog(
        project="ocanalysis", domain=domain, fuzzy=False, creation_date=DATE, revision_date=DATE
    )
    if domain == "vocabulary":
        for context, message in _vocabulary():
            catalog.add(message, context=context)
        return catalog
    if domain == "teaching":
        for context, message in _teaching():
            catalog.add(message, context=context)
        return catalog
    # N_ and NP_: marked here, translated where shown (with _ and pgettext).
    keywords = dict(DEFAULT_KEYWORDS, N_=None, NP_=((1, "c"), 2))
    for path in _python_files(domain):
        relative = path.relative_to(ROOT).as_posix()
        for lineno, message, comments, context in extract_from_file(
            "python", path, keywords=keywords, comment_tags=("Translators:",)
        ):
            catalog.add(
                message, locations=[(relative, lineno)], auto_comments=comments, context=context
            )
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    catalog.creation_date = catalog.revision_date = DATE
    write_po(buffer, catalog, sort_output=False, width=100, no_location=True)
    return buffer.getvalue()


def catalogue_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def updated(lang: str, domain: str, tmpl: Catalog) -> Catalog:
    """The language's catalogue brought up to the template (Babel's update; no fuzzy guesses)."""
    path = catalogue_path(lang, domain)
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang, domain=domain)
    else:
        catalog = Catalog(locale=lang, domain=domain, fuzzy=False, project="ocanalysis")
    catalog.update(tmpl, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def keys(catalog: Catalog) -> set:
    """The messages' (context, id) pairs."""
    return {(m.context, m.id) for m in catalog if m.id}


def untranslated(catalog: Catalog) -> list[str]:
    """The ids of messages without a (complete, non-fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check only; write nothing")
    args = parser.parse_args(argv)
    from ocanalysis.i18n import DEFAULT, LANGUAGES

    problems = []
    for domain in ("vocabulary", "report", "site", "teaching"):
        tmpl = template(domain)
        pot = LOCALE / f"{domain}.pot"
        if args.check:
            with pot.open("rb") if pot.exists() else io.BytesIO() as file:
                if keys(read_po(file)) != keys(tmpl):
                    problems.append(f"{pot.relative_to(ROOT)}: stale; run python tools/messages.py")
        else:
            pot.parent.mkdir(parents=True, exist_ok=True)
            pot.write_bytes(_po_bytes(tmpl))
        for lang in LANGUAGES:
            if lang == DEFAULT:
                continue
            catalog = updated(lang, domain, tmpl)
            path = catalogue_path(lang, domain)
            if args.check:
                missing = untranslated(catalog)
                if missing:
                    problems.append(
                        f"{path.relative_to(ROOT)}: {len(missing)} untranslated, e.g. {missing[0]!r}"
                    )
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(_po_bytes(catalog))
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
