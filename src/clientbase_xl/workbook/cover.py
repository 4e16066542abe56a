"""The first sheet of a workbook the product makes from nothing: what the file is and whence.

A manager's file (``split``) is a new workbook: its result tabs are grafted into this cover, as
a refresh grafts them into the user's book, so both pass the same package checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from clientbase_xl.report.spec import TEXT_STYLES


def write_cover(
    path: Path,
    sheet: str,
    title: str,
    lines: Sequence[tuple[str, str]],
    date1904: bool = False,
) -> None:
    """Write a one-sheet workbook at ``path``: ``title`` in A1, then label / value ``lines``.

    The book counts dates in the 1904 system with ``date1904`` (tabs grafted into it keep
    their serials: they must be written in the same system).
    """
    book = xlsxwriter.Workbook(str(path), {"in_memory": True, "date_1904": date1904})
    ws = book.add_worksheet(sheet)
    ws.write_string(0, 0, title, book.add_format(TEXT_STYLES["title"]))
    label = book.add_format({"bold": True})
    for i, (name, value) in enumerate(lines, start=2):
        ws.write_string(i, 0, name, label)
        ws.write_string(i, 1, value)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 60)
    ws.fit_to_pages(1, 0)  # the two columns on one page wide, as the result tabs print
    book.close()
