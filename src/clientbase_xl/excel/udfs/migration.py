"""Worksheet function of migration: CB_MIGRATION (the Migration tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.migration import moves, transitions
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, arg, guarded
from clientbase_xl.i18n import Text
from clientbase_xl.report.spec import Col
from clientbase_xl.tabs import MIGRATION
from clientbase_xl.tabs.context import TOTAL
from clientbase_xl.tabs.migration import NEW_ROW

_COLS = MIGRATION.block("abc_counts").columns


@xw.func(category=CATEGORY)
@arg("clients_before", help="Clients of the earlier month.")
@arg("classes_before", help="Their classes (A, B, C...).")
@arg("clients_after", help="Clients of the later month.")
@arg("classes_after", help="Their classes.")
@arg("lang", Lang)
@guarded
def CB_MIGRATION(  # noqa: N802
    clients_before: Any,
    classes_before: Any,
    clients_after: Any,
    classes_after: Any,
    lang: Any = "en",
) -> Any:
    """From -> to matrix of client counts between two months, with new and lost."""
    before = columns({"client": ("id", clients_before), "abc": ("id", classes_before)})
    after = columns({"client": ("id", clients_after), "abc": ("id", classes_after)})
    letters = tuple(sorted(set(before["abc"]) | set(after["abc"])))
    for frame in (before, after):
        frame["revenue"] = 0.0
        frame["manager"] = None
    table = transitions(
        moves(before, after, "abc"),
        letters,
        "clients",
        TOTAL.format(lang),
        NEW_ROW.format(lang),
    )
    cols = [_COLS[0], *(Col(x, Text(x, x), "int") for x in letters), *_COLS[-2:]]
    return rows(table, cols, lang)
