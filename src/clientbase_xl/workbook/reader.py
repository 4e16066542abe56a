"""Read the input tables of a workbook file with python-calamine (Rust), never an object model.

Each input is an Excel table (ListObject) found by table name, else a sheet found by sheet name,
whose first used row is the header. The result is one
:class:`~clientbase_xl.inputs.raw.RawTable` per input found, keyed by schema key.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import python_calamine as pc

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Text
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.schema import SHEETS, SheetSchema, header_key

CANNOT_READ = Text("Cannot read {path}: {reason}", "Не удаётся прочитать {path}: {reason}")


def open_workbook(path: Path) -> pc.CalamineWorkbook:
    """Open ``path`` for reading; a missing or broken file is a :class:`WorkbookError`."""
    try:
        return pc.CalamineWorkbook.from_path(str(path), load_tables=True)
    except (OSError, pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise WorkbookError(CANNOT_READ.format("en", path=path, reason=exc)) from exc


def _find(names: Iterable[str], sheet: SheetSchema) -> str | None:
    wanted = {header_key(n) for n in sheet.names()}
    return next((n for n in names if header_key(n) in wanted), None)


def read_inputs(
    path: Path, only: Iterable[str] | None = None, exclude: Iterable[str] = ()
) -> dict[str, RawTable]:
    """Read every input table of the workbook at ``path`` (or the schema keys in ``only``).

    Sheets named in ``exclude`` (the result tabs) are never taken for an input sheet.
    """
    book = open_workbook(path)
    try:
        tables = list(book.table_names or [])
    except pc.TablesNotSupported:  # .xls and .ods have no ListObjects
        tables = []
    out: dict[str, RawTable] = {}
    keys = set(only) if only is not None else None
    skipped = {header_key(n) for n in exclude}
    candidates = [n for n in book.sheet_names if header_key(n) not in skipped]
    for sheet in SHEETS:
        if keys is not None and sheet.key not in keys:
            continue
        table_name = _find(tables, sheet)
        if table_name is not None:
            table = book.get_table_by_name(table_name)
            row, col = table.start or (1, 0)  # the first data cell, under the header
            out[sheet.key] = RawTable(
                table.sheet,
                list(table.columns),
                table.to_python(),
                first_row=row + 1,
                first_col=col,
            )
            continue
        sheet_name = _find(candidates, sheet)
        if sheet_name is None:
            continue
        ws = book.get_sheet_by_name(sheet_name)
        rows = ws.to_python(skip_empty_area=True)
        if not rows:
            out[sheet.key] = RawTable(sheet_name, [], [], first_row=2)
            continue
        start_row, start_col = ws.start or (0, 0)  # None only for an empty sheet
        out[sheet.key] = RawTable(
            sheet_name, rows[0], rows[1:], first_row=start_row + 2, first_col=start_col
        )
    return out
