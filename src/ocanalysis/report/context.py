"""The report's parameters resolved once: the country's profile, the edition to compare with and
the parsed profile text (when a path is given)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..dataset import check_edition, editions
from ..errors import ArgumentError, InputError
from ..profile import Profile
from ..profile import profile as build_profile


@dataclass(frozen=True)
class ReportContext:
    """What every section of one country report needs."""

    profile: Profile
    compare_edition: int | None  # None when the edition is the first one
    parsed: object | None  # a ParsedProfile, when a profile text was given
    profile_path: str | None = None

    @property
    def country(self) -> str:
        """The country's name, as the profile gives it.

        >>> from ocanalysis.profile import profile
        >>> ReportContext(profile("BEL", 2023), 2021, None).country
        'Belgium'
        """
        return self.profile.country

    @property
    def place(self):
        """The resolved country (``countries.Country``, with the edition's continent and region):
        sections pass it on, never the name.

        >>> from ocanalysis.profile import profile
        >>> ReportContext(profile("BEL", 2023), 2021, None).place.region
        'Western Europe'
        """
        from ..dataset import place

        return place(self.profile.iso3, self.profile.edition)

    @property
    def analysis(self):
        """The edition's shared results (``analysis.edition_analysis``), computed once a kernel."""
        from ..analysis import edition_analysis

        return edition_analysis(self.edition)

    @property
    def edition(self) -> int:
        """The report's edition.

        >>> from ocanalysis.profile import profile
        >>> ReportContext(profile("Belgium", 2023), 2021, None).edition
        2023
        """
        return self.profile.edition


def previous_edition(edition: int) -> int | None:
    """The edition before ``edition`` in the data, None for the first.

    >>> previous_edition(2023), previous_edition(2021)
    (2021, None)
    """
    earlier = [e for e in editions() if e < edition]
    return earlier[-1] if earlier else None


def resolve_compare_edition(edition: int, compare_edition: int | str | None) -> int | None:
    """The edition to compare with: the previous one by default; never the edition itself.

    >>> resolve_compare_edition(2025, None), resolve_compare_edition(2025, "2021")
    (2023, 2021)
    """
    if compare_edition is None:
        return previous_edition(edition)
    other = check_edition(compare_edition)
    if other == edition:
        raise ArgumentError(f"compare_edition {other} is the report's own edition")
    return other


def read_profile_text(path: str | Path, edition: int) -> object:
    """Parse a country profile text file (the publisher's PDF extracted to text).

    >>> from ocanalysis.profile_text import EXAMPLE
    >>> path = getfixture("tmp_path") / "denmark.txt"
    >>> _ = path.write_text(EXAMPLE, encoding="utf-8")
    >>> read_profile_text(path, 2021).country, read_profile_text(path, 2021).scores["criminality"]
    ('Denmark', 3.86)
    >>> read_profile_text(path.with_name("none.txt"), 2021)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ocanalysis.errors.InputError: .../none.txt: profile text not found
    """
    from ..profile_text import parse_profile

    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{file}: profile text not found") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{file}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    return parse_profile(text, edition=edition, source=str(file))


def context(
    country: str,
    edition: int | str | None = None,
    compare_edition: int | str | None = None,
    profile: str | Path | None = None,
    lang: str | None = None,
) -> ReportContext:
    """Resolve the notebook's parameters; ``lang`` (en, fr, es, pt; None: English) becomes the
    language every section writes in.

    >>> ctx = context("BEL", 2023)
    >>> ctx.country, ctx.edition, ctx.compare_edition, ctx.parsed
    ('Belgium', 2023, 2021, None)
    """
    from ..i18n import set_language

    set_language(lang)
    resolved = check_edition(edition)
    found = build_profile(country, resolved)
    parsed = read_profile_text(profile, resolved) if profile else None
    if parsed is not None and getattr(parsed, "iso3", found.iso3) != found.iso3:
        raise InputError(
            f"{profile}: the profile text is {parsed.country}'s, the report is {found.country}'s"
        )
    return ReportContext(
        profile=found,
        compare_edition=resolve_compare_edition(resolved, compare_edition),
        parsed=parsed,
        profile_path=str(profile) if profile else None,
    )
