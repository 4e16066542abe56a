"""Formula cells saved without their result, found in a sheet part.

Excel and LibreOffice save each formula's last result beside it, and every reader reads that
result. A program that writes workbooks without calculating them (openpyxl, a CRM's or a
script's export) may save the formula alone: every reader then sees a blank cell, and the sums
built on it would be wrong without a word. Such cells are found here, in the sheet's XML, and
reported by the validation (:func:`~clientbase_xl.inputs.validate.validate_table`).
"""

from __future__ import annotations

import html
import re

from clientbase_xl.workbook.bands import BAND_BYTES
from clientbase_xl.workbook.layout import column_index

#: Sheet parts larger than this (unpacked) are not scanned: the sheets read in bands, a
#: hundred thousand lines and more, come from exports that save values; scanning the 400 MB
#: of a million lines would cost a second of every refresh.
SCAN_BYTES = BAND_BYTES
#: What every formula element holds: its end tag ``</f>`` (or ``</x:f>``), or its start
#: ``<f>``; a shared formula's followers (``<f t="shared" si="0"/>``) go with a leader that
#: has one. Most sheets have none, and the cell pattern below then never runs: sre finds a
#: two-byte literal at memory speed (11 ms for the 30 MB Payments sheet of the benchmark
#: book, where a pattern starting with "<" stops at every tag: 0.2 s).
_ANY_FORMULA = re.compile(rb"f>")
#: A formula cell with no result: its formula (``<f>...</f>``, or a shared formula's
#: ``<f .../>``) and no ``<v>``, or an empty one (as openpyxl writes). Groups: the cell's
#: attributes, its column letters, its row number, the formula text.
_UNCALCULATED = re.compile(
    rb'<(?:[\w.-]+:)?c\s([^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*)>\s*'
    rb"<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:[\w.-]+:)?f>)\s*"
    rb"(?:<(?:[\w.-]+:)?v\s*/>|<(?:[\w.-]+:)?v>\s*</(?:[\w.-]+:)?v>)?\s*</(?:[\w.-]+:)?c>"
)
#: An empty result of a text formula (``=IF(A2="";"";A2)``) is a result: the empty text.
_TEXT_CELL = re.compile(rb'\bt="str"')


def uncalculated(xml: bytes) -> dict[tuple[int, int], str]:
    """The formula cells of a sheet part's ``xml`` that hold no result.

    Returns (row, column) -> formula: the row 1-based, the column 0-based, the formula as
    Excel shows it (``"=B2*C2"``; ``"="`` for a cell sharing another cell's formula).
    """
    if not _ANY_FORMULA.search(xml):
        return {}
    return {
        (int(m[3]), column_index(m[2].decode())): "=" + html.unescape((m[4] or b"").decode())
        for m in _UNCALCULATED.finditer(xml)
        if not _TEXT_CELL.search(m[1])
    }
