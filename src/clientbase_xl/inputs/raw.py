"""A table as it was read from a sheet, before any parsing: the gateways' common currency."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

#: One column of cells: Python objects (``None`` or ``""`` for blanks), or a typed column
#: read straight into Arrow by a columnar reader.
ColumnCells = Sequence[object] | pd.Series
#: A rectangle of cells: 1-based first and last rows, 0-based first and last columns.
Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class Part:
    """One file of a table gathered from several.

    Its name, its number of data rows, and the row number the first of them has in the file
    (2 under a header in the first line).
    """

    name: str
    rows: int
    first_row: int = 2


@dataclass(frozen=True)
class RawTable:
    """Cells of one input table exactly as read, row-wise (``rows``) or column-wise (``data``).

    ``header`` is the header row. ``rows`` are the data rows (each as long as the header, ``None``
    or ``""`` for blanks); a columnar reader gives ``data`` instead, one column per header cell.
    ``first_row`` is the Excel row number (1-based) of the first data row and ``first_col`` the
    0-based column index of the header's first cell, so that every problem can be reported where
    the user sees it. A table gathered from several files lists them in ``parts``, in order;
    each file's rows then count from its own first data row.
    """

    sheet: str
    header: Sequence[object]
    rows: Sequence[Sequence[object]] = ()
    first_row: int = 2
    first_col: int = 0
    data: Sequence[ColumnCells] | None = None
    parts: tuple[Part, ...] = ()
    #: Where a pasted report's header was found below its title rows (None: in the first row).
    header_row: int | None = None
    #: The sheet's formula cells saved without their result: (row, 0-based column) on the
    #: sheet -> the formula (see :mod:`clientbase_xl.workbook.formulas`).
    formulas: Mapping[tuple[int, int], str] = field(default_factory=dict)
    #: Other tables and sheets of the workbook named as this input may be, not read.
    others: tuple[str, ...] = ()
    #: Whether the book counts dates from 1904: its serial numbers are read so.
    date1904: bool = False
    #: Cells with content below the Excel table that holds this input, in its columns:
    #: (row, 0-based column) on the sheet (see :mod:`clientbase_xl.workbook.below`).
    below: tuple[tuple[int, int], ...] = ()
    #: The sheet's merged blocks (see :mod:`clientbase_xl.workbook.merges`).
    merged: tuple[Rect, ...] = ()

    @property
    def height(self) -> int:
        """The number of data rows."""
        if self.data is not None:
            return len(self.data[0]) if len(self.data) else 0
        return len(self.rows)

    def column(self, index: int) -> ColumnCells:
        """Return the cells of column ``index`` (0-based within the table)."""
        columns = self.data if self.data is not None else self._columns
        return columns[index] if index < len(columns) else (None,) * self.height

    @cached_property
    def _columns(self) -> list[tuple[object, ...]]:
        # One transposition in C for all columns; short rows are padded with blanks.
        return list(itertools.zip_longest(*self.rows, fillvalue=None))

    def row_numbers(self) -> np.ndarray:
        """The row number the user sees for every data row (within its own file for parts)."""
        if not self.parts:
            return np.arange(self.first_row, self.first_row + self.height)
        return np.concatenate([np.arange(p.first_row, p.first_row + p.rows) for p in self.parts])

    def formulas_in(self, index: int) -> dict[int, str]:
        """The formulas saved without a result in column ``index``: data row position -> formula."""
        col = self.first_col + index
        last = self.first_row + self.height
        return {
            row - self.first_row: formula
            for (row, c), formula in self.formulas.items()
            if c == col and self.first_row <= row < last
        }

    def with_merges(self) -> RawTable:
        """The table with each block merged down one of its columns filled with its value.

        A report that merges a client's cell over its lines shows the client on each of them;
        every reader gives the value in the block's first cell only. A block that starts above
        the data (in a title or the header) or spans columns is left as it is.
        """
        height, width = self.height, len(self.header)
        blocks = [
            (top - self.first_row, min(bottom, self.first_row + height - 1) - self.first_row, col)
            for top, bottom, left, col in self.merged
            if left == col
            and bottom > top
            and top >= self.first_row
            and top < self.first_row + height
            and self.first_col <= col < self.first_col + width
        ]
        if not blocks or self.parts:
            return self
        columns: list[ColumnCells] = [self.column(i) for i in range(width)]
        for index in sorted({col - self.first_col for _, _, col in blocks}):
            mine = [(start, end) for start, end, col in blocks if col - self.first_col == index]
            # Every cell under each block's first, and the first it takes its value from.
            at = np.concatenate([np.arange(start + 1, end + 1) for start, end in mine])
            source = np.concatenate([np.full(end - start, start) for start, end in mine])
            cells = columns[index]
            if isinstance(cells, pd.Series):
                blank = cells.isna().to_numpy() | (cells.astype(object) == "").to_numpy()
                keep = blank[at]
                filled = cells.copy()
                filled.iloc[at[keep]] = cells.iloc[source[keep]].to_numpy()
                columns[index] = filled
            else:
                listed = list(cells)
                for pos, src in zip(at.tolist(), source.tolist(), strict=True):
                    if listed[pos] in (None, ""):
                        listed[pos] = listed[src]
                columns[index] = listed
        return replace(self, rows=(), data=columns)

    def sheet_of(self, index: int) -> str:
        """The sheet (or file) that data row ``index`` came from."""
        if not self.parts:
            return self.sheet
        ends = list(itertools.accumulate(p.rows for p in self.parts))
        return self.parts[bisect.bisect_right(ends, index)].name


def cell_at(cells: ColumnCells, index: int) -> object:
    """The cell at position ``index`` of a column, whichever form it has; blanks are ``None``."""
    if not isinstance(cells, pd.Series):
        return cells[index]
    value = cells.iloc[index]
    # A typed column marks blanks as NaN, NaT or NA; Python cells say None.
    return None if pd.isna(value) else value


def in_rect(row: int, col: int, rect: Rect) -> bool:
    """Whether the cell at 1-based ``row`` and 0-based ``col`` is inside ``rect``."""
    first_row, last_row, first_col, last_col = rect
    return first_row <= row <= last_row and first_col <= col <= last_col


def column_letter(index: int) -> str:
    """Return the Excel column letter of 0-based ``index`` (0 -> A, 27 -> AB)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
