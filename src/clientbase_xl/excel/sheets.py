"""Which sheets of an open book are the tool's: their marks, read and set through xlwings.

Both writers of the Excel edge (:mod:`~clientbase_xl.excel.copy_writer` for desktop Excel,
:mod:`~clientbase_xl.excel.cell_writer` for xlwings Lite) and the reader ask here, so a sheet is
the tool's by one rule: the mark of :mod:`clientbase_xl.report.owned`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlwings as xw

from clientbase_xl.i18n import Lang
from clientbase_xl.report.owned import (
    MARK,
    Plan,
    SheetFacts,
    mark_formula,
    marked,
    parse_mark,
    plan_write,
    unique_names,
)
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.tabs import OWN_TABS


def mark_of(sheet: xw.Sheet) -> tuple[str, str] | None:
    """The mark on ``sheet`` (Excel names a sheet-local name ``'Sheet'!_cb_tab``), or None."""
    for name in sheet.names:
        if name.name.rsplit("!", 1)[-1] == MARK:
            return parse_mark(str(name.refers_to))
    return None


def set_mark(sheet: xw.Sheet, key: str, title: str) -> None:
    """Mark ``sheet`` as the tool's tab ``key`` named ``title``, replacing an older mark."""
    for name in list(sheet.names):
        if name.name.rsplit("!", 1)[-1] == MARK:
            name.delete()
    sheet.names.add(MARK, "=" + mark_formula(key, title))


def sheet_facts(book: xw.Book) -> list[SheetFacts]:
    """Each sheet's name, mark and tables, as :mod:`~clientbase_xl.report.owned` reads them."""
    return [
        SheetFacts(sheet.name, mark_of(sheet), tuple(t.name for t in sheet.tables))
        for sheet in book.sheets
    ]


@dataclass(frozen=True)
class WritePlan:
    """What writing result tabs into an open book takes, worked out before anything is written.

    ``plan`` is :func:`~clientbase_xl.report.owned.plan_write`'s; ``renames`` the kept tables the
    tool wrote (on tabs the user renamed) with the names they give up theirs for;
    ``new_tables`` the new tables' names that meet a user's table or name, renamed; ``ours``
    every sheet that carries the tool's mark.
    """

    plan: Plan
    renames: list[tuple[Any, str]]
    new_tables: dict[str, str]
    ours: frozenset[str]


def plan_tabs(book: xw.Book, tabs: Sequence[ResultTab], lang: Lang, replace: set[str]) -> WritePlan:
    """Plan writing ``tabs`` into ``book``, dropping the tool's tabs of the keys in ``replace``."""
    facts = sheet_facts(book)
    plan = plan_write(facts, OWN_TABS, [t.spec.key for t in tabs], replace, lang)
    marked_names = marked(facts)
    # Each kept table and whether the tool wrote it; every COM call of it made once.
    kept_tables = {
        t.name: (t, s.name in marked_names)
        for s in book.sheets
        if s.name not in plan.drop
        for t in s.tables
    }
    renames, new_tables = unique_names(
        [t.spec.table_name(b) for t in tabs for b in t.spec.blocks],
        {name: ours for name, (_, ours) in kept_tables.items()},
        [n.name for n in book.names],
    )
    return WritePlan(
        plan,
        [(kept_tables[old][0], new) for old, new in renames.items()],
        new_tables,
        frozenset(marked_names),
    )
