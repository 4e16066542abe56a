"""A table as it was read from a sheet, before any parsing: the gateways' common currency."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class RawTable:
    """Cells of one input table exactly as read.

    ``header`` is the header row; ``rows`` the data rows (each as long as the header, ``None`` or
    ``""`` for blanks). ``first_row`` is the Excel row number (1-based) of ``rows[0]`` and
    ``first_col`` the 0-based column index of the header's first cell, so that every problem can be
    reported where the user sees it.
    """

    sheet: str
    header: Sequence[object]
    rows: Sequence[Sequence[object]]
    first_row: int = 2
    first_col: int = 0

    def column(self, index: int) -> Sequence[object]:
        """Return the cells of column ``index`` (0-based within the table)."""
        columns = self._columns
        return columns[index] if index < len(columns) else (None,) * len(self.rows)

    @cached_property
    def _columns(self) -> list[tuple[object, ...]]:
        # One transposition in C for all columns; short rows are padded with blanks.
        return list(itertools.zip_longest(*self.rows, fillvalue=None))


def column_letter(index: int) -> str:
    """Return the Excel column letter of 0-based ``index`` (0 -> A, 27 -> AB)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
