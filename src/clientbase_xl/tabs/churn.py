"""The Churn tab: churn rate by month, the churned clients and the repeat funnel."""

from __future__ import annotations

from clientbase_xl.analytics.churn import (
    churn_by_month,
    churned_clients,
    one_order_clients,
    repeat_funnel,
)
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
    ABC,
    BAD_STAGES,
    CLIENT,
    CLIENTS,
    LAST_ORDER,
    MANAGER,
    NAME,
    REVENUE,
    STAGE,
    STAGE_TEXT,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_FUNNEL = (
    CLIENTS,
    Col("second", T("2nd order", "2-й заказ"), "int", 9),
    Col("third", T("3rd order", "3-й заказ"), "int", 9),
    Col("fourth_plus", T("4th+ order", "4-й и далее"), "int", 9),
    Col("second_share", T("2nd, share", "2-й, доля"), "pct", 9),
    Col("third_share", T("3rd, share", "3-й, доля"), "pct", 9),
    Col("fourth_plus_share", T("4th+, share", "4+, доля"), "pct", 9),
)

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
            (Col("cohort", T("First order in", "Первый заказ в"), "month", 12), *_FUNNEL),
            (DataBar("second_share"),),
        ),
        Block(
            "churned",
            T("Churned clients", "Ушедшие клиенты"),
            (
                CLIENT,
                NAME,
                MANAGER,
                LAST_ORDER,
                Col("days_since", T("Days since", "Дней назад"), "int", 10),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                REVENUE,
            ),
            (DataBar("revenue"),),
        ),
        Block(
            "funnel_managers",
            T("Repeat purchases by manager", "Повторные покупки по менеджерам"),
            (MANAGER, *_FUNNEL),
            (DataBar("second_share"),),
        ),
        Block(
            "one_order",
            T("Clients stuck at one order", "Клиенты с одним заказом"),
            (
                CLIENT,
                NAME,
                MANAGER,
                Col("first_order", T("The order", "Заказ"), "date", 12),
                Col("days_since", T("Days since", "Дней назад"), "int", 10),
                REVENUE,
                STAGE,
                ABC,
            ),
            (DataBar("revenue"), *BAD_STAGES),
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
    """Churn by month, the repeat funnel by first-order month and by manager, the lost clients.

    The lost are the churned and those stuck at one order, with their rhythm stage.
    """
    months = sorted(ctx.timeline["month"].unique())
    days, as_of = ctx.settings.churn_days, ctx.inputs.as_of
    orders = ctx.orders.assign(manager=ctx.shown_managers(ctx.orders["manager"]))
    stage = ctx.texts(ctx.rhythm.set_index("client")["stage"], STAGE_TEXT)
    one_order = ctx.with_names(one_order_clients(orders, as_of)).merge(
        ctx.segments[["client", "abc"]], on="client", how="left"
    )
    return ResultTab(
        CHURN,
        {
            "by_month": churn_by_month(orders, months, days, as_of),
            "funnel": repeat_funnel(orders),
            "churned": ctx.with_names(churned_clients(orders, as_of, days)),
            "funnel_managers": repeat_funnel(orders, "manager"),
            "one_order": one_order.assign(stage=one_order["client"].map(stage)),
        },
        ctx.note,
    )
