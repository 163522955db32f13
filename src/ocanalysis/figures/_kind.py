"""A figure kind's public function, made from its describing function by the generic renderers."""

from __future__ import annotations

import functools
from collections.abc import Callable

from ._chart import Chart
from ._mpl import to_figure
from ._svg import to_svg_chart


def figure_function(describe: Callable[..., Chart], name: str) -> Callable:
    """The public figure function of a kind: ``describe``'s arguments, a matplotlib Figure out.

    The description stays reachable as ``.chart(...)`` and the report's SVG as ``.svg(...)``.
    """

    @functools.wraps(describe)
    def draw(*args, **kwargs):
        return to_figure(describe(*args, **kwargs))

    draw.__name__ = draw.__qualname__ = name
    draw.chart = describe
    draw.svg = lambda *args, **kwargs: to_svg_chart(describe(*args, **kwargs))
    return draw
