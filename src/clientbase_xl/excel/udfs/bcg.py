"""Worksheet function of the BCG client matrix: CB_BCG (the BCG tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.abc_xyz import monthly_facts
from clientbase_xl.analytics.bcg import bcg, window_revenue
from clientbase_xl.excel.cells import rows
from clientbase_xl.excel.udfs.args import (
    CATEGORY,
    Count,
    Day,
    Lang,
    arg,
    guarded,
    last_day,
    sales_lines,
)
from clientbase_xl.tabs import BCG
from clientbase_xl.tabs.bcg import QUADRANT_TEXT

_COLS = BCG.block("clients").without("name", "manager")


@xw.func(category=CATEGORY)
@arg("client", shared="line_client")
@arg("dates", shared="line_date")
@arg("amount", shared="line_amount")
@arg("as_of", Day)
@arg("months", Count)
@arg("lang", Lang)
@guarded
def CB_BCG(  # noqa: N802
    client: Any, dates: Any, amount: Any, as_of: Any = None, months: Any = 12, lang: Any = "en"
) -> Any:
    """Per client: revenue now and the window before, share, growth and the BCG quadrant."""
    # A client new in the window has no growth (blank) and counts as growing.
    sales = sales_lines(client, dates, amount)
    day = last_day(as_of, sales["date"])
    now, before = window_revenue(monthly_facts(sales, day), day.to_period("M"), months)
    table = bcg(now, before)
    table["quadrant"] = table["quadrant"].map(lambda q: QUADRANT_TEXT[q].format(lang))
    table["growth"] = table["growth"].where(table["growth"] != float("inf"))  # new: no growth
    return rows(table.sort_values("revenue", ascending=False, kind="stable"), _COLS, lang)
