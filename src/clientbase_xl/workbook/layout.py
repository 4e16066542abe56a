"""Where the tables and used ranges of a workbook's sheets start, read from the package parts.

fastexcel reads a table or a sheet's used range without saying where it lies on the sheet;
problems must still name the row a user sees. The positions come from the small parts that
hold them: each table part's ``ref`` and each sheet's ``<dimension>``, read from the first bytes
of the sheet part only (a million-line sheet is never inflated for this).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from clientbase_xl.report.owned import MARK, SheetFacts, parse_mark
from clientbase_xl.workbook.opc import (
    NS_MAIN,
    DamagedPart,
    ZipParts,
    defined_names,
    refuse_doctype,
    resolve,
    sheets_of,
)

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]+)"')
_TABLE_REL = "/table"
#: How much of a sheet part to inflate looking for ``<dimension>``, which comes near the top.
_HEAD_BYTES = 1 << 16


@dataclass(frozen=True)
class Place:
    """A rectangle on a sheet: 1-based first and last rows, 0-based first and last columns."""

    sheet: str
    first_row: int
    last_row: int
    first_col: int
    last_col: int
    #: Rows of a table's total row (0 for sheets and tables without one).
    totals: int = 0
    #: Rows of a table's header (a table may have none).
    header: int = 1
    #: A table's column names, as the table part states them.
    columns: tuple[str, ...] = ()
    #: A sheet's part in the package, and its size unpacked (bytes); blank for a table.
    part: str = ""
    part_size: int = 0

    @property
    def rect(self) -> tuple[int, int, int, int]:
        """First and last row, first and last column."""
        return self.first_row, self.last_row, self.first_col, self.last_col


def column_index(letters: str) -> int:
    """``"A"`` -> 0, ``"AB"`` -> 27: a column's letters as its 0-based index."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_ref(ref: str) -> tuple[int, int, int, int] | None:
    """``"C3:E10"`` -> (first row 3, last row 10, first column 2, last column 4), or None."""
    match = _REF.match(ref.strip().upper())
    if match is None:
        return None
    col, row, last_col, last = match.groups()
    return int(row), int(last or row), column_index(col), column_index(last_col or col)


@dataclass(frozen=True)
class Layout:
    """What a package says of its sheets, read without loading one."""

    #: Every table by name.
    tables: dict[str, Place]
    #: Each sheet's used range by sheet name (sheets with a ``<dimension>``).
    sheets: dict[str, Place]
    #: Every sheet's name, in tab order.
    names: tuple[str, ...]
    #: Every sheet's name, mark and tables, in tab order (see :mod:`clientbase_xl.report.owned`).
    facts: tuple[SheetFacts, ...] = ()
    #: Each sheet's part in the package and its size unpacked (bytes), by sheet name.
    parts: dict[str, tuple[str, int]] = field(default_factory=dict)


def _count(root: etree._Element, attr: str, default: int, part: str) -> int:
    """A table part's row count attribute; :class:`DamagedPart` when it is no count."""
    value = root.get(attr)
    if value is None or value == "":
        return default
    if not value.isdigit():
        raise DamagedPart(part, f"{attr}={value!r} is not a count of rows")
    return int(value)


def _head(zf: zipfile.ZipFile, part: str) -> bytes:
    """The first bytes of a part the readers parse themselves, refused if it has a DOCTYPE."""
    try:
        with zf.open(part) as stream:
            head = stream.read(_HEAD_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise DamagedPart(part, exc) from exc
    refuse_doctype(head, part)
    return head


def locate(path: Path) -> Layout:
    """Tables by name and sheets' used ranges by sheet name, as far as the package states them."""
    tables: dict[str, Place] = {}
    sheets: dict[str, Place] = {}
    sheet_parts: dict[str, tuple[str, int]] = {}
    with zipfile.ZipFile(path) as zf:
        parts = ZipParts(zf)
        entries = sheets_of(parts)
        names = defined_names(parts)
        parts.content_types()  # read by every write: refused here already when it is hostile
        wb_part = parts.workbook_part()
        for rel in parts.rels(wb_part):
            strings = resolve(wb_part, rel.target)
            if rel.type.endswith("/sharedStrings") and strings in parts:
                _head(zf, strings)
        for entry in entries:
            if entry.part not in parts:
                continue
            head = _head(zf, entry.part)
            found = _DIMENSION.search(head)
            span = parse_ref(found.group(1).decode()) if found else None
            size = zf.getinfo(entry.part).file_size
            sheet_parts[entry.name] = (entry.part, size)
            if span is not None:
                sheets[entry.name] = Place(entry.name, *span, part=entry.part, part_size=size)
            for rel in parts.rels(entry.part):
                target = resolve(entry.part, rel.target)
                if rel.external or not rel.type.endswith(_TABLE_REL) or target not in parts:
                    continue
                root = parts.xml(target)
                span = parse_ref(root.get("ref", ""))
                name = root.get("displayName") or root.get("name")
                if span is None or not name:
                    continue
                tables[name] = Place(
                    entry.name,
                    *span,
                    totals=_count(root, "totalsRowCount", 0, target),
                    header=_count(root, "headerRowCount", 1, target),
                    columns=tuple(
                        c.get("name", "") for c in root.iter(f"{{{NS_MAIN}}}tableColumn")
                    ),
                )
    marks = {n.local: parse_mark(n.text) for n in names if n.name == MARK}
    facts = tuple(
        SheetFacts(
            entry.name,
            marks.get(i),
            tuple(name for name, place in tables.items() if place.sheet == entry.name),
        )
        for i, entry in enumerate(entries)
    )
    return Layout(tables, sheets, tuple(entry.name for entry in entries), facts, sheet_parts)
