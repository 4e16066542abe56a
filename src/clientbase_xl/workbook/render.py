"""Write result tabs, as their specs describe them, into a scratch workbook with XlsxWriter.

Layout of every tab: the tab's title in A1, its note (analysis date, window, method) in A2, then
each block as a titled Excel table, one blank row apart. Cell formats come from the column
specs; conditional formats from the block specs; single-block tabs freeze their header row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.raw import column_letter
from clientbase_xl.report.layout import (
    BlockPlace,
    TabLayout,
    header_height,
    lay_out,
    row_heights,
    wraps,
)
from clientbase_xl.report.live import LiveCells, Placed
from clientbase_xl.report.spec import (
    FIRST_BLOCK_ROW,
    NOTE_ROW,
    NUMBER_FORMATS,
    STYLE_COLOURS,
    TEXT_STYLES,
    TITLE_ROW,
    Chart,
    ColourScale,
    DataBar,
    Fmt,
    ResultTab,
    TextIs,
    header_style,
    num_format,
)
from clientbase_xl.workbook.bulk import EPOCHS, BulkRows, all_tails

YES = Text("yes", "да")
#: Tables this long have their middle rows written by :mod:`~clientbase_xl.workbook.bulk`.
BULK_MIN_ROWS = 3


class _Formats:
    """One cached XlsxWriter format per distinct spec, as polars' writer does."""

    def __init__(self, book: xlsxwriter.Workbook, currency: str, date1904: bool) -> None:
        self.book = book
        self.currency = currency
        #: The book's date system: the bulk rows and the formulas' stored dates follow it.
        self.date1904 = date1904
        self._cache: dict[tuple[str, ...], Format] = {}
        self._looks: dict[str, Format] = {}

    def get(self, *key: str) -> Format:
        if key not in self._cache:
            props = self._props(key)
            # One Format per distinct look: XlsxWriter gives a style id only to the first Format
            # of a look, and the bulk rows take their style ids from the Formats.
            same = repr(sorted(props.items()))
            if same not in self._looks:
                self._looks[same] = self.book.add_format(props)
            self._cache[key] = self._looks[same]
        return self._cache[key]

    def _props(self, key: tuple[str, ...]) -> dict[str, object]:
        kind = key[0]
        if kind in TEXT_STYLES:
            return dict(TEXT_STYLES[kind])
        if kind == "cell":
            props: dict[str, object] = {"num_format": num_format(key[1], self.currency)}  # type: ignore[arg-type]
            # A block whose texts wrap has taller rows: every cell of it starts at the top.
            if "top" in key[2:] or "wrap" in key[2:]:
                props["valign"] = "top"
            if "wrap" in key[2:]:
                props["text_wrap"] = True
            return props
        fill, font = STYLE_COLOURS[key[1]]  # type: ignore[index]
        return {"bg_color": fill, "font_color": font}


def _cells(values: pd.Series, fmt: Fmt, lang: Lang) -> list[object]:
    """Column values as XlsxWriter writes them: blanks as None, dates as datetimes."""
    if fmt == "date":
        # Anything not a date (text a user typed, say) is written as it is.
        return [
            None
            if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v))
            else pd.Timestamp(v).to_pydatetime()
            if isinstance(v, dt.date | np.datetime64)
            else v
            for v in values.astype(object)
        ]
    if fmt == "month":
        return [
            None if pd.isna(v) else pd.Period(v, "M").to_timestamp().to_pydatetime()
            for v in values.astype(object)
        ]
    if fmt == "bool":
        # A flag column marks the exceptions: "yes" where set, empty elsewhere.
        return [YES.format(lang) if v is True or v == 1 else None for v in values.astype(object)]
    if values.dtype.kind in "fiu":
        arr = values.to_numpy(dtype=float)
        return [None if np.isnan(v) else (int(v) if fmt == "int" else float(v)) for v in arr]
    return [
        None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v
        for v in values.astype(object)
    ]


