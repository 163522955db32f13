"""The matplotlib renderer: any :class:`~._chart.Chart` as a real matplotlib Figure.

The figure is laid out by the chart's own frame (no layout engine: encoding draws it once), in the
package theme, on its own Agg canvas (not registered with pyplot). Every mark becomes the artist a
researcher would have drawn by hand (``Line2D`` markers, a ``LineCollection`` of segments, plain
texts), with the same ``gid`` as the chart's series, so it can be found and restyled.
"""

from __future__ import annotations

from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Affine2D, blended_transform_factory, offset_copy

from ._chart import POINTS, Chart, Markers, Rects, Segments, Text, fit
from ._theme import add_note_lines, framed_figure, legend_below, set_alt, set_title, theme

_CAPS = {"butt": "butt", "round": "round", "square": "projecting"}


def to_figure(chart: Chart) -> Figure:
    """The chart as a matplotlib Figure with its title and alt text (``figures.alt_text``).

    >>> from ocanalysis import figures
    >>> fig = to_figure(figures.indicator_dots.chart("Belgium", 2023, "criminal_actors"))
    >>> figures.title(fig), len(fig.axes[0].get_yticklabels())
    ('Belgium: criminal actors, 2023', 5)
    """
    chart = fit(chart)
    with theme():
        fig, ax = framed_figure(chart.width, chart.plot_height, chart.frame)
        for mark in chart.marks:
            _draw(ax, mark)
        ax.set_xlim(*chart.xlim)
        ax.set_ylim(*chart.ylim)
        if chart.equal_aspect:
            ax.set_aspect("equal")
        for axis, name in ((chart.x_axis, "x"), (chart.y_axis, "y")):
            _axis(ax, axis, name)
        for side, spine in ax.spines.items():
            spine.set_visible(side in chart.spines)
        if chart.colorbar:
            _colorbar(fig, chart.colorbar)
        set_title(fig, "\n".join(chart.title_lines), size=chart.title_size)
        if chart.legend:
            handles = [_handle(entry) for entry in chart.legend]
            legend_below(ax, handles, ncol=chart.legend_columns)
        add_note_lines(fig, chart.note_lines)
    set_alt(fig, chart.alt)
    return fig


def _transform(ax, coords, offset=(0.0, 0.0)):
    fig = ax.figure
    if coords == POINTS:
        # Through dpi_scale_trans: saving as SVG or PDF redraws at another dpi.
        transform = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    else:
        pick = {"data": ax.transData, "axes": ax.transAxes}
        transform = blended_transform_factory(pick[coords[0]], pick[coords[1]])
    if offset != (0.0, 0.0):
        transform = offset_copy(transform, fig=fig, x=offset[0], y=offset[1], units="points")
    return transform


def _draw(ax, mark) -> None:
    if isinstance(mark, Segments):
        ax.add_collection(
            LineCollection(
                [[(x1, y1), (x2, y2)] for x1, y1, x2, y2 in mark.segments],
                colors=mark.color,
                linewidths=mark.width,
                capstyle=_CAPS[mark.cap],
                zorder=mark.z,
                gid=mark.gid,
                linestyles=(0, mark.dash) if mark.dash else "solid",
                alpha=mark.opacity,
                transform=_transform(ax, mark.coords),
            ),
            autolim=False,
        )
    elif isinstance(mark, Markers):
        xs, ys = zip(*mark.points, strict=True) if mark.points else ((), ())
        bar = mark.shape == "|"
        ax.plot(
            xs,
            ys,
            linestyle="none",
            marker=mark.shape,
            markersize=mark.size,
            color=mark.fill,
            markeredgecolor=mark.edge or (mark.fill if bar else "none"),
            markeredgewidth=mark.edge_width,
            zorder=mark.z,
            gid=mark.gid,
            transform=_transform(ax, mark.coords),
        )
    elif isinstance(mark, Rects):
        ax.add_collection(
            PolyCollection(
                [[(x0, y0), (x1, y0), (x1, y1), (x0, y1)] for x0, y0, x1, y1 in mark.rects],
                facecolors=list(mark.fills) if mark.fills else "none",
                edgecolors=mark.edge or "none",
                linewidths=mark.edge_width,
                zorder=mark.z,
                gid=mark.gid,
                transform=_transform(ax, mark.coords),
                joinstyle="miter",
                clip_on=False,
            ),
            autolim=False,
        )
    elif isinstance(mark, Text):
        ax.text(
            mark.x,
            mark.y,
            mark.text,
            transform=_transform(ax, mark.coords, mark.offset),
            ha=mark.ha,
            va=mark.va,
            fontsize=mark.size,
            color=mark.color,
            fontweight=mark.weight,
            fontstyle="italic" if mark.italic else "normal",
            zorder=mark.z,
            linespacing=mark.linespacing,
            rotation=mark.rotation,
        )
    else:
        raise TypeError(f"no matplotlib drawing for {type(mark).__name__}")


def _axis(ax, axis, name: str) -> None:
    set_ticks = ax.set_xticks if name == "x" else ax.set_yticks
    set_ticks(list(axis.ticks), list(axis.tick_labels))
    ax.grid(axis=name, visible=axis.grid)
    if not axis.tick_marks:
        ax.tick_params(axis=name, length=0)
    if axis.label_rotation:
        ax.tick_params(axis=name, labelrotation=axis.label_rotation)
    if axis.label_size:
        ax.tick_params(axis=name, labelsize=axis.label_size)
    if name == "x" and axis.side == "top":
        ax.xaxis.tick_top()
    if axis.label:
        (ax.set_xlabel if name == "x" else ax.set_ylabel)(axis.label)
    labels = ax.get_xticklabels() if name == "x" else ax.get_yticklabels()
    for i, style in axis.label_styles.items():
        labels[i].set_fontweight(style.get("weight", "normal"))
        if "color" in style:
            labels[i].set_color(style["color"])


def _handle(entry) -> Line2D:
    if entry.kind == "line":
        return Line2D([], [], color=entry.color, lw=entry.line_width, label=entry.label)
    style = {"markerfacecolor": entry.fill} if entry.fill else {}
    if entry.edge:
        style["markeredgecolor"] = entry.edge
    if entry.edge_width:
        style["markeredgewidth"] = entry.edge_width
    return Line2D(
        [],
        [],
        ls="none",
        marker=entry.shape,
        ms=entry.size,
        color=entry.color,
        label=entry.label,
        **style,
    )


def _colorbar(fig, bar) -> None:
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    w, h = fig.get_figwidth() * 72, fig.get_figheight() * 72
    cax = fig.add_axes((bar.left / w, bar.bottom / h, bar.width / w, bar.height / h))
    mappable = ScalarMappable(Normalize(bar.vmin, bar.vmax), bar.cmap)
    drawn = fig.colorbar(mappable, cax=cax, ticks=list(bar.ticks))
    drawn.set_label(bar.label)
    drawn.outline.set_visible(False)
