"""Render chosen sheets of a workbook to PNG with LibreOffice, to look at what users see.

Usage: python tools/render.py BOOK OUTDIR SHEET [SHEET ...]

The other sheets are hidden in a temporary copy (LibreOffice exports visible sheets only), the copy
is converted to PDF by ``soffice --headless`` and the pages to PNG by ``pdftoppm``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lxml import etree

from clientbase_xl.workbook.libreoffice import convert

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def only_sheets(book: Path, keep: list[str], out: Path) -> None:
    """Copy ``book`` to ``out`` with every sheet not in ``keep`` hidden."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                root = etree.fromstring(data)
                names = [el.get("name") for el in root.iter(NS + "sheet")]
                for el in root.iter(NS + "sheet"):
                    if el.get("name") not in keep:
                        el.set("state", "hidden")
                # LibreOffice prints a hidden sheet's print area: drop those of hidden sheets.
                for name in list(root.iter(NS + "definedName")):
                    sheet_id = name.get("localSheetId")
                    hidden = sheet_id is not None and names[int(sheet_id)] not in keep
                    if hidden and name.get("name") == "_xlnm.Print_Area":
                        name.getparent().remove(name)
                # LibreOffice shows the active sheet even when hidden: activate a kept one.
                first = next(i for i, n in enumerate(names) if n in keep)
                for view in root.iter(NS + "workbookView"):
                    view.set("activeTab", str(first))
                    view.set("firstSheet", str(first))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)


def _render_one(book: Path, sheet: str, tmp: Path, outdir: Path, pages: int) -> list[Path]:
    """Render one sheet of ``book`` to PNG pages in ``outdir``."""
    copy = tmp / f"{sheet}{book.suffix}"
    only_sheets(book, [sheet], copy)
    convert(copy, tmp, "pdf")
    prefix = outdir / sheet.replace(" ", "_")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-l",
            str(pages),
            str(copy.with_suffix(".pdf")),
            str(prefix),
        ],
        check=True,
    )
    return sorted(outdir.glob(f"{prefix.name}*.png"))


def render(book: Path, outdir: Path, sheets: list[str], pages: int = 2) -> list[Path]:
    """Render ``sheets`` of ``book`` to PNG pages in ``outdir``; return the PNG paths in order.

    One LibreOffice per sheet (each with its own profile), as many at once as there are cores.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        done = [pool.submit(_render_one, book, s, Path(tmp), outdir, pages) for s in sheets]
        return [png for future in done for png in future.result()]


if __name__ == "__main__":
    for path in render(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]):
        print(path)
