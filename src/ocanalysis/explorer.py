"""Explore the index interactively: an ipywidgets explorer for JupyterLab and a Voilà app for class.

``ocanalysis.explore()`` shows one country: its composites and ranks, its indicators against its
region's and the world's means, its change since the previous edition, its place in the
publisher's matrix and a map of the chosen indicator; ``explore.indicator()`` shows one indicator
across the world (ranking, map, continent and region means). Everything shown is the library's
own tables and figures (the reports'), built by the pure functions :func:`country_view` and
:func:`indicator_view`; the widgets only choose what to show. A change of control builds the
new view, then swaps it in at once (no flicker); input the library refuses is its one-line
message above the view, which stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from . import catalogue, countries, i18n
from .errors import ArgumentError, OCAnalysisError
from .i18n import N_, _

__all__ = ["explore", "country_view", "indicator_view", "Explorer", "IndicatorExplorer"]

WORLD = "World"
# Each control's label and placeholder (translated where shown).
LABELS = {
    "edition": (N_("Edition"), ""),
    "country": (N_("Country"), N_("name, alias or code")),
    "compare_with": (N_("Compare"), N_("a country, region or World")),
    "indicator": (N_("Indicator"), ""),
    "name": (N_("Indicator"), ""),
    "lang": (N_("Language"), ""),
}
STYLE = (
    "<style>.oca-explorer figure{margin:0.4em 0}.oca-explorer img.chart{max-width:100%;"
    "height:auto}.oca-explorer table{border-collapse:collapse;margin:0.3em 0}"
    ".oca-explorer td,.oca-explorer th{padding:1px 8px;border-bottom:1px solid #ddd}"
    ".oca-explorer .num{text-align:right}.oca-explorer h3{margin:0.6em 0 0.2em}</style>"
)


def _choices() -> list[str]:
    """What the country box offers: every country's name (codes and aliases are taken too)."""
    return [c.name for c in countries.all_countries()]


def _group_of(name: str, edition: int):
    """A comparison target: a country, a continent, a region or the world, by any spelling:
    (kind, canonical name, member frame)."""
    from .dataset import wide

    frame = wide(edition)
    if countries.fold(name) in ("world", countries.fold(_("World"))):
        return "world", WORLD, frame
    for kind, known in (("continent", countries.CONTINENTS), ("region", countries.REGIONS)):
        if countries.fold(name) in {countries.fold(k) for k in known}:
            canonical = countries.group(kind, name)
            return kind, canonical, frame[frame[kind] == canonical]
    country = countries.lookup(name)  # UnknownCountryError with a suggestion
    return "country", country.iso3, frame[frame["iso3"] == country.iso3]


def country_view(
    country: str,
    edition: int | None = None,
    *,
    compare_with: str | None = None,
    indicator: str = "criminality",
    lang: str | None = None,
) -> str:
    """The explorer's view of one country, as HTML: the library's report tables and charts.

    >>> html = country_view("Peru", 2023, compare_with="South America")
    >>> "Peru" in html, html.count("<figure"), "South America" in html
    (True, 3, True)
    """
    from .analysis.means import group_mean
    from .dataset import check_edition, place
    from .figures import choropleth_svg, indicator_dots, quadrant_scatter
    from .profile import profile
    from .report.context import previous_edition
    from .report.figure import chart_html, png_figure_html
    from .report.markup import element, table
    from .report.tables import composites_table, score_text

    with i18n.use(lang):
        edition = check_edition(edition)
        found = place(country, edition)
        entry = catalogue.lookup(indicator)
        if not entry.in_edition(edition):
            raise ArgumentError(f"{entry.label!r} is first scored in {entry.since}")
        scores = profile(found.iso3, edition)
        parts = [
            element(
                "h2",
                f"{i18n.country(found.iso3)}, {edition} · {i18n.region(found.region)}, "
                f"{i18n.continent(found.continent)}",
            ),
            composites_table(scores),
        ]
        before = previous_edition(edition)
        if before is not None:
            old = profile(found.iso3, before)
            rows = [
                [
                    i18n.label(m),
                    score_text(old.scores[m]),
                    score_text(scores.scores[m]),
                    i18n.signed(scores.scores[m] - old.scores[m], 2),
                ]
                for m in catalogue.COMPOSITE_IDS
            ]
            parts.append(
                table(
                    [_("Measure"), str(before), str(edition), _("Change")],
                    rows,
                    caption=_("Change since {edition} (as published)").format(edition=before),
                    numeric=[1, 2, 3],
                )
            )
        if compare_with:
            kind, name, members = _group_of(compare_with, edition)
            label = i18n.country(name) if kind == "country" else i18n.subject(kind, name)
            rows = [
                [i18n.label(m), score_text(scores.scores[m]), score_text(group_mean(members, m))]
                for m in catalogue.COMPOSITE_IDS
            ]
            parts.append(
                table(
                    [_("Measure"), i18n.country(found.iso3), label],
                    rows,
                    caption=_("{country} and {other}, {edition}").format(
                        country=i18n.country(found.iso3), other=label, edition=edition
                    ),
                    numeric=[1, 2],
                )
            )
        # The dots of the indicator's pillar (criminality's: the markets).
        pillar = catalogue.CRIMINAL_MARKETS if entry.id == "criminality" else entry.pillar
        parts.append(chart_html(indicator_dots.svg(found.iso3, edition, pillar)))
        parts.append(chart_html(quadrant_scatter.svg(found.iso3, edition)))
        image = choropleth_svg(entry.id, edition, country=found.iso3)
        parts.append(
            png_figure_html(image.png, image.alt) if image.png is not None else chart_html(image)
        )
        return STYLE + '<div class="oca-explorer">' + "".join(parts) + "</div>"


