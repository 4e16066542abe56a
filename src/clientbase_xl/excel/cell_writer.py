"""The xlwings Lite writer: result tabs written cell range by cell range through xlwings.

xlwings Lite runs in the browser: there is no file for Excel to open, so the desktop route of
:mod:`~clientbase_xl.excel.copy_writer` (render a file, copy its sheets in) is not open to it.
This writer puts each result block in one bulk transfer, then applies the formats of its
:class:`~clientbase_xl.report.spec.TabSpec` range by range, never cell by cell. What public
xlwings API cannot say is left out, and docs/excel.md lists it: conditional formats, chart titles,
the card's drop-down, print settings.
"""

from __future__ import annotations

import xlwings as xw

from clientbase_xl.excel.cells import literal, rows
from clientbase_xl.excel.sheets import plan_tabs, set_mark
from clientbase_xl.i18n import Lang
from clientbase_xl.report.layout import BlockPlace, TabLayout, lay_out, row_heights, wraps
from clientbase_xl.report.live import LiveCells, Placed
from clientbase_xl.report.spec import (
    FIRST_BLOCK_ROW,
    HEADER_PROPS,
    NOTE_ROW,
    TITLE_ROW,
    TITLE_SIZE,
    ResultTab,
    num_format,
)

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


def write_cells(
    book: xw.Book, tabs: list[ResultTab], lang: Lang, currency: str, replace: set[str]
) -> None:
    """Write ``tabs`` into ``book``, dropping only the tool's own tabs of the keys in ``replace``.

    A replaced tab's sheet is reused (cleared, renamed): its code name, place and any formula
    pointing at it stay. Tables the tool wrote on a tab the user renamed give their names up to
    the new tables.
    """
    planned = plan_tabs(book, tabs, lang, replace)
    plan, new_tables = planned.plan, planned.new_tables
    for table, new_name in planned.renames:
        table.name = new_name
    by_name = {s.name: s for s in book.sheets}
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
            sheet = book.sheets.add(title, after=book.sheets[-1])
        _write_tab(sheet, tab, lang, currency, live, new_tables)
        set_mark(sheet, tab.spec.key, title)
    for name in sorted(plan.drop - reused):
        by_name[name].delete()


def _write_tab(
    sheet: xw.Sheet,
    tab: ResultTab,
    lang: Lang,
    currency: str,
    live: LiveCells,
    new_tables: dict[str, str],
) -> None:
    title = sheet.range((TITLE_ROW + 1, 1))
    title.value = tab.spec.title(lang)
    title.font.bold = True
    title.font.size = TITLE_SIZE
    layout = live.placed[tab.spec.key].layout
    _note(sheet, tab, layout, lang)
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
        _format(sheet, target, place, currency, len(cells))
        _wrap(sheet, place, layout.widths)
        name = tab.spec.table_name(place.block)
        name = new_tables.get(name, name)
        if name in existing:  # a table Excel kept through the clear: reuse it
            existing[name].resize(target)
        else:
            sheet.tables.add(
                source=target, name=name, table_style_name=tab.spec.table_style.replace(" ", "")
            )
    for j, width in enumerate(layout.widths):
        sheet.range((1, j + 1)).column_width = width
    _draw_charts(sheet, tab, layout, lang)


def _note(sheet: xw.Sheet, tab: ResultTab, layout: TabLayout, lang: Lang) -> None:
    """The note in A2, merged over the tables' (or the printed) width and wrapped in it.

    As the file writer lays it out: run on in one cell, a long note widened the printed page.
    """
    text, through = tab.note_line(lang), tab.spec.print_through
    note = sheet.range((NOTE_ROW + 1, 1))
    note.value = text
    span = layout.span(through)
    if span > 1:
        note.resize(1, span).merge()
    note.wrap_text = True
    note.row_height = layout.note_height(text, through)


def _draw_charts(sheet: xw.Sheet, tab: ResultTab, layout: TabLayout, lang: Lang) -> None:
    """Draw the tab's charts right of its tables, one under the other, as the file writer.

    The source is the x column and the series columns (with their header row when one chart
    shows the whole block, so series take their names from it).
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
            # xlwings' public API has no chart title; the name shows in Excel's selection
            # pane, and single-series charts take the series name as title.
            chart.name = spec.title_for(value, lang)[:CHART_NAME_LIMIT]
            top += CHART_POINTS[1] + CHART_GAP


def _wrap(sheet: xw.Sheet, place: BlockPlace, widths: tuple[float, ...]) -> None:
    """Wrap the block's long texts and make their rows as tall as the file writer does.

    One call per wrapping column and per run of rows of one height, never one per cell.
    """
    if not wraps(place) or place.last < place.first:
        return
    n = place.last - place.first + 1
    for j, col in enumerate(place.columns):
        if col.wrap:
            sheet.range((place.first + 1, j + 1)).resize(n, 1).wrap_text = True
    heights = sorted(row_heights(place, widths).items())
    start = 0
    for i in range(1, len(heights) + 1):
        # A run ends where the next row is not the next one or not of the same height.
        if i == len(heights) or heights[i] != (heights[i - 1][0] + 1, heights[i - 1][1]):
            first, points = heights[start]
            rows = sheet.range((first + 1, 1)).resize(i - start, 1)
            rows.row_height = points
            start = i


def _format(sheet: xw.Sheet, target: xw.Range, place: BlockPlace, currency: str, n: int) -> None:
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
