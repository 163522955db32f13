"""Thin helpers the report notebooks call, so the notebooks hold narrative and calls only.

Every helper returns displayable HTML (``IPython.display.HTML``) in which each piece of text
that comes from data or input files is escaped.

>>> from ocanalysis import report
>>> ctx = report.context("Belgium", 2023)
>>> "129th of 193 countries" in report.scores_table(ctx.profile).data
True
"""

from __future__ import annotations

from .context import ReportContext, context, previous_edition
from .figure import figure
from .markup import esc
from .tables import frame_table, rank_summary, score_text, scores_table
from .text import citation, header, narrative, reading_guide, source_and_citation

__all__ = [
    "ReportContext",
    "citation",
    "context",
    "esc",
    "figure",
    "frame_table",
    "header",
    "narrative",
    "previous_edition",
    "rank_summary",
    "reading_guide",
    "scores_table",
    "score_text",
    "source_and_citation",
]
