"""Where a pasted report's header row is, and which of its rows are group subtotals.

A 1C report pasted as it was exported (for example «Валовая прибыль» or «Продажи» of
1C:Trade Management) has a title, the period and the filters in its first rows, the header
below them (Контрагент, Номенклатура, Период, Количество, Выручка, Себестоимость, Менеджер),
group rows that carry a client or product and its subtotal but no date, and an «Итого» line.
:func:`find_header` takes the first row within :data:`SEARCH_ROWS` that names every required
column as the header; rows above it are the report's title and are not data.
:func:`sum_rows` finds the subtotals a user or Excel's Data > Subtotal added below the lines
they sum.

Input and output: a :class:`~clientbase_xl.inputs.raw.RawTable`; pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import MONEY_DECIMALS
from clientbase_xl.inputs.raw import RawTable, cell_at
from clientbase_xl.inputs.schema import SheetSchema
from clientbase_xl.inputs.values import rows_matching

#: A client cell that labels a totals line of a report, not a client (1C: «Итого», «Всего»).
TOTALS_LABEL = re.compile(
    r"^\s*(итого|итог|всего|общий итог|total|totals|grand total|subtotal|sum)\b[\s:.]*",
    re.IGNORECASE,
)


def totals_rows(clients: pd.Series) -> np.ndarray:
    """Which rows' client cells label a totals line (a bool array)."""
    return rows_matching(clients, TOTALS_LABEL)


def sum_rows(amount: np.ndarray, candidate: np.ndarray) -> np.ndarray:
    """Which candidate rows hold the sum of the lines right above them (a bool array).

    A candidate row (one without a date or a client, which no sale lacks) is a subtotal when
    its amount equals, to the cent, the sum of one or more lines that run from the start of
    the table, or from just below an earlier subtotal, down to the row above it. Nested
    subtotals (clients within managers) and a grand total at the bottom are found so; a
    candidate whose amount matches no such run stays a line (and its missing date is an
    error). Only candidates can match, so no real sale is ever taken for a subtotal.

    Parameters
    ----------
    amount
        The amount of each row, NaN where blank or unreadable.
    candidate
        Rows that may be subtotals.
    """
    scale = 10**MONEY_DECIMALS
    known = ~np.isnan(amount)
    cents = np.where(known, np.rint(np.nan_to_num(amount) * scale), 0).astype(np.int64)
    lines = known & ~candidate
    before = np.concatenate([[0], np.cumsum(np.where(lines, cents, 0))])
    count = np.concatenate([[0], np.cumsum(lines)])
    found = np.zeros(len(amount), dtype=bool)
    # The running sum where a run may start -> the fewest lines counted there.
    starts = {0: 0}
    carried = carried_lines = 0  # candidates that matched nothing are lines like any other
    for i in np.flatnonzero(candidate & known & (cents != 0)):
        here, lines_here = int(before[i]) + carried, int(count[i]) + carried_lines
        start = starts.get(here - int(cents[i]))
        if start is not None and start < lines_here:
            found[i] = True
            starts.setdefault(here, lines_here)
        else:
            carried += int(cents[i])
            carried_lines += 1
    return found


#: How many rows below the first a header row is looked for.
SEARCH_ROWS = 30


def _names_required(cells: list[object], schema: SheetSchema) -> bool:
    found = {c.key for c in (schema.column_for(str(v)) for v in cells if v is not None) if c}
    return all(col.key in found for col in schema.columns if col.required)


def _row(raw: RawTable, i: int) -> list[object]:
    if raw.data is None:
        return list(raw.rows[i])
    return [cell_at(column, i) for column in raw.data]


def find_header(raw: RawTable, schema: SheetSchema) -> RawTable:
    """``raw`` with its header moved down to the first row naming every required column.

    ``raw`` is returned as it is when its own header names them, when none of the first
    :data:`SEARCH_ROWS` rows does, or for a table gathered from files (each has its header).
    The returned table is row-wise; ``header_row`` says where the header was found.
    """
    if raw.parts or _names_required(list(raw.header), schema):
        return raw
    above: list[object] = list(raw.header)
    for i in range(min(SEARCH_ROWS, raw.height)):
        cells = _row(raw, i)
        # A header of two rows, as 1C prints «Продажи» over «Количество | Сумма»: each
        # column is named by its lower cell, else by the one above it.
        for header in (cells, _stacked(above, cells)):
            if _names_required(header, schema):
                rows = [_row(raw, j) for j in range(i + 1, raw.height)]
                return replace(
                    raw,
                    header=header,
                    rows=rows,
                    data=None,
                    first_row=raw.first_row + i + 1,
                    header_row=raw.first_row + i,
                )
        above = cells
    return raw


def _stacked(upper: list[object], lower: list[object]) -> list[object]:
    """Two header rows as one: each column's lower cell, else its upper one."""
    width = max(len(upper), len(lower))
    upper, lower = (
        [*upper, *[None] * (width - len(upper))],
        [*lower, *[None] * (width - len(lower))],
    )
    return [b if b is not None and str(b).strip() else a for a, b in zip(upper, lower, strict=True)]


def first_rows(raw: RawTable, n: int = 6) -> list[str]:
    """The first non-blank rows of ``raw`` (its header first) as short texts, for a message."""
    out = []
    candidates = [(raw.first_row - 1, list(raw.header))]
    candidates += [(raw.first_row + i, _row(raw, i)) for i in range(min(SEARCH_ROWS, raw.height))]
    for number, cells in candidates:
        texts = [str(c).strip() for c in cells if c is not None and str(c).strip()]
        if texts:
            out.append(f"{number}: " + " | ".join(texts)[:80])
        if len(out) == n:
            break
    return out
