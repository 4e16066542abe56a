"""Cells typed below an Excel table, in its columns: rows the table does not hold.

An input table is read as the table part says it runs (``ref``). Excel grows a table when a
row is typed right under it, but not always: LibreOffice does not, nor does a paste with that
option off, nor a script. Rows typed there would then be left out of every sum without a word.
Whether anything lies below is known for free: the sheet's used range (``<dimension>``) ends
below the table. Only then is the sheet part unpacked, and only what follows the table's last
row is kept and searched.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Iterable
from pathlib import Path

from clientbase_xl.inputs.raw import in_rect
from clientbase_xl.workbook.bands import Uncuttable, inflated
from clientbase_xl.workbook.layout import Layout, Place, column_index

#: A row's start tag, its number in group 1.
_ROW = re.compile(rb'<(?:[\w.-]+:)?row\b[^>]*?\br="([0-9]+)"')
#: A cell with content: its column letters and row number (groups 1 and 2), then its inside.
_CELL = re.compile(
    rb'<(?:[\w.-]+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?c>)',
    re.DOTALL,
)
#: What a cell with a value holds: a value, an inline string's text or a formula.
_FILLED = re.compile(rb"<(?:[\w.-]+:)?(?:v|t|f)\b[^>]*>\s*[^<\s]")


#: How many rows from a table's last one on may start what follows it: a table ending in
#: blank rows has no row element for them, so the next rows present are looked for too.
LOOK_AHEAD = 16


def after_row(chunks: Iterable[bytes], row: int, ahead: int = LOOK_AHEAD) -> bytes:
    """The sheet part's bytes from the first row tag of rows ``row`` .. ``row + ahead - 1``.

    b"" when no tag names any of them. Rows come in order, so everything after that tag is
    below it; what comes before is dropped chunk by chunk (a million lines are never held
    whole). A row's tag is the only place ``r="7"`` is written (a cell's reference has its
    column letters). The rows' common leading digits are what is searched for: a million
    lines' part holds them some hundred times, all at its end.
    """
    wanted = {str(n).encode() for n in range(row, row + ahead)}
    first, last = str(row), str(row + ahead - 1)
    same = 0  # the digits every wanted row shares: those of the first and the last
    if len(first) == len(last):
        pairs = enumerate(zip(first, last, strict=True))
        same = next((i for i, (a, b) in pairs if a != b), len(first))
    needle = b'r="' + first[:same].encode()
    longest = len(b'r=""') + max(len(w) for w in wanted)
    carry, kept = b"", list[bytes]()
    for chunk in chunks:
        if kept:
            kept.append(chunk)
            continue
        window = carry + chunk
        carry = window[-longest:]  # a tag cut by the chunk's end is whole in the next window
        at = window.find(needle)
        while at >= 0:
            end = window.find(b'"', at + 3)
            if end < 0:
                carry = window[at:]
                break
            if window[at + 3 : end] in wanted:
                kept.append(window[at:])
                break
            at = window.find(needle, at + 1)
    return b"".join(kept)


def filled_below(
    xml_after: bytes, table: Place, others: Collection[Place] = ()
) -> list[tuple[int, int]]:
    """Cells with content below ``table`` and within its columns, in ``xml_after``.

    ``xml_after`` is :func:`after_row` of the table's last row; cells inside ``others`` (the
    sheet's other tables, a user's second table below the first) are theirs. Returns
    (row, 0-based column) pairs in sheet order.
    """
    found = []
    for m in _CELL.finditer(xml_after):
        row, col = int(m[2]), column_index(m[1].decode())
        if (
            row > table.last_row
            and table.first_col <= col <= table.last_col
            and m[3]
            and _FILLED.search(m[3])
            and not any(in_rect(row, col, other.rect) for other in others)
        ):
            found.append((row, col))
    return found


def below_tables(
    path: Path, inputs: Collection[str], layout: Layout
) -> dict[str, list[tuple[int, int]]]:
    """The filled cells below each of the ``inputs`` tables (names), as :func:`filled_below`.

    Only a table whose sheet's used range goes on below it is looked at. Tables with nothing
    below are left out; a part that does not unpack is left to the readers to report.
    """
    out: dict[str, list[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as zf:
        infos = {info.filename: info for info in zf.infolist()}
    for name in inputs:
        table = layout.tables[name]
        sheet = layout.sheets.get(table.sheet)
        if sheet is None or sheet.last_row <= table.last_row or sheet.part not in infos:
            continue
        try:
            tail = after_row(inflated(path, infos[sheet.part]), table.last_row)
        except Uncuttable:
            continue
        others = [p for n, p in layout.tables.items() if p.sheet == table.sheet and n != name]
        if cells := filled_below(tail, table, others):
            out[name] = cells
    return out
