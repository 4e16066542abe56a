"""Replace result tabs in a workbook file, leaving every other part byte for byte as it was.

The result tabs are first written by XlsxWriter into a scratch package (see
:mod:`clientbase_xl.workbook.render`). :func:`graft` then builds the output package from the
user's workbook: parts of old result tabs are dropped, the scratch tabs' parts are added under free
names, and only four shared parts are edited — ``workbook.xml``, its relationships,
``styles.xml`` and ``[Content_Types].xml``. Input sheets, the VBA project, buttons, defined names
and anything else the user made are copied unchanged. The output is written to a temporary file
beside the destination and renamed over it, so a failure leaves no partial file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from lxml import etree

from clientbase_xl.report.owned import MARK, mark_formula, unique_names
from clientbase_xl.workbook.bulk import BulkRows
from clientbase_xl.workbook.opc import (
    NS_CT,
    NS_MAIN,
    NS_REL,
    REL_CALC_CHAIN,
    REL_WORKSHEET,
    Relationship,
    SheetEntry,
    ZipParts,
    defined_names,
    parse_part,
    parse_rels,
    relative,
    rels_name,
    resolve,
    sheets_of,
    write_rels,
)
from clientbase_xl.workbook.safety import write_beside
from clientbase_xl.workbook.styles import StyleMap, merge_styles
from clientbase_xl.workbook.zipcopy import (
    Deflated,
    add_deflated,
    copy_stored,
    deflated,
    member_like,
)

_M = f"{{{NS_MAIN}}}"
_RID = f"{{{NS_REL}}}id"
_CELL_STYLE = re.compile(rb'(<c [^>]*?\bs=")(\d+)(")')
_SHARED = re.compile(rb'<c ([^>]*?)t="s"([^>]*)><v>(\d+)</v></c>')
_DXF = re.compile(rb'(\bdxfId=")(\d+)(")')
_NUMBERED = re.compile(r"^(.*?)(\d*)(\.\w+)$")


def _splice(sheet_xml: bytes, bulk: Sequence[BulkRows], styles: StyleMap) -> bytes:
    """Insert each run of bulk rows after the row above it (a row XlsxWriter wrote)."""
    pieces, at = [], 0
    for rows in sorted(bulk, key=lambda b: b.first_row):
        above = sheet_xml.index(b'<row r="%d"' % (rows.first_row - 1), at)
        end = sheet_xml.index(b"</row>", above) + len(b"</row>")
        pieces += [sheet_xml[at:end], rows.xml(styles.xf)]
        at = end
    return b"".join([*pieces, sheet_xml[at:]])


def _packed(xml: bytes, bulk: Sequence[BulkRows], styles: StyleMap) -> Deflated:
    """A new part deflated, with its bulk rows (if any) spliced in first: a worker's job."""
    return deflated(_splice(xml, bulk, styles) if bulk else xml)


def _inline_strings(sheet_xml: bytes, strings: list[bytes]) -> bytes:
    """Turn shared-string cells into inline strings, so no sharedStrings part must be merged."""
    # re.split hands back the groups of every match in one list: rebuilding from it is many
    # times faster than a callback per match on a sheet of a million cells.
    pieces = _SHARED.split(sheet_xml)
    out = [pieces[0]]
    for i in range(1, len(pieces), 4):
        attrs, more, index, rest = pieces[i : i + 4]
        out += (b"<c ", attrs, b't="inlineStr"', more, b"><is>", strings[int(index)])
        out += (b"</is></c>", rest)
    return b"".join(out)


def _shared_strings(parts: ZipParts, wb_part: str) -> list[bytes]:
    for rel in parts.rels(wb_part):
        if rel.type.endswith("/sharedStrings"):
            root = etree.fromstring(parts.read(resolve(wb_part, rel.target)))
            return [b"".join(etree.tostring(child) for child in si) for si in root.iter(_M + "si")]
    return []


def _renumber(pattern: re.Pattern[bytes], xml: bytes, mapping: Mapping[int, int]) -> bytes:
    """Replace the number in ``pattern``'s second group through ``mapping`` (see above)."""
    pieces = pattern.split(xml)
    new = {str(i).encode(): str(j).encode() for i, j in mapping.items()}
    pieces[2::4] = [new[p] for p in pieces[2::4]]
    return b"".join(pieces)


def _restyle(xml: bytes, styles: StyleMap) -> bytes:
    xml = _renumber(_CELL_STYLE, xml, styles.xf)
    # Selected tabs are grouped in Excel; only the user's own selection may stay.
    xml = xml.replace(b' tabSelected="1"', b"")
    return _renumber(_DXF, xml, styles.dxf)


