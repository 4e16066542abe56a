"""Which date system a workbook counts in: 1900 (Excel's default) or 1904 (old Mac Excel's).

A date in a cell is a serial number of days. A workbook saved with the 1904 system counts
them from 1904-01-01, 1,462 days after the 1900 system's day 0: tabs written with the other
system's serials would show every date four years and a day late. The readers convert dates by
the book's own system; the writers ask this module which system to write in.

Only ``zipfile`` and ``re``: the desktop Excel writer asks too, and the Excel layer loads no
XML library.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_OFFICE_DOCUMENT = re.compile(
    rb'<Relationship\b(?=[^>]*\bType="[^"]*/officeDocument")[^>]*\bTarget="/?([^"]+)"'
)
_DATE1904 = re.compile(rb'<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"')


def uses_1904(path: Path) -> bool:
    """Whether the workbook at ``path`` counts dates from 1904 (False when it cannot tell).

    Read from the ``date1904`` flag of the workbook part's ``workbookPr``; a book that cannot
    be read here is refused by the reader already, and a new book is in the 1900 system.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            found = _OFFICE_DOCUMENT.search(zf.read("_rels/.rels"))
            name = found.group(1).decode() if found else "xl/workbook.xml"
            head = zf.read(name)[:65536]  # workbookPr comes before the sheets are listed
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    return _DATE1904.search(head) is not None
