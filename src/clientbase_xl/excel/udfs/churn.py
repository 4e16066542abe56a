"""Worksheet functions of churn and repeat purchases: CB_CHURN and CB_REPEAT (the Churn tab)."""

from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.churn import churn_by_month, repeat_funnel
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Count, Day, Lang, arg, guarded, last_day
from clientbase_xl.tabs import CHURN


def _orders(client: Any, dates: Any) -> pd.DataFrame:
    return columns({"client": ("id", client), "date": ("date", dates)}).dropna()


@xw.func(category=CATEGORY)
@arg("client", shared="order_client")
@arg("dates", shared="order_date")
@arg("as_of", Day)
@arg("churn_days", Count)
@arg("lang", Lang)
@guarded
def CB_CHURN(  # noqa: N802
    client: Any, dates: Any, as_of: Any = None, churn_days: Any = 180, lang: Any = "en"
) -> Any:
    """Churn rate by month: active at the start, churned, rate."""
    frame = _orders(client, dates)
    day = last_day(as_of, frame["date"])
    months = pd.period_range(end=day.to_period("M"), periods=12, freq="M")
    table = churn_by_month(frame.assign(amount=1.0), months, churn_days, day)
    return rows(table, CHURN.block("by_month").columns, lang)


@xw.func(category=CATEGORY)
@arg("client", shared="order_client")
@arg("dates", shared="order_date")
@arg("lang", Lang)
@guarded
def CB_REPEAT(client: Any, dates: Any, lang: Any = "en") -> Any:  # noqa: N802
    """Repeat funnel: clients by first-order month and the share reaching a 2nd, 3rd, 4th order."""
    return rows(repeat_funnel(_orders(client, dates)), CHURN.block("funnel").columns, lang)