class _Names:
    """Free part names: ``xl/worksheets/sheet7.xml`` is taken, so the next is ``sheet8.xml``."""

    def __init__(self, taken: Collection[str]) -> None:
        self.taken = set(taken)

    def allocate(self, wanted: str) -> str:
        folder, base = posixpath.split(wanted)
        m = _NUMBERED.match(base)
        stem, ext = (m.group(1), m.group(3)) if m else (base, "")
        n = 1
        while True:
            name = posixpath.join(folder, f"{stem}{n}{ext}")
            if name not in self.taken:
                self.taken.add(name)
                return name
            n += 1


def graft(
    target: Path,
    scratch: Path,
    out: Path,
    remove: Collection[str],
    places: Mapping[str, Collection[str]] | None = None,
    bulk: Sequence[BulkRows] = (),
    marks: Mapping[str, str] | None = None,
) -> None:
    """Write ``out``: ``target`` with sheets named in ``remove`` replaced by ``scratch``'s sheets.

    Parameters
    ----------
    target
        The user's workbook (.xlsx or .xlsm); it is only read.
    scratch
        A package whose sheets are the new result tabs (written by XlsxWriter).
    out
        Destination; may be ``target`` itself. Written atomically.
    remove
        Sheet names (case-insensitive) that are old result tabs: dropped with every part only they
        use. A scratch sheet whose name is among them takes the old tab's place in the tab order.
    places
        For a scratch sheet, further old names whose place it takes (the same tab in the other
        language): switching language keeps the user's order of tabs.
    bulk
        Rows the renderer left out of the scratch sheets (see
        :mod:`~clientbase_xl.workbook.bulk`), spliced into their sheets here.
    marks
        Scratch sheet name -> tab key: those sheets get the mark that makes them the tool's own
        (:mod:`clientbase_xl.report.owned`). A replaced tab's code name and print titles pass
        to its successor; table names are made unique workbook-wide.
    """
    folded = {n.casefold() for n in remove}
    # New parts are deflated on worker threads (ISA-L lets go of the GIL) while the next part is
    # built here and while the unchanged parts are copied.
    with (
        zipfile.ZipFile(target) as tz,
        zipfile.ZipFile(scratch) as sz,
        ThreadPoolExecutor(2, thread_name_prefix="clientbase-deflate") as packer,
    ):
        tp, sp = ZipParts(tz), ZipParts(sz)
        wb_part = tp.workbook_part()
        wb_rels_part = rels_name(wb_part)
        old_sheets = sheets_of(tp)
        dropped = [s for s in old_sheets if s.name.casefold() in folded]

        # Keep what anything but the dropped sheets reaches; the rest was theirs alone.
        dropped_parts = {s.part for s in dropped}
        keep_parts: set[str] = {"[Content_Types].xml", "_rels/.rels", wb_part, wb_rels_part}
        for rel in parse_rels(tp.read("_rels/.rels")):
            target_part = resolve("", rel.target)
            if not rel.external and target_part != wb_part:
                keep_parts |= tp.reachable(target_part)
        for rel in tp.rels(wb_part):
            target_part = resolve(wb_part, rel.target)
            if not rel.external and target_part not in dropped_parts:
                keep_parts |= tp.reachable(target_part)
        drop_parts = {n for n in tp.names if n not in keep_parts}
        dropped_ids = {s.sheet_id for s in dropped}

        new_parts: dict[str, Future[Deflated]] = {}
        content_types: dict[str, str] = {}
        styles_part = next(
            resolve(wb_part, r.target) for r in tp.rels(wb_part) if r.type.endswith("/styles")
        )
        s_wb = sp.workbook_part()
        s_styles = next(
            resolve(s_wb, r.target) for r in sp.rels(s_wb) if r.type.endswith("/styles")
        )
        styles_xml, style_map = merge_styles(tp.read(styles_part), sp.read(s_styles))
        strings = _shared_strings(sp, s_wb)
        s_types, s_defaults = _content_types(sp)

        names = _Names([n for n in tp.names if n not in drop_parts])
        table_ids = _table_ids(tp, keep_parts)
        target_names = defined_names(tp)
        own_kept = {
            old_sheets[n.local].part
            for n in target_names
            if n.name == MARK and n.local is not None and n.local < len(old_sheets)
        } - dropped_parts
        kept_tables = _tables_of(tp, [s.part for s in old_sheets if s.part not in dropped_parts])
        kept_renames, new_renames = unique_names(
            [name for part in _table_parts(sp) if (name := _table_name(sp.read(part)))],
            {name: part_sheet in own_kept for name, (_, part_sheet) in kept_tables.items()},
            [n.name for n in target_names if n.local is None],
        )
        edited_tables = {
            kept_tables[old][0]: _rename_table(tp.read(kept_tables[old][0]), new)
            for old, new in kept_renames.items()
        }
        code_names = _code_names(tp, dropped)
        places = places or {}
        successor = {old: new for new, olds in places.items() for old in olds}
        active = _active_sheet(tp.read(wb_part), old_sheets)
        selected = successor.get(active) if active is not None else None
        added: list[tuple[str, str]] = []  # (sheet name, new part)
        for sheet in sheets_of(sp):
            mapping = {
                p: names.allocate(p)
                for p in sorted(sp.reachable(sheet.part))
                if not p.endswith(".rels")
            }
            for old, new in mapping.items():
                data = sp.read(old)
                spliced: list[BulkRows] = []
                if old == sheet.part:
                    data = _restyle(_inline_strings(data, strings), style_map)
                    code = next(
                        (code_names[o] for o in places.get(sheet.name, ()) if o in code_names),
                        None,
                    )
                    data = _sheet_properties(data, code, sheet.name == selected)
                    spliced = [b for b in bulk if b.sheet == sheet.name]
                elif old.startswith("xl/tables/"):
                    name = _table_name(data)
                    for rows in bulk:
                        if name == rows.table:
                            data = rows.stretch_table(data)
                    if name in new_renames:
                        data = _rename_table(data, new_renames[name])
                    table_ids += 1
                    data = re.sub(
                        rb'(<table [^>]*?\bid=")\d+(")',
                        rb"\g<1>" + str(table_ids).encode() + rb"\g<2>",
                        data,
                        count=1,
                    )
                    data = _DXF.sub(
                        lambda m: (
                            m.group(1) + str(style_map.dxf[int(m.group(2))]).encode() + m.group(3)
                        ),
                        data,
                    )
                # The bulk rows' XML is made by Arrow's kernels, which let go of the GIL too.
                new_parts[new] = packer.submit(_packed, data, spliced, style_map)
                content_types[new] = s_types.get("/" + old) or s_defaults[_extension(old)]
                rels = sp.rels(old)
                if rels:
                    rels_xml = write_rels(
                        Relationship(
                            r.rid,
                            r.type,
                            r.target
                            if r.external
                            else relative(new, mapping[resolve(old, r.target)]),
                            r.external,
                        )
                        for r in rels
                    )
                    new_parts[rels_name(new)] = packer.submit(deflated, rels_xml)
            added.append((sheet.name, mapping[sheet.part]))

        wb_xml, wb_rels = _edit_workbook(
            tp.read(wb_part),
            tp.rels(wb_part),
            wb_part,
            old_sheets,
            dropped,
            added,
            drop_parts,
            places,
            _new_names(sp, marks or {}),
            selected,
        )
        if any(r.type == REL_CALC_CHAIN for r in tp.rels(wb_part)) and dropped_ids:
            chain = next(
                resolve(wb_part, r.target) for r in tp.rels(wb_part) if r.type == REL_CALC_CHAIN
            )
            # The calculation chain lists formula cells by sheet id; Excel rebuilds a dropped one.
            if any(int(i) in dropped_ids for i in re.findall(rb'\bi="(\d+)"', tp.read(chain))):
                drop_parts.add(chain)
                wb_rels = [r for r in wb_rels if r.type != REL_CALC_CHAIN]
        edited = {
            **edited_tables,
            wb_part: wb_xml,
            wb_rels_part: write_rels(wb_rels),
            styles_part: styles_xml,
            "[Content_Types].xml": _edit_content_types(
                tp.content_types(), drop_parts, content_types
            ),
        }
        _write_atomically(tz, edited, drop_parts, new_parts, out)


