"""The Plan tab: each client's individual plan against its actual sales."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.orders import cents
from clientbase_xl.analytics.plan import fulfilment_by
from clientbase_xl.analytics.targets import pace
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import Block, Chart, Col, ColourScale, DataBar, ResultTab, TabSpec
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
_PACE = (
    Col("plan", T("Plan", "План"), "money", 14),
    Col("actual", T("Actual to date", "Факт на дату"), "money", 14),
    Col("left", T("Left", "Осталось"), "money", 14),
    Col("days_left", T("Working days left", "Рабочих дней осталось"), "int", 10),
    Col("a_day", T("Needed a working day", "Нужно в рабочий день"), "money", 13),
)


PLAN = TabSpec(
    "plan",
    T("Plan vs actual", "План-факт"),
    T(
        "Each client's monthly plan, set when the month before was closed (by the plan method, "
        "or as a share of a target on the Targets sheet, or by hand on the Plans sheet), "
        "against the sales that came; this month's pace; next month's plans.",
        "Индивидуальный план клиента на месяц, заданный при закрытии предыдущего месяца (по "
        "методу плана, долей цели с листа «Цели» или вручную на листе «Планы»), против "
        "фактических продаж; темп этого месяца; планы на следующий месяц.",
    ),
    (
        Block(
            "by_month", T("Company by month", "Компания по месяцам"), (MONTH, *_FIGURES), _TRAFFIC
        ),
        Block(
            "pace",
            T(
                "This month to date: what is left a working day",
                "Этот месяц: сколько осталось в день",
            ),
            (
                Col("manager", T("Manager", "Менеджер"), width=18),
                *_PACE,
            ),
            (DataBar("left"),),
        ),
        Block(
            "next",
            T("Next month's plans and how they were set", "Планы на следующий месяц и как заданы"),
            (
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("plan", T("Plan", "План"), "money", 14),
                Col("by_hand", T("Set by hand", "Заданы вручную"), "int", 10),
                Col("split", T("Share of a target", "Доля цели"), "int", 10),
                Col("computed", T("Computed", "Рассчитаны"), "int", 10),
            ),
        ),
        Block(
            "next_by_category",
            T("Next month's plans by category", "Планы на следующий месяц по категориям"),
            (
                Col("category", T("Category", "Категория"), width=18),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("target", T("Target (Targets sheet)", "Цель (лист «Цели»)"), "money", 14),
                Col("plan", T("Plan", "План"), "money", 14),
                Col("current", T("Sales a month now", "Продажи в месяц сейчас"), "money", 14),
                Col("growth", T("Growth asked", "Требуемый рост"), "money", 14),
                Col("share", T("Share of the plan", "Доля плана"), "pct", 10),
            ),
            (DataBar("plan"),),
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
                Col("left", T("Left", "Осталось"), "money", 13),
                Col("a_day", T("Needed a working day", "Нужно в рабочий день"), "money", 13),
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


SHORT = T(
    "Plans set by hand pass the target of {who} in {month} by {amount}: the other clients' plans "
    "there are 0.",
    "Заданные вручную планы превышают цель ({who}, {month}) на {amount}: планы остальных "
    "клиентов там равны 0.",
)
COMPANY = T("the company", "компания")


@builds(PLAN, udfs=("CB_PLAN",), doc="Plan vs actual (seeds 000, 001)")
def plan_tab(ctx: Context) -> ResultTab:
    """Plan against actual by month and manager, this month's pace, next month's plans."""
    table = ctx.plan_vs_actual
    last = table[table["month"] == table["month"].max()] if len(table) else table
    as_of = ctx.inputs.as_of
    this_month = last[last["month"] == ctx.month]
    per_client = pace(
        this_month.set_index("client")["plan"],
        this_month.set_index("client")["actual"],
        as_of,
    )
    clients = ctx.with_names(last.drop(columns="manager")).assign(
        manager=last["manager"].to_numpy()
    )
    clients = clients.merge(
        per_client[["left", "a_day"]].rename_axis("client").reset_index(), on="client", how="left"
    )
    by_manager = this_month.groupby("manager", observed=True)[["plan", "actual"]].sum().apply(cents)
    managers = pace(by_manager["plan"], by_manager["actual"], as_of).rename_axis("manager")
    nxt = ctx.potential.clients.merge(
        ctx.attributes[["client", "manager"]], on="client", how="left"
    )
    nxt["manager"] = ctx.shown_managers(nxt["manager"])
    counted = nxt.assign(
        by_hand=nxt["source"].eq("override"),
        split=nxt["source"].eq("split"),
        computed=nxt["source"].eq("method"),
    )
    next_month = (
        counted.groupby("manager", observed=True)
        .agg(
            clients=("client", "size"),
            plan=("plan", "sum"),
            by_hand=("by_hand", "sum"),
            split=("split", "sum"),
            computed=("computed", "sum"),
        )
        .reset_index()
    )
    next_month["plan"] = cents(next_month["plan"])  # sums of cents, to the cent
    by_category = _by_category(ctx)
    partial = as_of.normalize() != ctx.month.end_time.normalize()
    note = ctx.note + (
        " " + ctx.text(TO_DATE, month=ctx.month.strftime("%Y-%m"), as_of=as_of.strftime("%Y-%m-%d"))
        if partial
        else ""
    )
    for (month, who), amount in ctx.plan_short.items():
        note += " " + ctx.text(
            SHORT,
            who=who or ctx.text(COMPANY),
            month=month.strftime("%Y-%m"),
            amount=f"{amount:,.2f}",
        )
    return ResultTab(
        PLAN,
        {
            "by_month": fulfilment_by(table, ["month"]),
            "by_manager": fulfilment_by(table, ["manager", "month"]),
            "pace": managers.reset_index(),
            "next": next_month,
            "next_by_category": by_category,
            "clients": clients.sort_values("plan", ascending=False, kind="stable"),
        },
        note,
    )


NO_CATEGORY = T("(no category)", "(без категории)")


def _by_category(ctx: Context) -> pd.DataFrame:
    """Next month's plans summed per category (:attr:`Context.category_plans`), largest first.

    Output: ``category``, ``clients`` (with a part of their plan there), ``target`` (the
    category's target for next month, NaN without one; a target no client could take is a
    row of its own with a plan of 0), ``plan``, ``current``, ``growth`` =
    plan − current, ``share`` of the whole plan.
    """
    parts = ctx.category_plans
    category = parts["category"].astype(object).where(parts["category"].notna(), None)
    out = (
        parts.assign(category=category.fillna(ctx.text(NO_CATEGORY)), planned=parts["plan"] > 0)
        .groupby("category", sort=True)
        .agg(clients=("planned", "sum"), plan=("plan", "sum"), current=("current", "sum"))
        .reset_index()
    )
    out[["plan", "current"]] = out[["plan", "current"]].apply(cents)  # sums of cents, exact
    targets = ctx.inputs.targets
    out["target"] = float("nan")
    if targets is not None:
        due = targets[
            targets["category"].notna() & (targets["month"].dt.to_period("M") == ctx.month + 1)
        ]
        aims = due.set_index("category")["target"]
        # A target no client can take (no sales, no wallet in the category) still shows.
        unplaced = aims[~aims.index.isin(out["category"])]
        lost = pd.DataFrame({"category": unplaced.index, "clients": 0, "plan": 0.0, "current": 0.0})
        out = pd.concat([out, lost], ignore_index=True) if len(lost) else out
        out["target"] = out["category"].map(aims)
    out["growth"] = cents(out["plan"] - out["current"])
    total = out["plan"].sum()
    out["share"] = out["plan"] / total if total > 0 else float("nan")
    return out.sort_values(["plan", "category"], ascending=[False, True], kind="stable")
