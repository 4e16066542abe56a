"""Worksheet function of probabilistic CLV: CB_CLV (the CLV tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.clv import MIN_REPEAT_CLIENTS, clv_summary, clv_table
from clientbase_xl.excel.cells import ArgumentError, rows
from clientbase_xl.excel.udfs.args import (
    CATEGORY,
    Count,
    Day,
    Lang,
    Percent,
    arg,
    guarded,
    last_day,
    sales_lines,
)
from clientbase_xl.tabs import CLV

_COLS = CLV.block("clients").without("name", "manager")


@xw.func(category=CATEGORY)
@arg("client", help="Client of each order (Sales[Client]).")
@arg("dates", shared="order_date")
@arg("amount", help="Amount of each order; returns (negative) are left out.")
@arg("as_of", Day)
@arg("months", Count, help="Horizon in months, default 12.")
@arg("discount", Percent, help="Discount rate, % a month, default 1.")
@arg("lang", Lang)
@guarded
def CB_CLV(  # noqa: N802
    client: Any,
    dates: Any,
    amount: Any,
    as_of: Any = None,
    months: Any = 12,
    discount: Any = 0.01,
    lang: Any = "en",
) -> Any:
    """Probabilistic CLV (MBG/NBD + Gamma-Gamma): P(alive), expected orders, order value, CLV."""
    frame = sales_lines(client, dates, amount)
    frame = frame[frame["amount"] > 0]
    result = clv_table(clv_summary(frame, last_day(as_of, frame["date"])), months, discount)
    if result is None:
        raise ArgumentError(f"Fewer than {MIN_REPEAT_CLIENTS} clients ordered on two days or more.")
    return rows(result.table, _COLS, lang)
