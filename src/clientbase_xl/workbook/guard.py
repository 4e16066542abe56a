"""Limits a workbook must keep before anything of it is unpacked: refusal, in bounded memory.

A workbook is a zip; a hostile (or broken) one may state parts that unpack to gigabytes from a
few megabytes (a zip bomb), or a used range reaching cell XFD1048576 that a reader would try to
allocate whole. The limits come from what a sheet can hold and from what real workbooks look
like: a million-line Sales sheet unpacks to about 400 MB at ten to twenty times its packed size.
Only the package's directory and each sheet's ``<dimension>`` are read for this.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Text
from clientbase_xl.inputs.raw import column_letter

#: Excel's sheet: rows and columns.
SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384
#: The largest part unpacked: a full sheet of a million rows and some thirty columns of text.
PART_LIMIT = 2 << 30
#: The whole package unpacked.
PACKAGE_LIMIT = 6 << 30
#: Past this size unpacked, a part may be at most this many times its packed size. Real sheet
#: XML packs ten to forty times; a bomb of repeated bytes a thousand times.
RATIO_FLOOR, RATIO_LIMIT = 32 << 20, 200
#: Cells of one input sheet's used range (rows x columns) a reader may be asked to hold.
CELL_LIMIT = 60_000_000

BOMB = Text(
    "{path} looks like a zip bomb: its part {part} would unpack to {size} from {packed} "
    "({ratio:.0f} times; real workbooks stay under {limit}).",
    "{path} похож на zip-бомбу: часть {part} распаковалась бы в {size} из {packed} "
    "(в {ratio:.0f} раз; у настоящих книг — не больше {limit}).",
)
TOO_BIG = Text(
    "{path} is too large to read: {what} would unpack to {size} (the limit is {limit}).",
    "{path} слишком велик: {what} распаковалось бы в {size} (предел — {limit}).",
)
TOO_BIG_FIX = Text(
    "Keep more than a sheet's lines in a CSV or Parquet file and point Settings' Sales file at it.",
    "Храните строки сверх листа в файле CSV или Parquet и укажите его в Настройках (файл продаж).",
)
RANGE_TOO_BIG = Text(
    "Sheet {sheet} of {path} says its used range is {ref} ({rows:,} rows x {cols:,} columns): "
    "{why}. Delete the rows and columns after your data (Ctrl+End shows where the sheet "
    "thinks it ends) and save.",
    "Лист {sheet} в {path} указывает используемый диапазон {ref} ({rows:,} строк x {cols:,} "
    "столбцов): {why}. Удалите строки и столбцы после данных (Ctrl+End покажет, где лист "
    "считает свой конец) и сохраните.",
)
PAST_SHEET = Text("more than a sheet can hold", "больше, чем вмещает лист")
STRAY_CELL = Text(
    "a stray value far from the data, most likely",
    "скорее всего, случайное значение вдали от данных",
)


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:,.1f} GB"


def check_package(path: Path) -> None:
    """Refuse a package whose parts would unpack past the limits above."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > PART_LIMIT:
            raise _too_big(path, info.filename, info.file_size, PART_LIMIT)
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and info.file_size / packed > RATIO_LIMIT:
            raise WorkbookError(
                BOMB.format(
                    "en",
                    path=path,
                    part=info.filename,
                    size=_size(info.file_size),
                    packed=_size(info.compress_size),
                    ratio=info.file_size / packed,
                    limit=f"{RATIO_LIMIT} times",
                )
            )
    if total > PACKAGE_LIMIT:
        raise _too_big(path, "the workbook", total, PACKAGE_LIMIT)


def _too_big(path: Path, what: str, size: int, limit: int) -> WorkbookError:
    message = TOO_BIG.format("en", path=path, what=what, size=_size(size), limit=_size(limit))
    return WorkbookError(message + " " + TOO_BIG_FIX.format("en"))


def check_range(path: Path, sheet: str, rect: tuple[int, int, int, int]) -> None:
    """Refuse reading a sheet whose stated used range no sheet or no memory can hold."""
    first_row, last_row, first_col, last_col = rect
    rows, cols = last_row - first_row + 1, last_col - first_col + 1
    if last_row > SHEET_ROWS or last_col >= SHEET_COLUMNS:
        why = PAST_SHEET
    elif rows * cols > CELL_LIMIT:
        why = STRAY_CELL
    else:
        return
    ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
    raise WorkbookError(
        RANGE_TOO_BIG.format("en", sheet=sheet, path=path, ref=ref, rows=rows, cols=cols, why=why)
    )
