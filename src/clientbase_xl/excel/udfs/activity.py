"""Worksheet function of shipment regularity: CB_ACTIVITY (the Activity tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.activity import regularity
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, Period, arg, guarded
from clientbase_xl.tabs import ACTIVITY

_COLS = ACTIVITY.block("regularity").without("activities", "activities_per_buying_client")


@xw.func(category=CATEGORY)
@arg("client", shared="order_client")
@arg("dates", shared="order_date")
@arg("managers", help="Manager of each order's client.")
@arg("period", Period, help="day, week or month, default month.")
@arg("lang", Lang)
@guarded
def CB_ACTIVITY(  # noqa: N802
    client: Any, dates: Any, managers: Any, period: Any = "month", lang: Any = "en"
) -> Any:
    """Per manager and period: orders, orders a working day and a week, share of clients buying."""
    # The portfolio a buying share is taken of: the clients each manager has in the ranges.
    orders = columns(
        {"client": ("id", client), "date": ("date", dates), "manager": ("id", managers)}
    ).dropna()
    portfolio = orders.groupby("manager")["client"].nunique()
    table = regularity(orders, None, portfolio, period)
    table["period"] = table["period"].astype(str)
    return rows(table, _COLS, lang)
