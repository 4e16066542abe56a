"""The live-workbook gateway: a refresh run from Excel reads and writes through xlwings.

Reading takes each input table in one bulk transfer (in row chunks for very large tables).
Writing goes one of two ways: desktop Excel gets the file renderer's tabs copied in
(:mod:`~clientbase_xl.excel.copy_writer`), xlwings Lite cell ranges written one block at a time
(:mod:`~clientbase_xl.excel.cell_writer`). Only public xlwings API is used (Book, Sheet, Range,
Table, Chart), so the same code runs in desktop Excel on Windows and macOS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlwings as xw

from clientbase_xl.excel.cell_writer import write_cells
from clientbase_xl.excel.copy_writer import copy_tabs
from clientbase_xl.excel.sheets import sheet_facts
from clientbase_xl.i18n import Lang
from clientbase_xl.inputs.model import requested_files
from clientbase_xl.inputs.raw import RawTable, Rect, in_rect
from clientbase_xl.inputs.schema import SHEETS, header_key
from clientbase_xl.report.owned import not_inputs
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.tabs import OWN_TABS

#: Rows per bulk read: large enough to be fast, small enough for Excel's COM marshalling.
READ_CHUNK = 100_000
#: How many rows under an input table are looked at for rows it does not hold: Excel's used
#: range can run far below the data (a cell once typed there and cleared), and rows typed
#: under a table start right under it.
BELOW_ROWS = 1_000


def _rect(rng: xw.Range) -> Rect:
    """Where ``rng`` is, as the file reader's places say it."""
    height, width = rng.shape
    return rng.row, rng.row + height - 1, rng.column - 1, rng.column + width - 2


#: The most blank cells under a filled one whose merge area is asked for, one call each.
MERGE_PROBES = 5000


class XlwingsGateway:
    """Read input tables from, and write result tabs into, an open workbook."""

    def __init__(self, book: xw.Book, lite: bool = False) -> None:
        self.book = book
        #: In xlwings Lite (no files): tabs are written cell range by cell range.
        self.lite = lite
        #: The sheets the inputs were read from: never written, never scanned by the writer.
        self._read_sheets: set[str] = set()

    # -- reading ---------------------------------------------------------------------------
    def _tables(self) -> dict[str, Any]:
        return {header_key(t.name): t for sheet in self.book.sheets for t in sheet.tables}

    def _read(
        self, sheet: xw.Sheet, first_row: int, first_col: int, n_rows: int, n_cols: int
    ) -> list[list[object]]:
        out: list[list[object]] = []
        for start in range(0, n_rows, READ_CHUNK):
            height = min(READ_CHUNK, n_rows - start)
            block = sheet.range((first_row + start, first_col)).resize(height, n_cols)
            out.extend(block.options(ndim=2).value)
        return out

    def _merged(
        self, sheet: xw.Sheet, rng: xw.Range, values: list[list[object]]
    ) -> tuple[Rect, ...]:
        """The blocks merged down a column of ``rng``'s data rows, as the file reader finds them.

        Excel says at once whether a range holds merged cells; only then is each blank cell
        under a filled one asked for its merge area (at most :data:`MERGE_PROBES` of them).
        xlwings Lite answers neither question while a script runs: nothing is filled there.
        """
        if self.lite or rng.merge_cells is False:
            return ()
        found: list[Rect] = []
        probes = 0
        for j in range(len(values[0])):
            for i in range(2, len(values)):  # values[0] is the header; a block's top is data
                if values[i][j] not in (None, "") or values[i - 1][j] in (None, ""):
                    continue
                probes += 1
                if probes > MERGE_PROBES:
                    return tuple(found)
                area = sheet.range((rng.row + i, rng.column + j)).merge_area
                height, width = area.shape
                if height > 1 and width == 1 and area.row == rng.row + i - 1:
                    column = area.column - 1
                    found.append((area.row, area.row + height - 1, column, column))
        return tuple(found)

    def _below(self, sheet: xw.Sheet, table: xw.Range) -> tuple[tuple[int, int], ...]:
        """Cells with a value under ``table`` (a table's range), in its columns: (row, column).

        The row is 1-based, the column 0-based, as the file reader finds them
        (:mod:`clientbase_xl.workbook.below`).

        Excel grows a table when a row is typed under it, unless told not to; a paste or a
        macro may not. Only when the sheet's used range ends below the table is anything read.
        """
        used = sheet.used_range
        last, end = used.row + used.shape[0] - 1, table.row + table.shape[0] - 1
        if last <= end:
            return ()
        width = table.shape[1]
        others = [
            _rect(t.range)
            for t in sheet.tables
            if t.range.row > end and t.range.address != table.address
        ]
        found = []
        height = min(last - end, BELOW_ROWS)
        for i, row in enumerate(self._read(sheet, end + 1, table.column, height, width)):
            for j, value in enumerate(row):
                r, c = end + 1 + i, table.column - 1 + j
                if value in (None, "") or any(in_rect(r, c, o) for o in others):
                    continue
                found.append((r, c))
        return tuple(found)

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table found: Excel tables by name, else sheets by name.

        The tool's own tabs are never taken for an input sheet.
        """
        tables = self._tables()
        facts = sheet_facts(self.book)
        skipped = not_inputs(facts, OWN_TABS)
        sheets = {header_key(s.name): s for s in self.book.sheets if s.name not in skipped}
        out: dict[str, RawTable] = {}
        for schema in SHEETS:
            keys = [header_key(n) for n in schema.names()]
            table = next((tables[k] for k in keys if k in tables), None)
            if table is not None:
                rng = table.range
                sheet = rng.sheet
            else:
                sheet = next((sheets[k] for k in keys if k in sheets), None)
                if sheet is None:
                    continue
                rng = sheet.used_range
            n_rows, n_cols = rng.shape
            values = self._read(sheet, rng.row, rng.column, n_rows, n_cols)
            if not values:
                continue
            self._read_sheets.add(sheet.name)
            out[schema.key] = RawTable(
                sheet.name,
                values[0],
                values[1:],
                first_row=rng.row + 1,
                first_col=rng.column - 1,
                below=() if table is None or sheet.name in skipped else self._below(sheet, rng),
                # An Excel table holds no merged cells; a plain sheet (a report) may.
                merged=self._merged(sheet, rng, values) if table is None else (),
            )
        if requested_files(out):
            # Imported only when asked for: pyarrow, which reads the files, is not part of
            # xlwings Lite, where there are no local files either.
            from clientbase_xl.sources import with_file_sources

            # A book not saved yet (or one in xlwings Lite) has no folder of its own.
            folder = Path(str(self.book.fullname)).parent
            out = with_file_sources(out, folder if folder.is_absolute() else None)
        return out

    # -- writing ---------------------------------------------------------------------------
    def write_tabs(
        self, tabs: list[ResultTab], lang: Lang, currency: str, replace: set[str]
    ) -> None:
        """Write ``tabs``, dropping only the tool's own tabs of the keys in ``replace``.

        Desktop Excel copies the file renderer's sheets in
        (:func:`~clientbase_xl.excel.copy_writer.copy_tabs`); xlwings Lite, with no file to
        open, writes cell ranges (:func:`~clientbase_xl.excel.cell_writer.write_cells`).
        """
        if self.lite:
            write_cells(self.book, tabs, lang, currency, replace)
        else:
            copy_tabs(self.book, tabs, lang, currency, replace, self._read_sheets)
