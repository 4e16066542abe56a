"""Checks of Excel's known repair triggers that a schema validator does not see.

Excel opens a package that is valid against the schema and still says "We found a problem with
some content" when: two tables share a name, a table's header cell differs from its
tableColumn name, a cell's style or a format's dxf index points past the list, the main part's
content type does not match the file's extension, a defined name repeats in its scope or names a
sheet that is not there, two sheets share a name, or the calculation chain names a sheet that
is gone. :func:`problems` lists every such finding of one package; none is the goal.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MAIN_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}
_REF = re.compile(r"^\$?([A-Z]+)\$?(\d+)")


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in zf.namelist():
        return {}
    root = etree.fromstring(zf.read(name))
    out = {}
    for el in root.iter(PR + "Relationship"):
        target = el.get("Target", "")
        if el.get("TargetMode") == "External":
            continue
        absolute = target.startswith("/")
        out[el.get("Id", "")] = (
            target.lstrip("/") if absolute else posixpath.normpath(posixpath.join(folder, target))
        )
    return out


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _text(cell: etree._Element, strings: list[str]) -> str | None:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(M + "t"))
    value = cell.find(M + "v")
    if value is None:
        return None
    if kind == "s":
        return strings[int(value.text or 0)]
    return value.text


def problems(path: Path) -> list[str]:
    """Every repair trigger found in the package at ``path`` (see the module docstring)."""
    found: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        types = etree.fromstring(zf.read("[Content_Types].xml"))
        overrides = {
            el.get("PartName"): el.get("ContentType") for el in types.iter(CT + "Override")
        }
        wb_part = "xl/workbook.xml"
        want = MAIN_TYPES.get(path.suffix.lower())
        if want is not None and overrides.get("/" + wb_part) != want:
            found.append(f"main content type {overrides.get('/' + wb_part)} in a {path.suffix}")
        for name in overrides:
            if name and name.lstrip("/") not in names:
                found.append(f"content type for a missing part {name}")
        wb = etree.fromstring(zf.read(wb_part))
        rels = _rels(zf, wb_part)
        sheets = [
            (s.get("name", ""), s.get("sheetId"), rels.get(s.get(R + "id", ""), ""))
            for s in wb.iter(M + "sheet")
        ]
        folded = [n.casefold() for n, _, _ in sheets]
        if len(set(folded)) != len(folded):
            found.append(f"sheet names repeat: {sorted(folded)}")
        found += [f"sheet name {n!r} longer than 31" for n, _, _ in sheets if len(n) > 31]
        scopes: set[tuple[str, str | None]] = set()
        for el in wb.iter(M + "definedName"):
            key = (el.get("name", "").casefold(), el.get("localSheetId"))
            if key in scopes:
                found.append(f"defined name {key} twice")
            scopes.add(key)
            local = el.get("localSheetId")
            if local is not None and int(local) >= len(sheets):
                found.append(f"defined name {key} local to a sheet that is not there")
        styles_part = next(p for p in rels.values() if p.endswith("styles.xml"))
        styles = etree.fromstring(zf.read(styles_part))
        xfs = styles.find(M + "cellXfs")
        dxfs = styles.find(M + "dxfs")
        n_xf = len(xfs) if xfs is not None else 0
        n_dxf = len(dxfs) if dxfs is not None else 0
        strings: list[str] = []
        shared = next((p for p in rels.values() if p.endswith("sharedStrings.xml")), None)
        if shared in names:
            sst = etree.fromstring(zf.read(shared))
            strings = ["".join(t.text or "" for t in si.iter(M + "t")) for si in sst.iter(M + "si")]
        table_names: list[str] = []
        table_ids: list[str] = []
        for sheet_name, _, part in sheets:
            if part not in names:
                found.append(f"sheet {sheet_name} has no part {part}")
                continue
            xml = zf.read(part)
            top = max((int(s) for s in re.findall(rb'<c [^>]*?\bs="(\d+)"', xml)), default=-1)
            if top >= n_xf:
                found.append(f"{sheet_name}: cell style {top} of {n_xf}")
            top_dxf = max((int(s) for s in re.findall(rb'\bdxfId="(\d+)"', xml)), default=-1)
            if top_dxf >= n_dxf:
                found.append(f"{sheet_name}: dxf {top_dxf} of {n_dxf}")
            root = etree.fromstring(xml)
            cells = {c.get("r"): c for c in root.iter(M + "c")}
            for target in _rels(zf, part).values():
                if "/tables/" not in target:
                    continue
                table = etree.fromstring(zf.read(target))
                table_names += [
                    table.get("name", "").casefold(),
                    table.get("displayName", "").casefold(),
                ]
                table_ids.append(table.get("id", ""))
                if table.get("name") != table.get("displayName"):
                    found.append(
                        f"table {table.get('name')} displays as {table.get('displayName')}"
                    )
                top_dxf = max(
                    (int(s) for s in re.findall(rb'\bdxfId="(\d+)"', zf.read(target))), default=-1
                )
                if top_dxf >= n_dxf:
                    found.append(f"table {table.get('name')}: dxf {top_dxf} of {n_dxf}")
                start = _REF.match(table.get("ref", ""))
                if start is None or table.get("headerRowCount") == "0":
                    continue
                col, row = _col(start.group(1)), start.group(2)
                for j, tc in enumerate(table.iter(M + "tableColumn")):
                    letters, n = "", col + j
                    while n:
                        n, rem = divmod(n - 1, 26)
                        letters = chr(65 + rem) + letters
                    cell = cells.get(f"{letters}{row}")
                    header = _text(cell, strings) if cell is not None else None
                    if header != tc.get("name"):
                        found.append(
                            f"table {table.get('name')}: header {letters}{row} {header!r} "
                            f"is not its column {tc.get('name')!r}"
                        )
        if len(set(table_ids)) != len(table_ids):
            found.append(f"table ids repeat: {sorted(table_ids)}")
        pairs = table_names[::2]
        if len(set(pairs)) != len(pairs):
            found.append(f"table names repeat: {sorted(pairs)}")
        defined = {
            el.get("name", "").casefold()
            for el in wb.iter(M + "definedName")
            if el.get("localSheetId") is None
        }
        found += [f"table {n} is also a defined name" for n in set(pairs) & defined]
        chain = next((p for p in rels.values() if p.endswith("calcChain.xml")), None)
        if chain in names:
            ids = {i for _, i, _ in sheets}
            gone = set(re.findall(rb'\bi="(\d+)"', zf.read(chain))) - {i.encode() for i in ids if i}
            if gone:
                found.append(f"calcChain names sheets that are gone: {sorted(gone)}")
    return found


def audit(path: Path) -> list[str]:
    """The Open XML SDK's schema and semantic findings (openxml-audit), as lines."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(path)
    return [str(e) for e in result.errors]