def indicator_view(name: str, edition: int | None = None, *, lang: str | None = None) -> str:
    """The explorer's view of one indicator: its world mean, ranking, map and the continents'
    and regions' means (the indicator report's sections).

    >>> html = indicator_view("law enforcement", 2023)
    >>> "Law enforcement" in html, "Iceland, Singapore" in html
    (True, True)
    """
    from .report import indicator as page

    with i18n.use(lang):
        ctx = page.context(name, edition, lang=i18n.language())
        parts = [page.header(ctx), page.ranking(ctx), page.world_map(ctx), page.groups(ctx)]
        html = "".join(p.data for p in parts)
        return STYLE + '<div class="oca-explorer">' + html + "</div>"


class _View:
    """Controls, a one-line message and the view; ``build`` makes the view's HTML from the
    controls' values."""

    def __init__(self, controls: dict, build: Callable[..., str]) -> None:
        import ipywidgets as widgets

        self.controls = controls
        self._build = build
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.view = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap")),
                self.message,
                self.view,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("ocanalysis-explorer")
        for control in controls.values():
            control.style.description_width = "auto"
            control.observe(self.update, names="value")
        self.update()

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def update(self, *_change) -> None:
        """Build the view from the controls; on a refused input, say why and keep the view."""
        from .report.markup import esc

        with i18n.use(self.controls["lang"].value):  # the controls' labels in its language
            for name, control in self.controls.items():
                control.description = _(LABELS[name][0])
                if LABELS[name][1]:
                    control.placeholder = _(LABELS[name][1])
        try:
            html = self._build(**self.values())
        except OCAnalysisError as error:
            self.message.value = f'<span style="color:#a40000">{esc(str(error))}</span>'
            return
        self.message.value = ""
        self.view.value = html  # one assignment: the old view until the new one is whole

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _edition_control(edition: int | None):
    import ipywidgets as widgets

    from .dataset import check_edition, editions

    return widgets.Dropdown(
        options=list(reversed(editions())), value=check_edition(edition), description="Edition"
    )


def _indicator_control(name: str):
    import ipywidgets as widgets

    return widgets.Dropdown(
        options=[(m.label, m.id) for m in catalogue.ALL_MEASURES],
        value=catalogue.lookup(name).id,
        description="Indicator",
    )


def _language_control(lang: str):
    import ipywidgets as widgets

    names = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
    options = [(names.get(code, code), code) for code in i18n.LANGUAGES]
    return widgets.Dropdown(options=options, value=lang, description="Language")


def _text_control(value: str, description: str, placeholder: str, options: list[str]):
    """A box to type in, offering ``options``; its value counts on Enter or leaving the box (not
    at every key: a half-typed name is no country)."""
    import ipywidgets as widgets

    return widgets.Combobox(
        options=options,
        value=value,
        description=description,
        placeholder=placeholder,
        ensure_option=False,
        continuous_update=False,
    )


class Explorer(_View):
    """The country explorer (:func:`explore`); ``.widget`` is the ipywidgets box."""

    def __init__(
        self,
        country: str = "Belgium",
        edition: int | None = None,
        compare_with: str = "",
        indicator: str = "criminality",
        lang: str = "en",
    ) -> None:
        groups = [WORLD, *countries.CONTINENTS, *countries.REGIONS]
        controls = {
            "edition": _edition_control(edition),
            "country": _text_control(
                countries.lookup(country).name, "Country", "name, alias or code", _choices()
            ),
            "compare_with": _text_control(
                compare_with, "Compare", "a country, region or World", groups + _choices()
            ),
            "indicator": _indicator_control(indicator),
            "lang": _language_control(lang),
        }
        super().__init__(controls, self._view)

    @staticmethod
    def _view(edition, country, compare_with, indicator, lang) -> str:
        if not str(country).strip():
            raise ArgumentError("type a country's name, alias or ISO code")
        return country_view(
            country, edition, compare_with=compare_with or None, indicator=indicator, lang=lang
        )


class IndicatorExplorer(_View):
    """The indicator explorer (``ocanalysis.explore.indicator()``)."""

    def __init__(self, name: str = "criminality", edition: int | None = None, lang: str = "en"):
        controls = {
            "edition": _edition_control(edition),
            "name": _indicator_control(name),
            "lang": _language_control(lang),
        }
        super().__init__(
            controls, lambda edition, name, lang: indicator_view(name, edition, lang=lang)
        )


def explore(
    country: str = "Belgium",
    edition: int | None = None,
    compare_with: str = "",
    indicator: str = "criminality",
    lang: str = "en",
) -> Explorer:
    """An explorer of one country, to show in JupyterLab (the cell's last value) or Voilà.

    >>> explorer = explore("Peru", 2023)
    >>> "Peru" in explorer.view.value
    True
    >>> explorer.controls["country"].value = "Atlantis"
    >>> explorer.message.value  # doctest: +ELLIPSIS
    '<span style="color:#a40000">unknown country ...</span>'
    >>> "Peru" in explorer.view.value  # the previous view stays
    True
    """
    return Explorer(country, edition, compare_with, indicator, lang)


def _indicator(name: str = "criminality", edition: int | None = None, lang: str = "en"):
    """An explorer of one indicator across the world.

    >>> explorer = explore.indicator("law_enforcement", 2023)
    >>> explorer.controls["name"].value = "prevention"
    >>> "Prevention" in explorer.view.value
    True
    """
    return IndicatorExplorer(name, edition, lang)


explore.indicator = _indicator