def _content_types(parts: ZipParts) -> tuple[dict[str, str], dict[str, str]]:
    """Content types by part name (Override) and by file extension (Default)."""
    root = parts.content_types()
    overrides = {
        el.get("PartName", ""): el.get("ContentType", "")
        for el in root.iter(f"{{{NS_CT}}}Override")
    }
    defaults = {
        el.get("Extension", "").lower(): el.get("ContentType", "")
        for el in root.iter(f"{{{NS_CT}}}Default")
    }
    return overrides, defaults


def _extension(part: str) -> str:
    return posixpath.splitext(part)[1].lstrip(".").lower()


def _table_ids(parts: ZipParts, keep: set[str]) -> int:
    """The largest table id among kept tables (ids must be unique in a workbook)."""
    ids = [0]
    for name in keep:
        if name.startswith("xl/tables/") and name.endswith(".xml"):
            m = re.search(rb'<table [^>]*?\bid="(\d+)"', parts.read(name))
            if m:
                ids.append(int(m.group(1)))
    return max(ids)


def _table_parts(parts: ZipParts) -> list[str]:
    return sorted(n for n in parts.names if n.startswith("xl/tables/") and n.endswith(".xml"))


def _table_name(xml: bytes) -> str | None:
    found = re.search(rb'<table [^>]*?\bname="([^"]*)"', xml)
    return found.group(1).decode() if found else None


