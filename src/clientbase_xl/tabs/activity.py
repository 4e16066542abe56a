"""The Activity tab: contacts per client and type, and shipment regularity."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.activity import activity_by_type, regularity
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Col,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    MANAGER,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

ACTIVITY = TabSpec(
    "activity",
    T("Activity", "Активность отгрузок"),
    T(
        "Shipment regularity and manager activity per period; working days are Monday to Friday.",
        "Регулярность отгрузок и активность менеджеров по периодам; рабочие дни — пн-пт.",
    ),
    (
        Block(
            "regularity",
            T("Orders and activity", "Заказы и активность"),
            (
                MANAGER,
                Col("period", T("Period", "Период"), width=12),
                Col("working_days", T("Working days", "Рабочих дней"), "int", 9),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                Col(
                    "orders_per_working_day",
                    T("Orders a working day", "Заказов в рабочий день"),
                    "ratio",
                    12,
                ),
                Col("orders_per_week", T("Orders a week", "Заказов в неделю"), "ratio", 10),
                Col("buying_clients", T("Buying clients", "Покупали"), "int", 9),
                Col("portfolio", T("Portfolio", "Портфель"), "int", 9),
                Col("buying_share", T("Share of portfolio buying", "Доля покупавших"), "pct", 11),
                Col("activities", T("Activities", "Активности"), "int", 10),
                Col(
                    "activities_per_buying_client",
                    T("Activities per buying client", "Активностей на покупателя"),
                    "ratio",
                    13,
                ),
            ),
            (DataBar("buying_share"),),
        ),
        Block(
            "by_type",
            T("Activities by type", "Активности по типам"),
            (
                MANAGER,
                Col("period", T("Period", "Период"), width=12),
                Col("type", T("Type", "Тип"), width=14),
                Col("count", T("Count", "Количество"), "int", 10),
            ),
        ),
    ),
)


@builds(ACTIVITY, udfs=("CB_ACTIVITY",), doc="Activity and shipment regularity")
def activity_tab(ctx: Context) -> ResultTab:
    """Orders, buying share and activities per manager and period."""
    period = ctx.settings.activity_period
    start = ctx.window_start
    orders = ctx.orders[ctx.orders["date"] >= start]
    acts = ctx.inputs.activities
    if acts is not None:
        acts = acts[(acts["date"] >= start) & (acts["date"] <= ctx.inputs.as_of)]
    portfolio = ctx.attributes.groupby("manager", observed=True).size()
    reg = regularity(orders, acts, portfolio, period)
    by_type = (
        activity_by_type(acts, period)
        if acts is not None
        else pd.DataFrame(columns=["manager", "period", "type", "count"])
    )
    for frame in (reg, by_type):
        frame["period"] = frame["period"].astype(str)
    return ResultTab(ACTIVITY, {"regularity": reg, "by_type": by_type}, ctx.note)
