"""The Dashboard tab: the headline figures of the other tabs, with charts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.pareto import pareto_curve
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.raw import column_letter
from clientbase_xl.report.spec import FIRST_BLOCK_ROW, Block, Chart, Col, Link, ResultTab, TabSpec
from clientbase_xl.tabs.churn import churn_tab
from clientbase_xl.tabs.columns import (
    MONTH,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.ltv import ltv_tab
from clientbase_xl.tabs.migration import migration_tab
from clientbase_xl.tabs.nps import nps_tab
from clientbase_xl.tabs.plan import plan_tab
from clientbase_xl.tabs.registry import builds

#: The status block comes first, so its cells have fixed addresses the Start sheet reads.
STATUS = Block(
    "status",
    T("Last refresh", "Последнее обновление"),
    (
        Col("refreshed", T("Refreshed at", "Обновлено"), "text", 18),
        Col("as_of", T("Analysis date", "Дата анализа"), "date", 14),
        Col("status", T("Status", "Статус"), "text", 40),
    ),
)


DASHBOARD = TabSpec(
    "dashboard",
    T("Dashboard", "Сводка"),
    T(
        "The client base at a glance: headline figures of the analysis window and the trends "
        "behind them. Every figure links to its own tab.",
        "Клиентская база одним взглядом: главные показатели окна анализа и их динамика. "
        "Подробности — на листах каждого метода.",
    ),
    (
        STATUS,
        Block(
            "kpi",
            T("Headline figures", "Главные показатели"),
            (
                Col(
                    "clients", T("Clients", "Клиенты"), "int", 12, link=Link("segments", "clients")
                ),
                Col("revenue", T("Revenue", "Выручка"), "money", 16, link=Link("matrix", "cells")),
                Col(
                    "share_a",
                    T("Share of A in revenue", "Доля A в выручке"),
                    "pct",
                    14,
                    link=Link("pareto", "summary"),
                ),
                Col("nps", T("NPS", "NPS"), "ratio", 10, link=Link("nps", "overall")),
                Col(
                    "churn",
                    T("Churn, last month", "Отток, последний месяц"),
                    "pct",
                    14,
                    link=Link("churn", "by_month"),
                ),
                Col(
                    "ltv", T("Average LTV", "Средний LTV"), "money", 14, link=Link("ltv", "by_abc")
                ),
                Col(
                    "plan",
                    T("Plan fulfilment, last month", "Выполнение плана"),
                    "pct",
                    14,
                    link=Link("plan", "by_month"),
                ),
                Col("actions", T("Actions", "Действий"), "int", 10, link=Link("actions", "load")),
                Col(
                    "at_risk",
                    T("Revenue at risk a month", "Выручка под риском в месяц"),
                    "money",
                    16,
                    link=Link("actions", "stages"),
                ),
            ),
        ),
        Block(
            "classes",
            T("Revenue by ABC class", "Выручка по классам ABC"),
            (
                MONTH,
                Col("A", T("A", "A"), "money", 12),
                Col("B", T("B", "B"), "money", 12),
                Col("C", T("C", "C"), "money", 12),
                Col("D", T("D", "D"), "money", 12, optional=True),
            ),
        ),
        Block(
            "balance",
            T("Migration balance", "Баланс миграции"),
            (
                MONTH,
                Col("up", T("Up", "Вверх"), "int", 9),
                Col("down", T("Down", "Вниз"), "int", 9),
                Col("net", T("Net", "Итог"), "int", 9),
            ),
        ),
        Block(
            "pareto",
            T("Pareto curve", "Кривая Парето"),
            (
                Col("client_share", T("Share of clients", "Доля клиентов"), "pct", 12),
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 12),
            ),
        ),
        Block(
            "bcg",
            T(
                "BCG: the 50 largest clients (growth shown up to 300 %)",
                "BCG: 50 крупнейших клиентов (рост показан до 300 %)",
            ),
            (
                Col("share", T("Share of revenue", "Доля выручки"), "pct", 12),
                Col("growth", T("Growth", "Рост"), "pct", 10),
                Col("client", T("Client", "Клиент"), width=14),
            ),
        ),
        Block(
            "nps_trend",
            T("NPS by month", "NPS по месяцам"),
            (MONTH, Col("nps", T("NPS", "NPS"), "ratio", 10)),
        ),
    ),
    charts=(
        Chart(
            "classes",
            "stacked",
            T("Revenue share by ABC class", "Доли выручки по классам ABC"),
            "month",
            ("A", "B", "C", "D"),
        ),
        Chart(
            "balance",
            "column",
            T("Migration balance", "Баланс миграции"),
            "month",
            ("up", "down", "net"),
        ),
        Chart(
            "pareto", "line", T("Pareto curve", "Кривая Парето"), "client_share", ("revenue_share",)
        ),
        Chart(
            "bcg",
            "scatter",
            T("BCG: share against growth", "BCG: доля и рост"),
            "share",
            ("growth",),
        ),
        Chart("nps_trend", "line", T("NPS by month", "NPS по месяцам"), "month", ("nps",)),
    ),
)


def status_cell(column: str) -> str:
    """The A1 address of a status value: under the status block's title and header rows."""
    index = [c.key for c in STATUS.columns].index(column)
    return f"{column_letter(index)}{FIRST_BLOCK_ROW + 3}"


