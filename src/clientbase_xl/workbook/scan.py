"""What the readers do not give of a sheet, read from its part's XML in one pass.

Formula cells saved without their result (:mod:`~clientbase_xl.workbook.formulas`) and merged
cells (:mod:`~clientbase_xl.workbook.merges`), for each sheet part of at most
:data:`~clientbase_xl.workbook.formulas.SCAN_BYTES` unpacked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from clientbase_xl.inputs.raw import Rect
from clientbase_xl.workbook.bands import Uncuttable, inflated
from clientbase_xl.workbook.formulas import SCAN_BYTES, uncalculated
from clientbase_xl.workbook.merges import merged_cells


@dataclass(frozen=True)
class Scanned:
    """One sheet's findings: formulas without a result by (row, column), merged blocks."""

    formulas: dict[tuple[int, int], str]
    merged: tuple[Rect, ...]


def scan_sheets(
    path: Path, parts: Mapping[str, tuple[str, int]], sheets: set[str]
) -> dict[str, Scanned]:
    """:class:`Scanned` of each of ``sheets`` (names) whose part is at most ``SCAN_BYTES``.

    ``parts``: sheet name -> (part name, unpacked size), as
    :attr:`~clientbase_xl.workbook.layout.Layout.parts` gives them. Sheets with nothing to say
    are left out.
    """
    found: dict[str, Scanned] = {}
    with zipfile.ZipFile(path) as zf:
        infos = {info.filename: info for info in zf.infolist()}
    for name in sorted(sheets):
        part, size = parts.get(name, ("", SCAN_BYTES + 1))
        if size > SCAN_BYTES or part not in infos:
            continue
        try:
            # ISA-L's inflate, as the bands use: four times zlib's (the readers unpacked the
            # same part a moment ago, so a damaged one would have been said already).
            xml = b"".join(inflated(path, infos[part]))
        except Uncuttable:
            continue
        scanned = Scanned(uncalculated(xml), merged_cells(xml))
        if scanned.formulas or scanned.merged:
            found[name] = scanned
    return found
