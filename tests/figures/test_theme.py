"""The shared theme: palette roles that survive grayscale, alt text, no leaking settings."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from ocanalysis import figures
from ocanalysis.figures import _theme


def luma(color: str) -> float:
    r, g, b = to_rgb(color)
    return 255 * (0.299 * r + 0.587 * g + 0.114 * b)


def test_roles_differ_in_grey_level_and_marker():
    roles = [_theme.COUNTRY, _theme.REGION, _theme.WORLD]
    levels = sorted(luma(r.color) for r in roles)
    assert min(b - a for a, b in zip(levels, levels[1:], strict=False)) >= 30
    assert len({r.marker for r in roles}) == 3
    # The highlighted country against the grey background dots, and against region members.
    assert abs(luma(_theme.COUNTRY.color) - luma(_theme.OTHER.color)) >= 30
    assert _theme.COUNTRY.marker != _theme.REGION_MEMBER.marker


def test_alt_text_round_trip_and_whitespace():
    fig = Figure()
    assert figures.alt_text(fig) == ""
    figures.set_alt(fig, "Dots\n  of 15   scores.")
    assert figures.alt_text(fig) == "Dots of 15 scores."


def test_theme_context_does_not_leak():
    before = mpl.rcParams["axes.titlelocation"], mpl.rcParams["axes.spines.top"]
    with figures.theme():
        assert mpl.rcParams["axes.spines.top"] is False
    assert (mpl.rcParams["axes.titlelocation"], mpl.rcParams["axes.spines.top"]) == before


def test_apply_theme_sets_defaults():
    with mpl.rc_context():
        figures.apply_theme()
        assert mpl.rcParams["image.cmap"] == _theme.SEQUENTIAL_CMAP
        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
