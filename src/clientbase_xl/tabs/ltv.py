"""The LTV tab: LTV = S × C × P × t per client, class, manager and group, and over time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.ltv import ltv_by, ltv_over_time
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    EVER_ORDERED,
    Block,
    Chart,
    Col,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    ABC,
    CLIENT,
    CLIENTS,
    MANAGER,
    MARGIN,
    NAME,
    REVENUE,
)
from clientbase_xl.tabs.common import NO_CLASS, NO_GROUP, fill
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_LTV_FACTORS = (
    Col("s", T("S: average order", "S: средний чек"), "money", 12),
    Col("c", T("C: orders a month", "C: заказов в месяц"), "ratio", 11),
    Col("p", T("P: margin share", "P: доля маржи"), "pct", 10),
    Col("t", T("t: lifetime, months", "t: срок жизни, мес."), "ratio", 11),
)


_LTV_AGG = (
    CLIENTS,
    *_LTV_FACTORS,
    Col("ltv", T("LTV, average", "LTV, средний"), "money", 13),
    Col("ltv_total", T("LTV, total", "LTV, всего"), "money", 15),
)


LTV = TabSpec(
    "ltv",
    T("LTV", "LTV"),
    T(
        "Lifetime value LTV = S × C × P × t, with its factors beside it to check the arithmetic.",
        "Ценность клиента LTV = S × C × P × t, с множителями рядом — для проверки.",
    ),
    (
        Block("by_abc", T("By ABC class", "По классам ABC"), (ABC, *_LTV_AGG), (DataBar("ltv"),)),
        Block(
            "by_manager", T("By manager", "По менеджерам"), (MANAGER, *_LTV_AGG), (DataBar("ltv"),)
        ),
        Block(
            "by_group",
            T("By client group", "По группам клиентов"),
            (Col("group", T("Group", "Группа"), width=16), *_LTV_AGG),
            (DataBar("ltv"),),
        ),
        Block(
            "over_time",
            T("Over time", "Во времени"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                CLIENTS,
                Col("ltv", T("LTV, average", "LTV, средний"), "money", 13),
                Col("ltv_total", T("LTV, total", "LTV, всего"), "money", 15),
                Col("sector", T("Sector benchmark", "Ориентир отрасли"), "money", 13),
                Col("competitor", T("Competitor benchmark", "Ориентир конкурента"), "money", 13),
                Col("vs_sector", T("Ours / sector", "Наш / отрасль"), "pct", 10),
            ),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                CLIENT,
                NAME,
                MANAGER,
                ABC,
                Col("first_month", T("First order", "Первый заказ"), "month", 10),
                Col("last_month", T("Last order", "Последний заказ"), "month", 10),
                Col("lifetime_months", T("Months active", "Месяцев активен"), "int", 9),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                REVENUE,
                MARGIN,
                *_LTV_FACTORS,
                Col("ltv", T("LTV", "LTV"), "money", 13),
            ),
            (DataBar("ltv"),),
        ),
    ),
    charts=(
        Chart(
            "over_time",
            "line",
            T("Average LTV by month", "Средний LTV по месяцам"),
            "month",
            ("ltv", "sector", "competitor"),
        ),
    ),
    counts=("clients", EVER_ORDERED),
)


LTV_NEEDS_COST = T(
    "LTV is not available: it needs the margin, so add the Cost column to Sales.",
    "LTV недоступен: он считается по марже — добавьте в продажи столбец «Себестоимость».",
)


def _benchmarked(over_time: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """The LTV trend with the Settings' sector and competitor values beside it (blank unset)."""
    s = ctx.settings
    sector = np.nan if s.ltv_sector is None else s.ltv_sector
    competitor = np.nan if s.ltv_competitor is None else s.ltv_competitor
    return over_time.assign(
        sector=sector, competitor=competitor, vs_sector=over_time["ltv"] / sector
    )


@builds(LTV, udfs=("CB_LTV", "CB_LTV_TABLE"), doc="LTV = S × C × P × t (seed 001)")
def ltv_tab(ctx: Context) -> ResultTab:
    """LTV per client, ABC class, manager and group, and over time."""
    table = ctx.with_names(ctx.ltv)
    table["abc"] = fill(ctx, table["abc"], NO_CLASS)
    table["group"] = fill(ctx, table["group"], NO_GROUP)
    months = sorted(ctx.timeline["month"].unique())
    return ResultTab(
        LTV,
        {
            "by_abc": ltv_by(table, "abc"),
            "by_manager": ltv_by(table, "manager"),
            "by_group": ltv_by(table, "group"),
            "over_time": _benchmarked(ltv_over_time(ctx.facts, months), ctx),
            "clients": table.sort_values("ltv", ascending=False, kind="stable"),
        },
        ctx.note + ("" if table["ltv"].notna().any() else " " + ctx.text(LTV_NEEDS_COST)),
    )
