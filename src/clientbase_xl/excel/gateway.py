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

import xlwings as xw

from clientbase_xl.excel.cells import literal, rows
from clientbase_xl.i18n import Lang
from clientbase_xl.inputs.model import requested_files
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.schema import SHEETS, header_key
from clientbase_xl.report.layout import BlockPlace, TabLayout, lay_out
from clientbase_xl.report.live import LiveCells, Placed
from clientbase_xl.report.owned import (
    MARK,
    SheetFacts,
    mark_formula,
    marked,
    not_inputs,
    parse_mark,
    plan_write,
    unique_names,
)
from clientbase_xl.report.spec import (
    FIRST_BLOCK_ROW,
    HEADER_PROPS,
    NOTE_ROW,
    TITLE_ROW,
    TITLE_SIZE,
    ResultTab,
    num_format,
)
from clientbase_xl.tabs import OWN_TABS

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


def _mark_of(sheet: xw.Sheet) -> tuple[str, str] | None:
    """The mark on ``sheet`` (Excel names a sheet-local name ``'Sheet'!_cb_tab``), or None."""
    for name in sheet.names:
        if name.name.rsplit("!", 1)[-1] == MARK:
            return parse_mark(str(name.refers_to))
    return None


def _set_mark(sheet: xw.Sheet, key: str, title: str) -> None:
    """Mark ``sheet`` as the tool's tab ``key`` named ``title``, replacing an older mark."""
    for name in list(sheet.names):
        if name.name.rsplit("!", 1)[-1] == MARK:
            name.delete()
    sheet.names.add(MARK, "=" + mark_formula(key, title))


class XlwingsGateway:
    """Read input tables from, and write result tabs into, an open workbook."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book
        #: New table names that meet a user's table or name (see ``write_tabs``).
        self._new_tables: dict[str, str] = {}

    # -- which sheets are the tool's --------------------------------------------------------
    def _facts(self) -> list[SheetFacts]:
        """Each sheet's name, mark and tables, as :mod:`~clientbase_xl.report.owned` reads them."""
        return [
            SheetFacts(sheet.name, _mark_of(sheet), tuple(t.name for t in sheet.tables))
            for sheet in self.book.sheets
        ]

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
        """Every input table found: Excel tables by name, else sheets by name.

        The tool's own tabs are never taken for an input sheet.
        """
        tables = self._tables()
        facts = self._facts()
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
    def write_tabs(
        self, tabs: list[ResultTab], lang: Lang, currency: str, replace: set[str]
    ) -> None:
        """Write ``tabs``, dropping only the tool's own tabs of the keys in ``replace``.

        A replaced tab's sheet is reused (cleared, renamed): its code name, place and any
        formula pointing at it stay. Tables the tool wrote on a tab the user renamed give their
        names up to the new tables.
        """
        facts = self._facts()
        plan = plan_write(facts, OWN_TABS, [t.spec.key for t in tabs], replace, lang)
        by_name = {s.name: s for s in self.book.sheets}
        marked_names = marked(facts)
        # Each kept table and whether the tool wrote it; every COM call of it made once.
        kept_tables = {
            t.name: (t, s.name in marked_names)
            for s in self.book.sheets
            if s.name not in plan.drop
            for t in s.tables
        }
        renames, self._new_tables = unique_names(
            [t.spec.table_name(b) for t in tabs for b in t.spec.blocks],
            {name: ours for name, (_, ours) in kept_tables.items()},
            [n.name for n in self.book.names],
        )
        for old_name, new_name in renames.items():
            kept_tables[old_name][0].name = new_name
        reused: set[str] = set()
        live = LiveCells({t.spec.key: Placed(plan.titles[t.spec.key], lay_out(t)) for t in tabs})
        for tab in tabs:
            title = plan.titles[tab.spec.key]
            predecessors = sorted(plan.places[title])
            if predecessors:
                sheet = by_name[predecessors[0]]
                reused.add(predecessors[0])
                sheet.clear()
                for chart in list(sheet.charts):  # clear() keeps charts; the refresh redraws them
                    chart.delete()
                if sheet.name != title:
                    sheet.name = title
            else:
                sheet = self.book.sheets.add(title, after=self.book.sheets[-1])
            self._write_tab(sheet, tab, lang, currency, live)
            _set_mark(sheet, tab.spec.key, title)
        for name in sorted(plan.drop - reused):
            by_name[name].delete()

    def _write_tab(
        self, sheet: xw.Sheet, tab: ResultTab, lang: Lang, currency: str, live: LiveCells
    ) -> None:
        title = sheet.range((TITLE_ROW + 1, 1))
        title.value = tab.spec.title(lang)
        title.font.bold = True
        title.font.size = TITLE_SIZE
        sheet.range((NOTE_ROW + 1, 1)).value = tab.note_line(lang)
        layout = live.placed[tab.spec.key].layout
        existing = {t.name: t for t in sheet.tables}
        for place in layout.blocks.values():
            row = place.title_row + 1  # Excel counts from 1
            sheet.range((row, 1)).value = place.block.title.format(lang)
            sheet.range((row, 1)).font.bold = True
            cells = literal(rows(place.frame, place.columns, lang))
            for j in range(len(place.columns)):
                # Links and lookups go in as formulas (text is entered behind the prefix).
                for i, formula in enumerate(live.column(tab.spec.key, place, j) or ()):
                    if formula is not None:
                        cells[i + 1][j] = formula
            target = sheet.range((row + 1, 1)).resize(len(cells), len(place.columns))
            target.value = cells  # the one bulk transfer of the block
            self._format(sheet, target, place, currency, len(cells))
            name = tab.spec.table_name(place.block)
            name = self._new_tables.get(name, name)
            if name in existing:  # a table Excel kept through the clear: reuse it
                existing[name].resize(target)
            else:
                sheet.tables.add(
                    source=target, name=name, table_style_name=tab.spec.table_style.replace(" ", "")
                )
        for j, width in enumerate(layout.widths):
            sheet.range((1, j + 1)).column_width = width
        self._draw_charts(sheet, tab, layout, lang)

    def _draw_charts(
        self,
        sheet: xw.Sheet,
        tab: ResultTab,
        layout: TabLayout,
        lang: Lang,
    ) -> None:
        """Draw the tab's charts right of its tables, one under the other, as the file writer.

        The source is the x column and the series columns (with their header row when one
        chart shows the whole block, so series take their names from it).
        """
        anchor = sheet.range((FIRST_BLOCK_ROW + 1, layout.chart_col + 1))
        top, left = anchor.top, anchor.left
        for spec in tab.spec.charts:
            place = layout.blocks[spec.block]
            header, frame = place.header_row + 1, place.frame
            keys = [c.key for c in place.columns]
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
        self, sheet: xw.Sheet, target: xw.Range, place: BlockPlace, currency: str, n: int
    ) -> None:
        columns = place.columns
        header = target.resize(1, len(columns))
        header.font.bold = True
        header.font.color = _rgb(HEADER_PROPS["font_color"])
        header.color = _rgb(HEADER_PROPS["bg_color"])
        if n <= 1:
            return
        first = target.row + 1
        for j, col in enumerate(columns):
            per_row = place.block.row_formats(col.key)
            if per_row is None:
                body = sheet.range((first, target.column + j)).resize(n - 1, 1)
                body.number_format = num_format(col.fmt, currency)
                continue
            for i, fmt in enumerate(per_row):  # a vertical block: a few fields, one by one
                cell = sheet.range((first + i, target.column + j))
                cell.number_format = num_format(fmt, currency)
