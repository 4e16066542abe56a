"""Write input sheets as Excel tables: the demo workbook, and the input part of the template.

Each schema sheet becomes a sheet named in the chosen language holding one Excel table named by
the schema key in English (``Sales``, ``Clients`` ...), headers in that language, typed cells.
The Settings sheet lists every setting with its value and a one-line explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format

from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs import schema as sc
from clientbase_xl.report.spec import HEADER_PROPS, Fmt
from clientbase_xl.settings import Settings, describe
from clientbase_xl.workbook.render import write_column

_KIND_FORMAT: dict[sc.Kind, Fmt] = {
    "date": "date",
    "number": "ratio",
    "id": "text",
    "text": "text",
    "score": "int",
    "bool": "text",
}
YES_NO = {True: Text("yes", "да"), False: Text("no", "нет")}
SETTINGS_HEADER = (
    Text("Setting", "Параметр"),
    Text("Value", "Значение"),
    Text("Explanation", "Пояснение"),
    Text("Key", "Ключ"),
)


GUIDANCE = Text("How to fill this sheet", "Как заполнять лист")


def table_name(sheet: sc.SheetSchema) -> str:
    """The Excel table name of an input sheet: its English name without spaces."""
    return sheet.label.en.replace(" ", "")


def write_input_workbook(
    path: Path,
    frames: Mapping[str, pd.DataFrame],
    lang: Lang,
    settings: Settings | None = None,
    vba_project: Path | None = None,
) -> None:
    """Write ``frames`` (keyed by schema key, columns = column keys) as input tables.

    Sheets without a frame are left out, except Settings, which is always written. With
    ``vba_project`` (a ``vbaProject.bin``) the file is a macro-enabled ``.xlsm``.
    """
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    if vba_project is not None:
        book.add_vba_project(str(vba_project))
    header = book.add_format(HEADER_PROPS)
    note_title = book.add_format({"bold": True, "font_color": "#1F3864"})
    note = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#595959"})
    cache: dict[Fmt, Format] = {}
    for sheet in sc.SHEETS:
        if sheet is sc.SETTINGS:
            _write_settings(book, settings or Settings(), lang, header)
            continue
        frame = frames.get(sheet.key)
        if frame is None:
            continue
        ws = book.add_worksheet(sheet.label.format(lang))
        cols = [c for c in sheet.columns if c.key in frame.columns]
        ws.add_table(
            0,
            0,
            max(len(frame), 1),
            len(cols) - 1,
            {
                "name": table_name(sheet),
                "style": "Table Style Light 9",
                "columns": [
                    {"header": c.label.format(lang), "header_format": header} for c in cols
                ],
            },
        )
        for j, col in enumerate(cols):
            fmt = _KIND_FORMAT[col.kind]
            if fmt not in cache:
                cache[fmt] = book.add_format(
                    {"num_format": {"date": "dd.mm.yyyy", "ratio": "#,##0.00"}.get(fmt, "General")}
                )
            values = frame[col.key]
            if col.kind == "bool":
                values = values.map(lambda v: YES_NO[bool(v)].format(lang) if pd.notna(v) else None)
            write_column(ws, 1, j, values, fmt, cache[fmt], lang)
            ws.set_column(j, j, 14 if fmt != "date" else 12)
            if col.note.en:
                ws.write_comment(0, j, col.note.format(lang))
        if sheet.note.en:
            # Beside the table, not above it: the table's header stays on row 1.
            ws.write_string(0, len(cols) + 1, GUIDANCE.format(lang), note_title)
            ws.write_string(1, len(cols) + 1, sheet.note.format(lang), note)
            ws.set_column(len(cols) + 1, len(cols) + 1, 60)
        ws.freeze_panes(1, 0)
    book.close()


def _write_settings(
    book: xlsxwriter.Workbook, settings: Settings, lang: Lang, header: Format
) -> None:
    ws = book.add_worksheet(sc.SETTINGS.label.format(lang))
    rows = describe(settings, lang)
    ws.add_table(
        0,
        0,
        len(rows),
        3,
        {
            "name": table_name(sc.SETTINGS),
            "style": "Table Style Light 9",
            "columns": [
                {"header": h.format(lang), "header_format": header} for h in SETTINGS_HEADER
            ],
        },
    )
    for i, (key, label, value, doc) in enumerate(rows, start=1):
        ws.write_string(i, 0, label)
        ws.write_string(i, 1, value)
        ws.write_string(i, 2, doc)
        ws.write_string(i, 3, key)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 2, 70)
    ws.set_column(3, 3, 18)
