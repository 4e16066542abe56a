"""Merged cells of a sheet part: where one value stands for a block of cells.

A report (1C's among them) merges a client's cell over its lines: the value is in the block's
first cell, and every reader gives the others as blanks. The blocks are read from the sheet's
``<mergeCells>`` here; :meth:`~clientbase_xl.inputs.raw.RawTable.with_merges` fills them.
"""

from __future__ import annotations

import re

from clientbase_xl.inputs.raw import Rect
from clientbase_xl.workbook.layout import column_index

#: Most sheets merge nothing: a literal is found at memory speed before the pattern runs.
_ANY_MERGE = re.compile(rb"mergeCell\b")
_MERGE = re.compile(
    rb'<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref="([A-Z]{1,3})([0-9]+):([A-Z]{1,3})([0-9]+)"'
)


def merged_cells(xml: bytes) -> tuple[Rect, ...]:
    """The merged blocks of a sheet part's ``xml``: 1-based rows, 0-based columns."""
    if not _ANY_MERGE.search(xml):
        return ()
    return tuple(
        (int(m[2]), int(m[4]), column_index(m[1].decode()), column_index(m[3].decode()))
        for m in _MERGE.finditer(xml)
    )
