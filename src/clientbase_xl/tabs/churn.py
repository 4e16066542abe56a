"""The Churn tab: churn rate by month, the churned clients and the repeat funnel."""

from __future__ import annotations

from clientbase_xl.analytics.churn import churn_by_month, churned_clients, repeat_funnel
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    CLIENT,
    CLIENTS,
    MANAGER,
    NAME,
    REVENUE,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

CHURN = TabSpec(
    "churn",
    T("Churn", "Отток"),
    T(
        "Clients lost month by month, and how many new clients buy a 2nd, 3rd and 4th time.",
        "Отток клиентов по месяцам и сколько новых клиентов покупают 2-й, 3-й и 4-й раз.",
    ),
    (
        Block(
            "by_month",
            T("Churn by month", "Отток по месяцам"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                Col("active_at_start", T("Active at start", "Активных на начало"), "int", 12),
                Col("churned", T("Churned", "Ушли"), "int", 9),
                Col("churn_rate", T("Churn rate", "Доля оттока"), "pct", 10),
            ),
            (ColourScale("churn_rate", reverse=True),),
        ),
        Block(
            "funnel",
            T(
                "Repeat purchases by first-order month",
                "Повторные покупки по месяцу первого заказа",
            ),
            (
                Col("cohort", T("First order in", "Первый заказ в"), "month", 12),
                CLIENTS,
                Col("second", T("2nd order", "2-й заказ"), "int", 9),
                Col("third", T("3rd order", "3-й заказ"), "int", 9),
                Col("fourth_plus", T("4th+ order", "4-й и далее"), "int", 9),
                Col("second_share", T("2nd, share", "2-й, доля"), "pct", 9),
                Col("third_share", T("3rd, share", "3-й, доля"), "pct", 9),
                Col("fourth_plus_share", T("4th+, share", "4+, доля"), "pct", 9),
            ),
            (DataBar("second_share"),),
        ),
        Block(
            "churned",
            T("Churned clients", "Ушедшие клиенты"),
            (
                CLIENT,
                NAME,
                MANAGER,
                Col("last_order", T("Last order", "Последний заказ"), "date", 12),
                Col("days_since", T("Days since", "Дней назад"), "int", 10),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                REVENUE,
            ),
            (DataBar("revenue"),),
        ),
    ),
    charts=(
        Chart(
            "by_month",
            "line",
            T("Churn rate by month", "Доля оттока по месяцам"),
            "month",
            ("churn_rate",),
        ),
    ),
)


@builds(CHURN, udfs=("CB_CHURN", "CB_REPEAT"), doc="Churn and the repeat funnel")
def churn_tab(ctx: Context) -> ResultTab:
    """Churn by month, the repeat funnel and the churned clients."""
    months = sorted(ctx.timeline["month"].unique())
    days = ctx.settings.churn_days
    return ResultTab(
        CHURN,
        {
            "by_month": churn_by_month(ctx.orders, months, days, ctx.inputs.as_of),
            "funnel": repeat_funnel(ctx.orders),
            "churned": ctx.with_names(churned_clients(ctx.orders, ctx.inputs.as_of, days)),
        },
        ctx.note,
    )
