"""Worksheet functions of LTV = S × C × P × t: CB_LTV and CB_LTV_TABLE (the LTV tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.abc_xyz import monthly_facts
from clientbase_xl.analytics.ltv import ltv_table
from clientbase_xl.excel.cells import rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, Number, Share, arg, guarded, sales_lines
from clientbase_xl.tabs import LTV

_COLS = LTV.block("clients").without("name", "manager", "abc")


@xw.func(category=CATEGORY)
@arg("s", Number, help="S: average order value.")
@arg("c", Number, help="C: orders a month.")
@arg("p", Share, help="P: margin share (0.25 or 25 %).")
@arg("t", Number, help="t: lifetime in months.")
@guarded
def CB_LTV(s: Any, c: Any, p: Any, t: Any) -> Any:  # noqa: N802
    """LTV = S × C × P × t."""
    return s * c * p * t


@xw.func(category=CATEGORY)
@arg("client", shared="line_client")
@arg("dates", shared="line_date")
@arg("amount", shared="line_amount")
@arg("cost", shared="line_cost")
@arg("lang", Lang)
@guarded
def CB_LTV_TABLE(client: Any, dates: Any, amount: Any, cost: Any, lang: Any = "en") -> Any:  # noqa: N802
    """Per client LTV with its factors S, C, P and t."""
    sales = sales_lines(client, dates, amount, cost)
    return rows(ltv_table(monthly_facts(sales, sales["date"].max())), _COLS, lang)
