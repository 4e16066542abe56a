"""The Plan tab: each client's individual plan against its actual sales."""

from __future__ import annotations

from clientbase_xl.analytics.plan import fulfilment_by
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import Block, Chart, Col, ColourScale, ResultTab, TabSpec
from clientbase_xl.tabs.columns import (
    MONTH,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_FIGURES = (
    Col("clients", T("Clients with a plan", "Клиентов с планом"), "int", 10),
    Col("plan", T("Plan", "План"), "money", 14),
    Col("actual", T("Actual", "Факт"), "money", 14),
    Col("fulfilment", T("Fulfilment", "Выполнение"), "pct", 11),
    Col("met", T("Share of clients on plan", "Доля выполнивших"), "pct", 11),
)


_TRAFFIC = (ColourScale("fulfilment"), ColourScale("met"))


PLAN = TabSpec(
    "plan",
    T("Plan vs actual", "План-факт"),
    T(
        "Each client's monthly plan, set when the month before was closed (current sales plus "
        "the plan uplift, capped by the wallet potential), against the sales that came.",
        "Индивидуальный план клиента на месяц, заданный при закрытии предыдущего месяца "
        "(текущие продажи плюс прирост, но не больше потенциала), против фактических продаж.",
    ),
    (
        Block(
            "by_month", T("Company by month", "Компания по месяцам"), (MONTH, *_FIGURES), _TRAFFIC
        ),
        Block(
            "by_manager",
            T("Managers by month", "Менеджеры по месяцам"),
            (Col("manager", T("Manager", "Менеджер"), width=18), MONTH, *_FIGURES),
            _TRAFFIC,
        ),
        Block(
            "clients",
            T("Clients, latest month", "Клиенты, последний месяц"),
            (
                MONTH,
                Col("client", T("Client", "Клиент"), width=14),
                Col("name", T("Name", "Наименование"), width=26),
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("plan", T("Plan", "План"), "money", 14),
                Col("actual", T("Actual", "Факт"), "money", 14),
                Col("fulfilment", T("Fulfilment", "Выполнение"), "pct", 11),
            ),
            (ColourScale("fulfilment"),),
        ),
    ),
    charts=(
        Chart(
            "by_month",
            "column",
            T("Plan and actual by month", "План и факт по месяцам"),
            "month",
            ("plan", "actual"),
        ),
    ),
)


TO_DATE = T("{month} is compared to date ({as_of}).", "{month} сравнивается на дату {as_of}.")


@builds(PLAN, udfs=("CB_PLAN",), doc="Plan vs actual (seeds 000, 001)")
def plan_tab(ctx: Context) -> ResultTab:
    """Plan against actual by month, by manager and month, and per client in the last month."""
    table = ctx.plan_vs_actual
    last = table[table["month"] == table["month"].max()] if len(table) else table
    clients = ctx.with_names(last.drop(columns="manager")).assign(
        manager=last["manager"].to_numpy()
    )
    as_of = ctx.inputs.as_of
    partial = as_of.normalize() != ctx.month.end_time.normalize()
    note = ctx.note + (
        " " + ctx.text(TO_DATE, month=ctx.month.strftime("%Y-%m"), as_of=as_of.strftime("%Y-%m-%d"))
        if partial
        else ""
    )
    return ResultTab(
        PLAN,
        {
            "by_month": fulfilment_by(table, ["month"]),
            "by_manager": fulfilment_by(table, ["manager", "month"]),
            "clients": clients.sort_values("plan", ascending=False, kind="stable"),
        },
        note,
    )
