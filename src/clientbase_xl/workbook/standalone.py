"""A workbook of result tabs alone, complete and marked: what the Excel button copies from.

The refresh from Excel renders its tabs here with the file renderer, so the button writes the
tabs the command line writes (:mod:`clientbase_xl.excel.copy_writer` copies the sheets into the
open book). The tabs are grafted into a one-sheet cover, as a manager's file is, so the file
passes the same package checks.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from clientbase_xl.i18n import Lang
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.workbook.cover import write_cover
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.render import render_tabs
from clientbase_xl.workbook.safety import scratch_prefix

#: The cover's sheet: never a tab's title, never copied.
COVER_SHEET = "clientbase scratch"


def write_tab_book(
    tabs: Sequence[ResultTab],
    lang: Lang,
    path: Path,
    currency: str,
    titles: Mapping[str, str],
    table_names: Mapping[str, str],
    date1904: bool = False,
) -> None:
    """Write ``tabs`` as a workbook at ``path``: a cover sheet, then one sheet per tab.

    ``titles`` names each tab's sheet by key, ``table_names`` renames tables whose spec name
    the destination book has taken (see :func:`clientbase_xl.report.owned.unique_names`). Each
    sheet carries its tab's mark. ``date1904``: the destination book's date system, which the
    whole scratch book takes (a sheet copied between books keeps its serials).
    """
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("tabs")) as tmp:
        cover, scratch = Path(tmp) / "cover.xlsx", Path(tmp) / "tabs.xlsx"
        write_cover(cover, COVER_SHEET, "ClientBase", (), date1904)
        bulk = render_tabs(tabs, lang, scratch, currency, titles, table_names, date1904)
        marks = {titles[t.spec.key]: t.spec.key for t in tabs}
        graft(cover, scratch, path, (), None, bulk, marks)
