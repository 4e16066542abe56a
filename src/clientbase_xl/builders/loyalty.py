"""The money and loyalty tabs: LTV, Profitability, Turnover, Churn, NPS, RFM, Activity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.activity import activity_by_type, regularity
from clientbase_xl.analytics.bcg import QUADRANTS, bcg_by_manager, bcg_summary
from clientbase_xl.analytics.churn import churn_by_month, churned_clients, repeat_funnel
from clientbase_xl.analytics.ltv import ltv_by, ltv_over_time
from clientbase_xl.analytics.nps import nps_group, nps_table
from clientbase_xl.analytics.profit import big_but_unprofitable, margin_pct, profit_by
from clientbase_xl.analytics.rfm import (
    rfm_summary,
)
from clientbase_xl.analytics.turnover import dso, dso_by_manager, inventory_turnover
from clientbase_xl.analytics.wallet import totals_by
from clientbase_xl.builders.context import Context
from clientbase_xl.builders.registry import builds
from clientbase_xl.i18n import Text
from clientbase_xl.report import loyalty_tabs as specs
from clientbase_xl.report.spec import ResultTab

NO_CLASS = Text("(no class)", "(нет класса)")
NO_GROUP = Text("(no group)", "(без группы)")
GROUP_TEXT = {
    "promoter": Text("promoter", "промоутер"),
    "passive": Text("passive", "нейтрал"),
    "detractor": Text("detractor", "критик"),
}
MISSING = Text(
    "No {sheet} sheet: add one to see {what}.",
    "Нет листа «{sheet}»: добавьте его, чтобы увидеть {what}.",
)
PRESENT = Text("{rows} rows read.", "Прочитано строк: {rows}.")
RECEIVABLES = Text("days sales outstanding", "оборачиваемость дебиторской задолженности")
INVENTORY = Text("inventory turnover", "оборачиваемость запасов")


def _fill(ctx: Context, values: pd.Series, text: Text) -> pd.Series:
    return values.astype(object).where(values.notna(), ctx.text(text))


LTV_NEEDS_COST = Text(
    "LTV is not available: it needs the margin, so add the Cost column to Sales.",
    "LTV недоступен: он считается по марже — добавьте в продажи столбец «Себестоимость».",
)


@builds(specs.LTV)
def ltv_tab(ctx: Context) -> ResultTab:
    """LTV per client, ABC class, manager and group, and over time."""
    table = ctx.with_names(ctx.ltv)
    table["abc"] = _fill(ctx, table["abc"], NO_CLASS)
    table["group"] = _fill(ctx, table["group"], NO_GROUP)
    months = sorted(ctx.timeline["month"].unique())
    return ResultTab(
        specs.LTV,
        {
            "by_abc": ltv_by(table, "abc"),
            "by_manager": ltv_by(table, "manager"),
            "by_group": ltv_by(table, "group"),
            "over_time": ltv_over_time(ctx.facts, months),
            "clients": table.sort_values("ltv", ascending=False, kind="stable"),
        },
        ctx.note + ("" if table["ltv"].notna().any() else " " + ctx.text(LTV_NEEDS_COST)),
    )


@builds(specs.PROFITABILITY)
def profitability_tab(ctx: Context) -> ResultTab:
    """Margin and margin % per client, group, manager and class."""
    seg = ctx.segments.assign(margin_pct=lambda f: margin_pct(f["margin"], f["revenue"]))
    seg["group"] = _fill(ctx, seg["group"], NO_GROUP)
    return ResultTab(
        specs.PROFITABILITY,
        {
            "by_manager": profit_by(seg, "manager"),
            "by_group": profit_by(seg, "group"),
            "by_abc": profit_by(seg, "abc").sort_values("abc", kind="stable"),
            "unprofitable": big_but_unprofitable(seg, ctx.letters[0]),
            "clients": seg.sort_values("margin", ascending=False, kind="stable"),
        },
        ctx.note,
    )


@builds(specs.TURNOVER)
def turnover_tab(ctx: Context) -> ResultTab:
    """Days sales outstanding and inventory turnover, or which sheet is missing."""
    payments, stock = ctx.inputs.payments, ctx.inputs.stock
    status = []
    dso_clients = pd.DataFrame(
        columns=[
            "client",
            "name",
            "manager",
            "invoices",
            "amount",
            "open_amount",
            "overdue_amount",
            "dso_days",
        ]
    )
    dso_managers = pd.DataFrame(
        columns=["manager", "clients", "amount", "open_amount", "overdue_amount", "dso_days"]
    )
    inventory = pd.DataFrame(columns=["product", "avg_stock", "sold", "turnover", "days_of_stock"])
    for key, frame, what in (("Payments", payments, RECEIVABLES), ("Stock", stock, INVENTORY)):
        label = {"Payments": Text("Payments", "Оплаты"), "Stock": Text("Stock", "Остатки")}[key]
        status.append(
            {
                "sheet": ctx.text(label),
                "status": ctx.text(MISSING, sheet=ctx.text(label), what=what)
                if frame is None
                else ctx.text(PRESENT, rows=len(frame)),
            }
        )
    if payments is not None:
        per = ctx.with_names(dso(payments, ctx.inputs.as_of))
        dso_clients = per.sort_values("dso_days", ascending=False, kind="stable")
        dso_managers = dso_by_manager(per)
    if stock is not None:
        inventory = inventory_turnover(stock, ctx.inputs.sales, ctx.window_start, ctx.inputs.as_of)
    return ResultTab(
        specs.TURNOVER,
        {
            "status": pd.DataFrame(status),
            "dso_managers": dso_managers,
            "dso_clients": dso_clients,
            "inventory": inventory,
        },
        ctx.note,
    )


@builds(specs.CHURN)
def churn_tab(ctx: Context) -> ResultTab:
    """Churn by month, the repeat funnel and the churned clients."""
    months = sorted(ctx.timeline["month"].unique())
    days = ctx.settings.churn_days
    return ResultTab(
        specs.CHURN,
        {
            "by_month": churn_by_month(ctx.orders, months, days, ctx.inputs.as_of),
            "funnel": repeat_funnel(ctx.orders),
            "churned": ctx.with_names(churned_clients(ctx.orders, ctx.inputs.as_of, days)),
        },
        ctx.note,
    )


NPS_NEEDS_SURVEY = Text(
    "NPS is not available: no Survey answers up to the analysis date. Add a Survey sheet "
    "(Date, Client, Score 0-10).",
    "NPS недоступен: нет ответов опроса до даты анализа. Добавьте лист «Опрос» "
    "(Дата, Клиент, Оценка 0-10).",
)


@builds(specs.NPS)
def nps_tab(ctx: Context) -> ResultTab:
    """NPS overall, by month, manager and class, with the comments by group."""
    survey = ctx.inputs.survey
    if survey is None:
        survey = pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "client": pd.Series(dtype=object),
                "score": pd.Series(dtype=float),
                "comment": pd.Series(dtype=object),
            }
        )
    survey = survey[survey["date"] <= ctx.inputs.as_of]
    abc = ctx.segments.set_index("client")["abc"]
    answers = ctx.with_names(survey[["date", "client", "score", "comment"]])
    answers["abc"] = _fill(ctx, answers["client"].map(abc), NO_CLASS)
    answers["month"] = answers["date"].dt.to_period("M")
    target = ctx.settings.nps_target

    def table(by: str | None) -> pd.DataFrame:
        return nps_table(answers, by).assign(target=target)

    overall = table(None)
    comments = answers[answers["comment"].notna()].assign(
        group=lambda f: nps_group(f["score"]).map(lambda g: ctx.text(GROUP_TEXT[g]))
    )
    comments = comments.sort_values(["group", "date"], kind="stable")
    return ResultTab(
        specs.NPS,
        {
            "overall": overall,
            "by_month": table("month"),
            "by_manager": table("manager"),
            "by_abc": table("abc"),
            "comments": comments,
        },
        ctx.note + ("" if len(answers) else " " + ctx.text(NPS_NEEDS_SURVEY)),
    )


@builds(specs.RFM)
def rfm_tab(ctx: Context) -> ResultTab:
    """RFM scores and segments of the clients who ordered in the window."""
    table = ctx.with_names(ctx.rfm)
    summary = rfm_summary(table).sort_values("revenue", ascending=False, kind="stable")
    return ResultTab(specs.RFM, {"summary": summary, "clients": table}, ctx.note)


@builds(specs.ACTIVITY)
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
    return ResultTab(specs.ACTIVITY, {"regularity": reg, "by_type": by_type}, ctx.note)


QUADRANT_TEXT = dict(
    zip(
        QUADRANTS,
        (
            Text("Stars", "Звёзды"),
            Text("Cash cows", "Дойные коровы"),
            Text("Question marks", "Трудные дети"),
            Text("Dogs", "Собаки"),
        ),
        strict=True,
    )
)


@builds(specs.POTENTIAL)
def potential_tab(ctx: Context) -> ResultTab:
    """Share of wallet, up-sell and cross-sell potential and the monthly plan per client."""
    cells = ctx.potential.cells
    clients = ctx.with_names(ctx.potential.clients)
    clients = clients.sort_values("potential", ascending=False, kind="stable")

    by_category = cells.rename(columns={"total": "wallet"}).assign(
        potential=lambda f: f["upsell"] + f["crosssell"]
    )
    return ResultTab(
        specs.POTENTIAL,
        {
            "managers": totals_by(clients, "manager", ("current", "plan")),
            "categories": totals_by(
                by_category.assign(
                    known_ours=by_category["ours"].where(by_category["wallet"].notna())
                ),
                "category",
            ),
            "clients": clients,
            "cells": cells,
        },
        ctx.note,
    )


@builds(specs.BCG)
def bcg_tab(ctx: Context) -> ResultTab:
    """Clients by share of revenue and growth, their quadrant, per manager."""
    table = ctx.with_names(ctx.bcg)
    names = {k: ctx.text(v) for k, v in QUADRANT_TEXT.items()}
    by_manager = bcg_by_manager(table)
    summary = bcg_summary(table)
    summary["quadrant"] = summary["quadrant"].map(names)
    table["quadrant"] = table["quadrant"].map(names)
    table["growth"] = table["growth"].replace([np.inf], np.nan)
    return ResultTab(
        specs.BCG,
        {
            "summary": summary,
            "managers": by_manager,
            "clients": table.sort_values("revenue", ascending=False),
        },
        ctx.note,
    )
