"""The live-workbook gateway: a refresh run from Excel reads and writes through xlwings.

Reading takes each input table in one bulk transfer (in row chunks for very large tables);
writing puts each result block in one bulk transfer, then applies the formats of its
:class:`~clientbase_xl.report.spec.TabSpec` range by range, never cell by cell. Only public
xlwings API is used (Book, Sheet, Range, Table, Chart), so the same code runs in desktop Excel on
Windows and macOS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.excel.cells import rows
from clientbase_xl.i18n import LANGS, Lang
from clientbase_xl.inputs.model import requested_files
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.schema import SHEETS, header_key
from clientbase_xl.report.spec import (
    FIRST_BLOCK_ROW,
    HEADER_PROPS,
    NOTE_ROW,
    TITLE_ROW,
    TITLE_SIZE,
    Col,
    ResultTab,
    num_format,
)
from clientbase_xl.report.tabs import result_tab_names

#: Rows per bulk read: large enough to be fast, small enough for Excel's COM marshalling.
READ_CHUNK = 100_000
#: Excel's names of the chart kinds the specs use.
CHART_TYPES = {
    "column": "column_clustered",
    "stacked": "column_stacked_100",
    "line": "line",
    "scatter": "xy_scatter",
}


#: Chart size in points (the file writer's 520 x 300 pixels) and the gap between charts.
CHART_POINTS, CHART_GAP = (390.0, 225.0), 12.0
#: Excel refuses longer chart object names.
CHART_NAME_LIMIT = 255


def _rgb(colour: object) -> tuple[int, int, int]:
    text = str(colour).lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


class XlwingsGateway:
    """Read input tables from, and write result tabs into, an open workbook."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book

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

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table found: Excel tables by name, else sheets by name."""
        tables = self._tables()
        skipped = {header_key(n) for n in result_tab_names()}
        sheets = {
            header_key(s.name): s for s in self.book.sheets if header_key(s.name) not in skipped
        }
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
            out[schema.key] = RawTable(
                sheet.name, values[0], values[1:], first_row=rng.row + 1, first_col=rng.column - 1
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
    def _sheet_for(self, tab: ResultTab, lang: Lang) -> xw.Sheet:
        names = {header_key(tab.spec.title(x)) for x in LANGS}
        for sheet in self.book.sheets:
            if header_key(sheet.name) in names:
                sheet.clear()
                for chart in list(sheet.charts):  # clear() keeps charts; the refresh redraws them
                    chart.delete()
                if sheet.name != tab.spec.title(lang):
                    sheet.name = tab.spec.title(lang)
                return sheet
        return self.book.sheets.add(tab.spec.title(lang), after=self.book.sheets[-1])

    def write_tabs(
        self, tabs: list[ResultTab], lang: Lang, currency: str, remove: set[str]
    ) -> None:
        """Write ``tabs`` into their sheets (cleared first) and delete the others in ``remove``."""
        written = {header_key(t.spec.title(x)) for t in tabs for x in LANGS}
        for sheet in list(self.book.sheets):
            key = header_key(sheet.name)
            if key in {header_key(n) for n in remove} and key not in written:
                sheet.delete()
        for tab in tabs:
            self._write_tab(self._sheet_for(tab, lang), tab, lang, currency)

    def _write_tab(self, sheet: xw.Sheet, tab: ResultTab, lang: Lang, currency: str) -> None:
        title = sheet.range((TITLE_ROW + 1, 1))
        title.value = tab.spec.title(lang)
        title.font.bold = True
        title.font.size = TITLE_SIZE
        note = tab.spec.about.format(lang) + (f" {tab.note}" if tab.note else "")
        sheet.range((NOTE_ROW + 1, 1)).value = note
        row = FIRST_BLOCK_ROW + 1
        widths: dict[int, float] = {}
        existing = {t.name: t for t in sheet.tables}
        placed: dict[str, tuple[int, pd.DataFrame, tuple[Col, ...]]] = {}
        for block in tab.spec.blocks:
            frame = tab.frames[block.key]
            columns = block.shown(frame)
            sheet.range((row, 1)).value = block.title.format(lang)
            sheet.range((row, 1)).font.bold = True
            cells = rows(frame, columns, lang)
            target = sheet.range((row + 1, 1)).resize(len(cells), len(columns))
            target.value = cells  # the one bulk transfer of the block
            self._format(sheet, target, columns, currency, len(cells))
            name = f"cb_{tab.spec.key}_{block.key}"
            if name in existing:  # a table Excel kept through the clear: reuse it
                existing[name].resize(target)
            else:
                sheet.tables.add(
                    source=target, name=name, table_style_name=tab.spec.table_style.replace(" ", "")
                )
            for j, col in enumerate(columns):
                widths[j] = max(widths.get(j, 0.0), col.width)
            placed[block.key] = (row + 1, frame, columns)
            row += len(cells) + 2
        for j, width in widths.items():
            sheet.range((1, j + 1)).column_width = width
        self._draw_charts(sheet, tab, placed, len(widths) + 2, lang)

    def _draw_charts(
        self,
        sheet: xw.Sheet,
        tab: ResultTab,
        placed: dict[str, tuple[int, pd.DataFrame, tuple[Col, ...]]],
        anchor_col: int,
        lang: Lang,
    ) -> None:
        """Draw the tab's charts right of its tables, one under the other, as the file writer.

        The source is the x column and the series columns (with their header row when one
        chart shows the whole block, so series take their names from it).
        """
        top = sheet.range((FIRST_BLOCK_ROW + 1, anchor_col)).top
        left = sheet.range((FIRST_BLOCK_ROW + 1, anchor_col)).left
        for spec in tab.spec.charts:
            header, frame, columns = placed[spec.block]
            keys = [c.key for c in columns]
            series = [keys.index(k) for k in spec.series if k in keys]
            if frame.empty or not series:
                continue  # no data, no chart
            for value, first, last in spec.runs(frame):
                start = header if spec.per is None else header + 1 + first
                end = header + 1 + last
                areas = [keys.index(spec.x), *series]
                address = ",".join(sheet.range((start, j + 1), (end, j + 1)).address for j in areas)
                chart = sheet.charts.add(left, top, CHART_POINTS[0], CHART_POINTS[1])
                chart.chart_type = CHART_TYPES[spec.kind]
                chart.set_source_data(sheet.range(address))
                # xlwings' public API has no chart title; the name shows in Excel's
                # selection pane, and single-series charts take the series name as title.
                chart.name = spec.title_for(value, lang)[:CHART_NAME_LIMIT]
                top += CHART_POINTS[1] + CHART_GAP

    def _format(
        self, sheet: xw.Sheet, target: xw.Range, columns: tuple[Col, ...], currency: str, n: int
    ) -> None:
        header = target.resize(1, len(columns))
        header.font.bold = True
        header.font.color = _rgb(HEADER_PROPS["font_color"])
        header.color = _rgb(HEADER_PROPS["bg_color"])
        if n <= 1:
            return
        first = target.row + 1
        for j, col in enumerate(columns):
            body = sheet.range((first, target.column + j)).resize(n - 1, 1)
            body.number_format = num_format(col.fmt, currency)
