"""Write result tabs, as their specs describe them, into a scratch workbook with XlsxWriter.

Layout of every tab: the tab's title in A1, its note (analysis date, window, method) in A2, then
each block as a titled Excel table, one blank row apart. Cell formats come from the column
specs; conditional formats from the block specs; single-block tabs freeze their header row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from clientbase_xl.i18n import Lang, Text
from clientbase_xl.report.spec import (
    STYLE_COLOURS,
    TEXT_STYLES,
    Block,
    ColourScale,
    DataBar,
    Fmt,
    ResultTab,
    TextIs,
    num_format,
)

TITLE_ROW, NOTE_ROW, FIRST_BLOCK_ROW = 0, 1, 3
YES = Text("yes", "да")


class _Formats:
    """One cached XlsxWriter format per distinct spec, as polars' writer does."""

    def __init__(self, book: xlsxwriter.Workbook, currency: str) -> None:
        self.book = book
        self.currency = currency
        self._cache: dict[tuple[str, ...], Format] = {}

    def get(self, *key: str) -> Format:
        if key not in self._cache:
            kind = key[0]
            props: dict[str, object]
            if kind in TEXT_STYLES:
                props = dict(TEXT_STYLES[kind])
            elif kind == "cell":
                props = {"num_format": num_format(key[1], self.currency)}  # type: ignore[arg-type]
            else:
                fill, font = STYLE_COLOURS[key[1]]  # type: ignore[index]
                props = {"bg_color": fill, "font_color": font}
            self._cache[key] = self.book.add_format(props)
        return self._cache[key]


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
) -> None:
    """Write one column of values downward from ``first_row``, blanks left empty."""
    for i, value in enumerate(_cells(values, fmt, lang)):
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            ws.write_datetime(first_row + i, col, value, cell_format)
        elif isinstance(value, int | float):
            ws.write_number(first_row + i, col, value, cell_format)
        else:
            ws.write_string(first_row + i, col, str(value), cell_format)


def _write_block(
    ws: Worksheet,
    formats: _Formats,
    block: Block,
    frame: pd.DataFrame,
    row: int,
    lang: Lang,
    table_name: str,
    table_style: str,
) -> int:
    """Write ``block`` from ``row``; return the first row after it."""
    ws.write_string(row, 0, block.title.format(lang), formats.get("block"))
    header = row + 1
    n = len(frame)
    last = header + max(n, 1)
    ws.add_table(
        header,
        0,
        last,
        len(block.columns) - 1,
        {
            "name": table_name,
            "style": table_style,
            "columns": [
                {"header": c.label.format(lang), "header_format": formats.get("header")}
                for c in block.columns
            ],
        },
    )
    for j, col in enumerate(block.columns):
        write_column(ws, header + 1, j, frame[col.key], col.fmt, formats.get("cell", col.fmt), lang)
    keys = block.column_keys()
    for cond in block.conditional:
        j = keys.index(cond.column)
        rng = (header + 1, j, last, j)
        if isinstance(cond, ColourScale):
            rng = (header + 1, j, last - cond.body_only, keys.index(cond.to or cond.column))
        if isinstance(cond, DataBar):
            ws.conditional_format(
                *rng, {"type": "data_bar", "bar_color": cond.colour, "bar_solid": True}
            )
        elif isinstance(cond, ColourScale):
            low, high = ("#63BE7B", "#F8696B") if cond.reverse else ("#F8696B", "#63BE7B")
            ws.conditional_format(
                *rng,
                {
                    "type": "3_color_scale",
                    "min_color": low,
                    "mid_color": "#FFEB84",
                    "max_color": high,
                },
            )
        elif isinstance(cond, TextIs):
            ws.conditional_format(
                *rng,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{cond.value}"',
                    "format": formats.get("style", cond.style),
                },
            )
    return last + 2


def render_tabs(tabs: Sequence[ResultTab], lang: Lang, path: Path, currency: str = "") -> None:
    """Write ``tabs`` to a new workbook at ``path``, one sheet per tab, in order.

    Every frame must have exactly its block's columns (the orchestrator's tests check this).
    Table names are ``cb_<tab>_<block>``: unique, and unlikely to meet a user's own tables.
    """
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    formats = _Formats(book, currency)
    for tab in tabs:
        ws = book.add_worksheet(tab.spec.title(lang))
        ws.write_string(TITLE_ROW, 0, tab.spec.title(lang), formats.get("title"))
        note = tab.spec.about.format(lang) + (f" {tab.note}" if tab.note else "")
        ws.write_string(NOTE_ROW, 0, note, formats.get("note"))
        widths = [0.0] * max(len(b.columns) for b in tab.spec.blocks)
        row = FIRST_BLOCK_ROW
        for block in tab.spec.blocks:
            for j, col in enumerate(block.columns):
                widths[j] = max(widths[j], col.width)
            row = _write_block(
                ws,
                formats,
                block,
                tab.frames[block.key],
                row,
                lang,
                f"cb_{tab.spec.key}_{block.key}",
                tab.spec.table_style,
            )
        for j, width in enumerate(widths):
            ws.set_column(j, j, width)
        if len(tab.spec.blocks) == 1:
            ws.freeze_panes(FIRST_BLOCK_ROW + 2, 0)
            ws.repeat_rows(FIRST_BLOCK_ROW + 1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
    book.close()
