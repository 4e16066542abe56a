"""Just enough of Open Packaging Conventions to move parts between two .xlsx/.xlsm packages.

A package is a zip of parts; parts point at each other through ``_rels/*.rels`` relationship
parts whose targets are relative to the source part's folder. This module resolves those targets,
finds every part reachable from a given one, and reads and writes relationship parts.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_OFFICE_DOCUMENT = NS_REL + "/officeDocument"
REL_CALC_CHAIN = NS_REL + "/calcChain"


class DamagedPart(ValueError):
    """A part of the package cannot be read: truncated, not well-formed, or hostile."""

    def __init__(self, part: str, reason: object) -> None:
        super().__init__(f"{part}: {reason}")
        self.part = part
        self.reason = str(reason)


#: Package XML is parsed with no DTD, no entity expansion and no network: a part declaring a
#: DOCTYPE (entity bombs, external entities) is refused, never expanded.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)


def refuse_doctype(head: bytes, part: str) -> None:
    """:class:`DamagedPart` when a part's first bytes declare a DOCTYPE (no workbook part has)."""
    if b"<!DOCTYPE" in head[:4096].upper():
        raise DamagedPart(part, "declares a DOCTYPE, which no workbook part has")


def parse_part(data: bytes, part: str) -> etree._Element:
    """Parse a part's XML; :class:`DamagedPart` when it is not well-formed or has a DOCTYPE."""
    refuse_doctype(data, part)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DamagedPart(part, f"not well-formed XML ({exc})") from exc


def rels_name(part: str) -> str:
    """Name of the relationship part of ``part`` (``xl/workbook.xml`` -> ``xl/_rels/...rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(source: str, target: str) -> str:
    """Absolute part name of ``target`` as written in the rels of ``source``."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative(source: str, part: str) -> str:
    """``part`` as a target relative to the folder of ``source``."""
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


@dataclass
class Relationship:
    """One relationship: id, type, target as written, and whether the target is outside."""

    rid: str
    type: str
    target: str
    external: bool


def parse_rels(data: bytes, part: str = ".rels") -> list[Relationship]:
    """Relationships of a ``.rels`` part."""
    root = parse_part(data, part)
    return [
        Relationship(
            el.get("Id", ""),
            el.get("Type", ""),
            el.get("Target", ""),
            el.get("TargetMode") == "External",
        )
        for el in root.iter(f"{{{NS_PKG_REL}}}Relationship")
    ]


def write_rels(rels: Iterable[Relationship]) -> bytes:
    """Serialise relationships as a ``.rels`` part."""
    root = etree.Element(f"{{{NS_PKG_REL}}}Relationships", nsmap={None: NS_PKG_REL})  # type: ignore[dict-item]  # lxml's default ns
    for rel in rels:
        el = etree.SubElement(
            root, f"{{{NS_PKG_REL}}}Relationship", Id=rel.rid, Type=rel.type, Target=rel.target
        )
        if rel.external:
            el.set("TargetMode", "External")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class ZipParts:
    """Read access to the parts of a package on disk, without loading unrequested parts."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = [i.filename for i in zf.infolist()]
        self._set = set(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self._set

    def read(self, name: str) -> bytes:
        """The bytes of part ``name``; :class:`DamagedPart` when they cannot be unpacked."""
        try:
            return self.zf.read(name)
        except KeyError as exc:
            raise DamagedPart(name, "the part is missing") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise DamagedPart(name, exc) from exc

    def xml(self, name: str) -> etree._Element:
        """Part ``name`` parsed (see :func:`parse_part`)."""
        return parse_part(self.read(name), name)

    def rels(self, part: str) -> list[Relationship]:
        """Relationships of ``part`` (empty when it has none)."""
        name = rels_name(part)
        return parse_rels(self.read(name), name) if name in self else []

    def reachable(self, start: str) -> set[str]:
        """``start`` and every part reachable from it through internal relationships, with rels."""
        seen: set[str] = set()
        todo = [start]
        while todo:
            part = todo.pop()
            if part in seen or part not in self:
                continue
            seen.add(part)
            if rels_name(part) in self:
                seen.add(rels_name(part))
            todo.extend(resolve(part, r.target) for r in self.rels(part) if not r.external)
        return seen

    def content_types(self) -> etree._Element:
        """The parsed ``[Content_Types].xml``."""
        return self.xml("[Content_Types].xml")

    def workbook_part(self) -> str:
        """Name of the workbook part, from the package's root relationships."""
        for rel in parse_rels(self.read("_rels/.rels"), "_rels/.rels"):
            if rel.type == REL_OFFICE_DOCUMENT:
                return resolve("", rel.target)
        raise KeyError("officeDocument")


@dataclass(frozen=True)
class SheetEntry:
    """A sheet of a workbook: its name, sheetId, relationship id and part name."""

    name: str
    sheet_id: int
    rid: str
    part: str


def sheets_of(parts: ZipParts) -> list[SheetEntry]:
    """The sheets of the package in tab order."""
    wb_part = parts.workbook_part()
    root = parts.xml(wb_part)
    targets = {r.rid: resolve(wb_part, r.target) for r in parts.rels(wb_part)}
    sheets = root.find(f"{{{NS_MAIN}}}sheets")
    return [
        SheetEntry(
            el.get("name", ""),
            int(el.get("sheetId", "0")),
            el.get(f"{{{NS_REL}}}id", ""),
            targets.get(el.get(f"{{{NS_REL}}}id", ""), ""),
        )
        for el in (sheets if sheets is not None else [])
    ]


@dataclass(frozen=True)
class DefinedName:
    """A defined name of the workbook: name, the sheet position it is local to, and its value."""

    name: str
    local: int | None
    text: str


def defined_names(parts: ZipParts) -> list[DefinedName]:
    """Every defined name of the workbook part, in document order."""
    root = parts.xml(parts.workbook_part())
    out = []
    for el in root.iter(f"{{{NS_MAIN}}}definedName"):
        local = el.get("localSheetId")
        out.append(
            DefinedName(
                el.get("name", ""),
                int(local) if local is not None and local.isdigit() else None,
                el.text or "",
            )
        )
    return out