STATUS_OK = T("OK", "Успешно")


STATUS_WARNINGS = T(
    "OK, {n} warning(s): see the Errors tab", "Успешно, предупреждений: {n} — см. лист «Ошибки»"
)


#: Points of the Pareto curve (every 5 % of clients) and clients on the BCG scatter.
PARETO_POINTS, BCG_CLIENTS = 20, 50


#: Growth above +300 % is drawn at 300 %, so one client that grew 200-fold leaves the rest
#: of the scatter readable (the BCG tab keeps the true figure).
BCG_GROWTH_CAP = 3.0


def _last(frame: pd.DataFrame, column: str) -> float:
    """The last value of ``column`` (NaN for an empty frame)."""
    return float(frame[column].iloc[-1]) if len(frame) else np.nan


def _classes(ctx: Context) -> pd.DataFrame:
    """Revenue per ABC class by month over the timeline: month, then one column per class."""
    tl = ctx.timeline
    table = tl.pivot_table(index="month", columns="abc", values="revenue", aggfunc="sum")
    table = table.reindex(columns=list(ctx.letters)).fillna(0.0)
    return table.reset_index().rename_axis(columns=None)


@builds(
    DASHBOARD,
    udfs=("CB_SEGMENTS", "CB_PARETO", "CB_CHURN", "CB_NPS", "CB_LTV_TABLE"),
    doc="Dashboard",
)
def dashboard_tab(ctx: Context) -> ResultTab:
    """Status, headline figures and five trend tables (each charted) of the analysis."""
    seg = ctx.segments
    active = seg[seg["revenue"] > 0]
    revenue = float(active["revenue"].sum())
    top = active.loc[active["abc"] == ctx.letters[0], "revenue"].sum()
    nps = ctx.tab(nps_tab).frames
    kpi = {
        "clients": len(active),
        "revenue": revenue,
        "share_a": top / revenue if revenue else np.nan,
        "nps": _last(nps["overall"], "nps"),
        "churn": _last(ctx.tab(churn_tab).frames["by_month"], "churn_rate"),
        "ltv": float(ctx.tab(ltv_tab).frames["clients"]["ltv"].mean()),
        "plan": _last(ctx.tab(plan_tab).frames["by_month"], "fulfilment"),
        "actions": len(ctx.actions.every),
        # Late, sleeping and churned clients' revenue a month, as the Actions tab's stages sum it.
        "at_risk": float(ctx.at_risk.sum()),
    }
    status = ctx.text(STATUS_WARNINGS, n=ctx.warnings) if ctx.warnings else ctx.text(STATUS_OK)
    bcg = ctx.bcg[np.isfinite(ctx.bcg["growth"])].nlargest(BCG_CLIENTS, "revenue")
    frames = {
        "status": pd.DataFrame(
            [
                {
                    "refreshed": ctx.refreshed,
                    "as_of": ctx.inputs.as_of,
                    "status": status,
                }
            ]
        ),
        "kpi": pd.DataFrame([kpi]),
        "classes": _classes(ctx),
        "balance": ctx.tab(migration_tab).frames["balance"][["month", "up", "down", "net"]],
        "pareto": pareto_curve(active["revenue"], PARETO_POINTS)[["client_share", "revenue_share"]],
        "bcg": bcg[["share", "growth", "client"]].assign(
            growth=bcg["growth"].clip(upper=BCG_GROWTH_CAP)
        ),
        "nps_trend": nps["by_month"][["month", "nps"]],
    }
    return ResultTab(DASHBOARD, frames, ctx.note)
