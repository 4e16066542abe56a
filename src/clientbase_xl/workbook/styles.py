"""Merge the cell styles of a scratch package into a target ``styles.xml``.

Cells point at styles by index (``s="7"``), so styles from another package are appended to the
target's lists and the indices remapped. Entries identical to one the target already has are
reused, so refreshing the same workbook every month does not grow its styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from clientbase_xl.workbook.opc import NS_MAIN, parse_part

_Q = f"{{{NS_MAIN}}}"
#: Custom number formats start at this id; lower ids are Excel's built-ins.
FIRST_CUSTOM_NUMFMT = 164


@dataclass
class StyleMap:
    """Index maps from scratch to target: cell formats (``s``) and differential formats (dxf)."""

    xf: dict[int, int] = field(default_factory=dict)
    dxf: dict[int, int] = field(default_factory=dict)


def _canon(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n", exclusive=True)


def _container(tag: str) -> etree._Element:
    """A detached list element whose children serialise like the target's (default namespace)."""
    return etree.Element(_Q + tag, nsmap={None: NS_MAIN})  # type: ignore[dict-item]


def _list(root: etree._Element, tag: str, before: tuple[str, ...]) -> etree._Element:
    """The target's ``tag`` list element, created in schema order when missing."""
    found = root.find(_Q + tag)
    if found is not None:
        return found
    el = etree.Element(_Q + tag, count="0")
    for name in before:
        anchor = root.find(_Q + name)
        if anchor is not None:
            anchor.addprevious(el)
            return el
    root.append(el)
    return el


_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)


def _after(tag: str) -> tuple[str, ...]:
    return _ORDER[_ORDER.index(tag) + 1 :]


def _merge_list(target: etree._Element, source: etree._Element | None, tag: str) -> list[int]:
    """Append each child of ``source`` not already in ``target``; return new index per child."""
    if source is None:
        return []
    dest = _list(target, tag, _after(tag))
    existing: dict[bytes, int] = {}
    for i, el in enumerate(dest):
        existing.setdefault(_canon(el), i)  # the first of duplicates, as on every later run
    mapping = []
    for el in source:
        key = _canon(el)
        if key not in existing:
            dest.append(etree.fromstring(key))
            existing[key] = len(dest) - 1
        mapping.append(existing[key])
    dest.set("count", str(len(dest)))
    return mapping


def merge_styles(target_xml: bytes, scratch_xml: bytes) -> tuple[bytes, StyleMap]:
    """Return the target ``styles.xml`` with the scratch styles added, and the index maps."""
    target = parse_part(target_xml, "xl/styles.xml")
    scratch = etree.fromstring(scratch_xml)

    # Number formats are matched by code: the scratch ids are renumbered past the target's.
    num_ids: dict[int, int] = {}
    source_fmts = scratch.find(_Q + "numFmts")
    if source_fmts is not None:
        dest = _list(target, "numFmts", _after("numFmts"))
        by_code = {el.get("formatCode", ""): int(el.get("numFmtId", "0")) for el in dest}
        next_id = max([FIRST_CUSTOM_NUMFMT - 1, *by_code.values()]) + 1
        for el in source_fmts:
            code = el.get("formatCode", "")
            if code not in by_code:
                etree.SubElement(dest, _Q + "numFmt", numFmtId=str(next_id), formatCode=code)
                by_code[code] = next_id
                next_id += 1
            num_ids[int(el.get("numFmtId", "0"))] = by_code[code]
        dest.set("count", str(len(dest)))

    fonts = _merge_list(target, scratch.find(_Q + "fonts"), "fonts")
    fills = _merge_list(target, scratch.find(_Q + "fills"), "fills")
    borders = _merge_list(target, scratch.find(_Q + "borders"), "borders")

    xfs = scratch.find(_Q + "cellXfs")
    rewritten = _container("cellXfs")
    for xf in xfs if xfs is not None else []:
        copy = etree.fromstring(_canon(xf))
        numfmt = int(copy.get("numFmtId", "0"))
        copy.set("numFmtId", str(num_ids.get(numfmt, numfmt)))
        for attr, mapping in (("fontId", fonts), ("fillId", fills), ("borderId", borders)):
            if copy.get(attr) is not None:
                copy.set(attr, str(mapping[int(copy.get(attr, "0"))]))
        # Every scratch format derives from the Normal style, the target's first style record.
        copy.set("xfId", "0")
        rewritten.append(copy)
    style_map = StyleMap()
    style_map.xf = dict(enumerate(_merge_list(target, rewritten, "cellXfs")))

    dxfs = scratch.find(_Q + "dxfs")
    if dxfs is not None:
        rewritten_dxfs = _container("dxfs")
        for dxf in dxfs:
            copy = etree.fromstring(_canon(dxf))
            fmt = copy.find(_Q + "numFmt")
            if fmt is not None:
                old = int(fmt.get("numFmtId", "0"))
                fmt.set("numFmtId", str(num_ids.get(old, old)))
            rewritten_dxfs.append(copy)
        style_map.dxf = dict(enumerate(_merge_list(target, rewritten_dxfs, "dxfs")))
    out = etree.tostring(target, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out, style_map