def _rename_table(xml: bytes, name: str) -> bytes:
    """A table part with its ``name`` and ``displayName`` set to ``name`` (an id-like text)."""
    value = name.encode()
    xml = re.sub(rb'(<table [^>]*?\bname=")[^"]*(")', rb"\g<1>" + value + rb"\g<2>", xml, count=1)
    return re.sub(
        rb'(<table [^>]*?\bdisplayName=")[^"]*(")', rb"\g<1>" + value + rb"\g<2>", xml, count=1
    )


def _tables_of(parts: ZipParts, sheet_parts: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Table name -> (table part, sheet part) for the tables on ``sheet_parts``."""
    out: dict[str, tuple[str, str]] = {}
    for sheet in sheet_parts:
        for rel in parts.rels(sheet):
            target = resolve(sheet, rel.target)
            if rel.external or not rel.type.endswith("/table") or target not in parts:
                continue
            name = _table_name(parts.read(target))
            if name:
                out[name] = (target, sheet)
    return out


_CODE_NAME = re.compile(rb'<sheetPr\b[^>]*?\bcodeName="([^"]*)"')
_HEAD = 4096


def _code_names(parts: ZipParts, sheets: Sequence[SheetEntry]) -> dict[str, str]:
    """Sheet name -> code name (the VBA module's name) of ``sheets`` that have one."""
    out = {}
    for sheet in sheets:
        if sheet.part not in parts:
            continue
        with parts.zf.open(sheet.part) as stream:
            found = _CODE_NAME.search(stream.read(_HEAD))
        if found:
            out[sheet.name] = found.group(1).decode()
    return out


def _sheet_properties(xml: bytes, code_name: str | None, selected: bool) -> bytes:
    """Give a new sheet a code name (its predecessor's VBA module) and the user's selection."""
    if code_name is not None:
        attr = b' codeName="' + code_name.encode() + b'"'
        if re.search(rb"<sheetPr\b", xml[:_HEAD]):
            xml = re.sub(rb"<sheetPr\b", b"<sheetPr" + attr, xml, count=1)
        else:
            xml = re.sub(rb"(<worksheet\b[^>]*>)", rb"\g<1><sheetPr" + attr + b"/>", xml, count=1)
    if selected:
        xml = re.sub(rb"<sheetView\b", b'<sheetView tabSelected="1"', xml, count=1)
    return xml


def _active_sheet(workbook_xml: bytes, sheets: Sequence[SheetEntry]) -> str | None:
    found = re.search(rb'<workbookView\b[^>]*?\bactiveTab="(\d+)"', workbook_xml)
    index = int(found.group(1)) if found else 0
    return sheets[index].name if index < len(sheets) else None


def _new_names(parts: ZipParts, marks: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(sheet name, defined name, value) of the scratch's sheet-local names and of the marks."""
    sheets = [s.name for s in sheets_of(parts)]
    out = [
        (sheets[n.local], n.name, n.text)
        for n in defined_names(parts)
        if n.local is not None and n.local < len(sheets) and n.name != MARK
    ]
    out += [(sheet, MARK, mark_formula(key, sheet)) for sheet, key in marks.items()]
    return out


def _edit_workbook(
    xml: bytes,
    rels: list[Relationship],
    wb_part: str,
    old: list[SheetEntry],
    dropped: list[SheetEntry],
    added: list[tuple[str, str]],
    drop_parts: set[str],
    places: Mapping[str, Collection[str]],
    local_names: Sequence[tuple[str, str, str]],
    selected: str | None,
) -> tuple[bytes, list[Relationship]]:
    root = parse_part(xml, wb_part)
    sheets_el = root.find(_M + "sheets")
    assert sheets_el is not None
    dropped_rids = {s.rid for s in dropped}
    position = {s.name.casefold(): i for i, s in enumerate(old)}
    next_id = max([s.sheet_id for s in old] + [0]) + 1
    used_rids = {r.rid for r in rels}
    rels = [
        r
        for r in rels
        if r.rid not in dropped_rids and resolve(wb_part, r.target) not in drop_parts
    ]

    # Place each new tab where the old tab of that name was, else at the end.
    slots: list[tuple[float, etree._Element]] = []
    for i, el in enumerate(list(sheets_el)):
        if el.get(_RID) in dropped_rids:
            sheets_el.remove(el)
        else:
            slots.append((i, el))
    for n, (name, part) in enumerate(added):
        rid = f"rIdCb{n + 1}"
        while rid in used_rids:
            rid += "x"
        used_rids.add(rid)
        rels.append(Relationship(rid, REL_WORKSHEET, relative(wb_part, part), False))
        el = etree.Element(_M + "sheet", name=name, sheetId=str(next_id))
        el.set(_RID, rid)
        next_id += 1
        candidates = [name, *places.get(name, ())]
        found = [position[c.casefold()] for c in candidates if c.casefold() in position]
        slots.append((min(found) if found else len(old) + n, el))
    slots.sort(key=lambda slot: slot[0])
    for _, el in slots:
        sheets_el.append(el)  # lxml moves an element that is already a child

    # Sheet-local defined names refer to a sheet by position; positions moved.
    old_index = {s.rid: i for i, s in enumerate(old)}
    new_index = {
        old_index[el.get(_RID, "")]: j
        for j, (_, el) in enumerate(slots)
        if el.get(_RID) in old_index
    }
    position_of = {el.get("name", ""): j for j, (_, el) in enumerate(slots)}
    names_el = root.find(_M + "definedNames")
    if names_el is not None:
        for name_el in list(names_el):
            local = name_el.get("localSheetId")
            if local is None:
                continue
            if local.isdigit() and int(local) in new_index:
                name_el.set("localSheetId", str(new_index[int(local)]))
            else:
                names_el.remove(name_el)
    if local_names:
        if names_el is None:
            names_el = etree.Element(_M + "definedNames")
            tags = ("externalReferences", "functionGroups", "sheets")
            anchors = [root.find(_M + t) for t in tags]
            next(a for a in anchors if a is not None).addnext(names_el)
        for sheet_name, name, text in local_names:
            el = etree.SubElement(
                names_el, _M + "definedName", name=name, localSheetId=str(position_of[sheet_name])
            )
            if name == MARK:
                el.set("hidden", "1")
            el.text = text
    if names_el is not None and len(names_el) == 0:
        root.remove(names_el)
    for view in root.iter(_M + "workbookView"):
        for attr in ("activeTab", "firstSheet"):
            value = view.get(attr)
            if value is None or not value.isdigit():
                continue
            if attr == "activeTab" and selected is not None:
                view.set(attr, str(position_of[selected]))
            else:
                view.set(attr, str(new_index.get(int(value), 0)))
    out = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out, rels


def _edit_content_types(root: etree._Element, drop: set[str], add: dict[str, str]) -> bytes:
    for el in list(root.iter(f"{{{NS_CT}}}Override")):
        if el.get("PartName", "").lstrip("/") in drop:
            root.remove(el)
    defaults = {
        el.get("Extension", "").lower(): el.get("ContentType")
        for el in root.iter(f"{{{NS_CT}}}Default")
    }
    for part, ctype in add.items():
        ext = _extension(part)
        if defaults.get(ext) == ctype:
            continue
        if ext not in defaults and ext != "xml":
            # Defaults come before Overrides in the schema.
            first = next(root.iter(f"{{{NS_CT}}}Override"), None)
            el = etree.Element(f"{{{NS_CT}}}Default", Extension=ext, ContentType=ctype)
            if first is not None:
                first.addprevious(el)
            else:
                root.append(el)
            defaults[ext] = ctype
            continue
        etree.SubElement(root, f"{{{NS_CT}}}Override", PartName="/" + part, ContentType=ctype)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_atomically(
    source: zipfile.ZipFile,
    edited: dict[str, bytes],
    drop: set[str],
    added: dict[str, Future[Deflated]],
    out: Path,
) -> None:
    with (
        write_beside(Path(out), like=Path(str(source.filename))) as fh,
        zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in source.infolist():
            if info.filename in drop:
                continue
            if info.filename in edited:
                zout.writestr(member_like(info), edited[info.filename], zipfile.ZIP_DEFLATED)
                continue
            copy_stored(source, info, zout)
        for name, packed in added.items():
            add_deflated(zout, name, packed.result())
