"""A next edition, made from the publisher's current workbook as the publisher would publish it:
one more ``<year>_dataset`` sheet, a copy of the latest one with some half-point changes and its
averages recomputed (with the publisher's rules, :func:`ocanalysis.scoring.composites`)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from ocanalysis import catalogue, scoring


def make_next_edition(
    source: Path, target: Path, year: int = 2027, *, extra_column: str | None = None
) -> Path:
    """Write ``target``: the workbook ``source`` with a ``{year}_dataset`` sheet added (from its
    newest sheet; every 5th country's indicators moved by half a point within 1-10). With
    ``extra_column``, the new sheet also has an indicator column of that name."""
    book = openpyxl.load_workbook(source)
    newest = max(
        (s for s in book.sheetnames if s.endswith("_dataset")), key=lambda s: int(s.split("_")[0])
    )
    sheet = book.copy_worksheet(book[newest])
    sheet.title = f"{year}_dataset"
    header = [c.value for c in sheet[1]]
    ids = {catalogue.id_for_label(str(h)): n for n, h in enumerate(header) if h}
    latest = int(newest.split("_")[0])
    indicators = [i.id for i in catalogue.indicators(latest)]
    rows = list(sheet.iter_rows(min_row=2))
    for number, row in enumerate(rows):
        if number % 5:
            continue
        for offset, indicator in enumerate(indicators):
            if (number + offset) % 4:
                continue
            cell = row[ids[indicator]]
            step = 0.5 if float(cell.value) <= 9.5 else -0.5
            cell.value = float(cell.value) + step
    values = pd.DataFrame(
        [[float(r[ids[i]].value) for i in indicators] for r in rows], columns=indicators
    )
    averages = scoring.composites(values, latest)
    for position, row in enumerate(rows):
        for composite in catalogue.COMPOSITE_IDS:  # the published averages, recomputed
            row[ids[composite]].value = float(averages.loc[position, composite])
    if extra_column is not None:
        column = len(header) + 1
        sheet.cell(row=1, column=column, value=extra_column)
        for number in range(2, len(rows) + 2):
            sheet.cell(row=number, column=column, value=5.0)
    book.save(target)
    return target
