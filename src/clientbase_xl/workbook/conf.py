"""Set values on a workbook's ``xlwings.conf`` sheet, leaving every other part byte for byte.

xlwings reads its settings from a sheet named ``xlwings.conf``: keys in column A, values in
column B (``Interpreter_Win``, ``Interpreter_Mac``, ``UDF Modules`` ...). ``excel-setup``
writes the interpreter a user installed into there. Only that sheet's part is rewritten (a
key's row gets its value as an inline string, a missing key a new row at the end); the VBA
project, the other sheets and every other part are copied as stored, and the file is written
to a temporary file and renamed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from clientbase_xl.errors import WorkbookError
from clientbase_xl.workbook.opc import NS_MAIN, SheetEntry, ZipParts, sheets_of
from clientbase_xl.workbook.safety import write_beside
from clientbase_xl.workbook.zipcopy import add_deflated, copy_stored, deflated

CONF_SHEET = "xlwings.conf"
_M = f"{{{NS_MAIN}}}"
_ROW = re.compile(r"(\d+)$")


def _text(cell: etree._Element, strings: list[str]) -> str:
    """The text of a cell: a shared string, an inline string or a plain value."""
    kind = cell.get("t")
    if kind == "s":
        value = cell.findtext(f"{_M}v")
        return strings[int(value)] if value is not None and value.isdigit() else ""
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_M}t"))
    return cell.findtext(f"{_M}v") or ""


def _shared_strings(parts: ZipParts) -> list[str]:
    name = "xl/sharedStrings.xml"
    if name not in parts:
        return []
    root = parts.xml(name)
    return ["".join(t.text or "" for t in si.iter(f"{_M}t")) for si in root.iter(f"{_M}si")]


def _inline(ref: str, value: str) -> etree._Element:
    cell = etree.Element(f"{_M}c", r=ref, t="inlineStr")
    text = etree.SubElement(etree.SubElement(cell, f"{_M}is"), f"{_M}t")
    text.text = value
    if value != value.strip():
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return cell


def _conf_sheet(parts: ZipParts) -> SheetEntry | None:
    return next((s for s in sheets_of(parts) if s.name == CONF_SHEET), None)


def _cells(row: etree._Element) -> dict[str, etree._Element]:
    """The cells of a sheet row by column letter."""
    return {_ROW.sub("", c.get("r", "")): c for c in row.iter(f"{_M}c")}


def conf_values(path: Path) -> dict[str, str]:
    """The keys and values of the ``xlwings.conf`` sheet (empty without one)."""
    with zipfile.ZipFile(path) as zf:
        parts = ZipParts(zf)
        sheet = _conf_sheet(parts)
        if sheet is None:
            return {}
        strings = _shared_strings(parts)
        out = {}
        for row in parts.xml(sheet.part).iter(f"{_M}row"):
            cells = _cells(row)
            if "A" in cells:
                out[_text(cells["A"], strings)] = _text(cells["B"], strings) if "B" in cells else ""
        return out


def set_conf(path: Path, out: Path, values: Mapping[str, str]) -> None:
    """Write ``path`` to ``out`` with ``values`` set on its ``xlwings.conf`` sheet.

    Raises :class:`~clientbase_xl.errors.WorkbookError` when the book has no such sheet.
    """
    with zipfile.ZipFile(path) as zf:
        parts = ZipParts(zf)
        sheet = _conf_sheet(parts)
        if sheet is None:
            raise WorkbookError(
                f"{path} has no {CONF_SHEET} sheet: start from the template "
                "(clientbase-xl template), which has one."
            )
        strings = _shared_strings(parts)
        root = parts.xml(sheet.part)
        data = root.find(f"{_M}sheetData")
        assert data is not None
        left = dict(values)
        last = 0
        for row in data.iter(f"{_M}row"):
            number = int(row.get("r", "0"))
            last = max(last, number)
            cells = _cells(row)
            key = _text(cells["A"], strings) if "A" in cells else None
            if key not in left:
                continue
            new = _inline(f"B{number}", left.pop(key))
            if "B" in cells:
                style = cells["B"].get("s")
                if style is not None:
                    new.set("s", style)
                row.replace(cells["B"], new)
            else:
                cells["A"].addnext(new)
        for key, value in left.items():  # keys the sheet lacks: new rows at its end
            last += 1
            row = etree.SubElement(data, f"{_M}row", r=str(last))
            row.append(_inline(f"A{last}", key))
            row.append(_inline(f"B{last}", value))
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        with write_beside(out, like=path) as fh, zipfile.ZipFile(fh, "w") as dest:
            for info in zf.infolist():
                if info.filename == sheet.part:
                    add_deflated(dest, info.filename, deflated(xml))
                else:
                    copy_stored(zf, info, dest)