def write_column(
    ws: Worksheet,
    first_row: int,
    col: int,
    values: pd.Series,
    fmt: Fmt,
    cell_format: Format,
    lang: Lang = "en",
    styled_blanks: bool = False,
) -> None:
    """Write one column of values downward from ``first_row``, blanks left empty.

    With ``styled_blanks``, blanks are written as empty cells in ``cell_format``.
    """
    for i, value in enumerate(_cells(values, fmt, lang)):
        if value is None:
            if styled_blanks:
                ws.write_blank(first_row + i, col, None, cell_format)
            continue
        if isinstance(value, dt.datetime):
            ws.write_datetime(first_row + i, col, value, cell_format)
        elif isinstance(value, int | float):
            ws.write_number(first_row + i, col, value, cell_format)
        else:
            ws.write_string(first_row + i, col, str(value), cell_format)


def _cached(value: object, date1904: bool) -> object:
    """A formula's stored result as XlsxWriter takes it: a number, a text or empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return float((np.datetime64(value, "us") - EPOCHS[date1904]) / np.timedelta64(1, "D"))
    return value


def write_cells(
    ws: Worksheet,
    first_row: int,
    col: int,
    values: pd.Series,
    formulas: Sequence[str | None],
    fmts: Sequence[Fmt],
    formats: _Formats,
    lang: Lang,
    look: tuple[str, ...] = (),
) -> None:
    """Write a column cell by cell: formulas where ``formulas`` says, each cell in its format.

    ``look`` is the column's look in a block whose texts wrap: ``("wrap",)`` or ``("top",)``.
    """
    for i, (formula, fmt) in enumerate(zip(formulas, fmts, strict=True)):
        cell = formats.get("cell", fmt, *look)
        one = values.iloc[i : i + 1]
        if formula is None:
            write_column(ws, first_row + i, col, one, fmt, cell, lang)
        else:
            stored = _cached(_cells(one, fmt, lang)[0], formats.date1904)
            ws.write_formula(first_row + i, col, formula, cell, stored)


@dataclass(frozen=True)
class _Placed:
    """A block as written: its place, and its middle rows left to the bulk writer."""

    place: BlockPlace
    #: The rows between the first and last, left to :mod:`~clientbase_xl.workbook.bulk`:
    #: (Excel row of the first, each column's cell tails being made, each column's format,
    #: table name).
    bulk: tuple[int, Future[tuple[pa.Array, ...]], tuple[Format, ...], str] | None = None


def _write_block(
    ws: Worksheet,
    formats: _Formats,
    place: BlockPlace,
    widths: tuple[float, ...],
    lang: Lang,
    table_name: str,
    table_style: str,
    makers: Executor,
    live: tuple[LiveCells, str],
) -> _Placed:
    """Write the block at its ``place`` on a sheet of column ``widths``.

    The XML of its bulk rows is made on ``makers`` while XlsxWriter goes on writing here.
    A block with live cells (``live``: the refresh's formulas and this tab's key) is written
    cell by cell.
    """
    block, frame, columns = place.block, place.frame, place.columns
    keys = [c.key for c in columns]
    ws.write_string(place.title_row, 0, block.title.format(lang), formats.get("block"))
    header, last = place.header_row, place.table_last
    n = len(frame)
    cells, tab = live
    formulas = [cells.column(tab, place, j) for j in range(len(columns))]
    row_formats = [block.row_formats(c.key) for c in columns]
    # Formulas and per-row formats are written cell by cell: the bulk rows hold values only.
    by_cell = [f is not None or r is not None for f, r in zip(formulas, row_formats, strict=True)]
    wrap = wraps(place)
    make = (
        all_tails(
            [(frame[c.key].iloc[1 : n - 1], c.fmt) for c in columns],
            YES.format(lang),
            formats.date1904,
        )
        if n >= BULK_MIN_ROWS and not any(by_cell) and not wrap
        else None
    )
    middle = None if make is None else makers.submit(make)
    ws.add_table(
        header,
        0,
        # XlsxWriter checks every cell of a table's range for overlaps (a second per million
        # cells): a table with bulk rows is declared over its header and first row, and the
        # graft stretches its range over the bulk rows (BulkRows.table).
        last if middle is None else header + 1,
        len(columns) - 1,
        {
            "name": table_name,
            "style": table_style,
            "columns": [
                {
                    "header": c.label.format(lang),
                    "header_format": formats.get(header_style(c.fmt)),
                }
                for c in columns
            ],
        },
    )
    # Wrapped headers need a taller row: Excel and LibreOffice do not grow it by themselves.
    height = header_height(place, lang, widths)
    if height is not None:
        ws.set_row(header, height)
    for row, points in row_heights(place, widths).items():
        ws.set_row(row, points)
    looks = [(("wrap",) if c.wrap else ("top",)) if wrap else () for c in columns]
    cell_formats = tuple(
        formats.get("cell", c.fmt, *look) for c, look in zip(columns, looks, strict=True)
    )
    for j, col in enumerate(columns):
        values = frame[col.key]
        if by_cell[j]:
            write_cells(
                ws,
                header + 1,
                j,
                values,
                formulas[j] or [None] * n,
                row_formats[j] or [col.fmt] * n,
                formats,
                lang,
                looks[j],
            )
            continue
        if middle is None:
            write_column(ws, header + 1, j, values, col.fmt, cell_formats[j], lang)
            continue
        # The first and last rows through XlsxWriter: they carry the sheet's dimension, and
        # every column's format then has a style id for the rows between.
        for i in (0, n - 1):
            write_column(
                ws, header + 1 + i, j, values.iloc[i : i + 1], col.fmt, cell_formats[j], lang, True
            )
    source = cells.choices(tab, place)
    if source is not None and n:
        ws.data_validation(
            header + 1, 0, last, len(columns) - 1, {"validate": "list", "source": source}
        )
    for cond in block.conditional:
        if cond.column not in keys:
            continue
        j = keys.index(cond.column)
        if isinstance(cond, DataBar):
            ws.conditional_format(
                header + 1,
                j,
                last,
                j,
                {"type": "data_bar", "bar_color": cond.colour, "bar_solid": True},
            )
        elif isinstance(cond, ColourScale):
            rng = (header + 1, j, last - cond.body_only, keys.index(cond.to or cond.column))
            if cond.palette == "intensity":
                scale = {"type": "2_color_scale", "min_color": "#FFFFFF", "max_color": "#5B9BD5"}
            else:
                low, high = ("#63BE7B", "#F8696B") if cond.reverse else ("#F8696B", "#63BE7B")
                scale = {
                    "type": "3_color_scale",
                    "min_color": low,
                    "mid_color": "#FFEB84",
                    "max_color": high,
                }
            ws.conditional_format(*rng, scale)
        elif isinstance(cond, TextIs):
            ws.conditional_format(
                header + 1,
                j,
                last,
                j,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{cond.value}"',
                    "format": formats.get("style", cond.style),
                },
            )
    bulk = None if middle is None else (header + 3, middle, cell_formats, table_name)
    return _Placed(place, bulk)


#: Chart size in pixels and the rows one chart covers with the default row height.
CHART_SIZE, CHART_ROWS = (520, 300), 16
_CHART_TYPES: dict[str, dict[str, str]] = {
    "column": {"type": "column"},
    "stacked": {"type": "column", "subtype": "percent_stacked"},
    "line": {"type": "line"},
    "scatter": {"type": "scatter"},
}


def _draw_charts(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    sheet: str,
    charts: Sequence[Chart],
    layout: TabLayout,
    lang: Lang,
) -> None:
    """Draw ``charts`` in a column right of the tables, one under the other."""
    row = FIRST_BLOCK_ROW
    for chart in charts:
        where = layout.blocks[chart.block]
        if where.last < where.first:
            continue  # no data, no chart
        runs = chart.runs(where.frame)
        for value, a, b in runs:
            drawn = book.add_chart(_CHART_TYPES[chart.kind])
            x = where.col(chart.x)
            for key in chart.series:
                if key not in where.frame.columns:
                    continue
                j = where.col(key)
                drawn.add_series(
                    {
                        "name": [sheet, where.header_row, j],
                        "categories": [sheet, where.first + a, x, where.first + b, x],
                        "values": [sheet, where.first + a, j, where.first + b, j],
                    }
                )
            title = chart.title_for(value, lang)
            drawn.set_title({"name": title, "name_font": {"size": 11}})
            drawn.set_legend({"position": "bottom"})
            if where.columns[x].fmt in ("month", "date"):
                fmt = NUMBER_FORMATS[where.columns[x].fmt]
                drawn.set_x_axis({"num_format": fmt, "num_font": {"rotation": -45}})
            drawn.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
            ws.insert_chart(row, layout.chart_col, drawn)
            row += CHART_ROWS


def render_tabs(
    tabs: Sequence[ResultTab],
    lang: Lang,
    path: Path,
    currency: str = "",
    sheet_names: Mapping[str, str] | None = None,
    table_names: Mapping[str, str] | None = None,
    date1904: bool = False,
) -> list[BulkRows]:
    """Write ``tabs`` to a new workbook at ``path``, one sheet per tab, in order.

    Dates are written in the 1904 date system with ``date1904``: the system of the book the
    tabs go into (:func:`~clientbase_xl.workbook.dates.uses_1904`).

    A tab's sheet is named as ``sheet_names`` says by tab key (a user's sheet may hold its
    title: see :func:`clientbase_xl.report.owned.plan_write`), else by its title; a table as
    ``table_names`` says by its spec's name (one the user's book has taken), else by that name.

    Each frame must hold its blocks' columns (optional ones may be absent). Table names are
    ``cb_<tab>_<block>``: unique, and unlikely to meet a user's own tables. Charts are drawn
    right of the widest table. The rows between each table's first and last are not in the
    file: they are returned, for :func:`~clientbase_xl.workbook.graft.graft` to splice in.
    """
    with ThreadPoolExecutor(2, thread_name_prefix="clientbase-bulk") as makers:
        names = (sheet_names or {}, table_names or {})
        pending = _write_tabs(tabs, lang, path, currency, names, makers, date1904)
        return [
            BulkRows(
                title,
                where.bulk[0],
                tuple(column_letter(j) for j in range(len(where.place.columns))),
                where.bulk[1].result(),
                tuple(int(f.xf_index) for f in where.bulk[2]),
                where.bulk[3],
            )
            for title, where in pending
            if where.bulk is not None
        ]


def _write_tabs(
    tabs: Sequence[ResultTab],
    lang: Lang,
    path: Path,
    currency: str,
    names: tuple[Mapping[str, str], Mapping[str, str]],
    makers: Executor,
    date1904: bool,
) -> list[tuple[str, _Placed]]:
    """Write the workbook of :func:`render_tabs`; each block's sheet title and placing."""
    sheet_names, table_names = names
    # In memory: XlsxWriter otherwise writes every part to a temporary file before zipping it.
    options = {"nan_inf_to_errors": True, "in_memory": True, "date_1904": date1904}
    book = xlsxwriter.Workbook(str(path), options)
    formats = _Formats(book, currency, date1904)
    pending: list[tuple[str, _Placed]] = []
    placed = {
        tab.spec.key: Placed(sheet_names.get(tab.spec.key, tab.spec.title(lang)), lay_out(tab))
        for tab in tabs
    }
    cells = LiveCells(placed)
    for tab in tabs:
        title, layout = placed[tab.spec.key].sheet, placed[tab.spec.key].layout
        ws = book.add_worksheet(title)
        ws.write_string(TITLE_ROW, 0, tab.spec.title(lang), formats.get("title"))
        for place in layout.blocks.values():
            name = tab.spec.table_name(place.block)
            name = table_names.get(name, name)
            where = _write_block(
                ws,
                formats,
                place,
                layout.widths,
                lang,
                name,
                tab.spec.table_style,
                makers,
                (cells, tab.spec.key),
            )
            pending.append((title, where))
        for j, width in enumerate(layout.widths):
            ws.set_column(j, j, width)
        # The note wraps over the tables' width: run on in one cell, it widened the printed
        # page until the tables were too small to read.
        note, through = tab.note_line(lang), tab.spec.print_through
        if (span := layout.span(through)) > 1:
            ws.merge_range(NOTE_ROW, 0, NOTE_ROW, span - 1, note, formats.get("note"))
        else:
            ws.write_string(NOTE_ROW, 0, note, formats.get("note"))
        ws.set_row(NOTE_ROW, layout.note_height(note, through))
        if tab.spec.charts:
            _draw_charts(book, ws, title, tab.spec.charts, layout, lang)
        if len(tab.spec.blocks) == 1:
            ws.freeze_panes(FIRST_BLOCK_ROW + 2, 0)
            ws.repeat_rows(FIRST_BLOCK_ROW + 1)
        if tab.spec.print_through is not None:
            ws.print_area(0, 0, *layout.printed(tab.spec.print_through))
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
    book.close()
    return pending
