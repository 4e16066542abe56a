"""The Portfolio tab: class shares per manager, this month and month by month, and manager load."""

from __future__ import annotations

from clientbase_xl.analytics.portfolio import portfolio_latest, portfolio_trend
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
    TextIs,
)
from clientbase_xl.tabs.columns import (
    MANAGER,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.migration import compared_months
from clientbase_xl.tabs.registry import builds

_CLASS_COLS = (
    Col("A", T("A", "A"), "int", 9),
    Col("B", T("B", "B"), "int", 9),
    Col("C", T("C", "C"), "int", 9),
    Col("D", T("D", "D"), "int", 9, optional=True),
)


_SHARES = (
    Col("a_share", T("A share", "Доля A"), "pct", 9),
    Col("b_share", T("B share", "Доля B"), "pct", 9),
    Col("c_share", T("C share", "Доля C"), "pct", 9),
    Col("d_share", T("D share", "Доля D"), "pct", 9, optional=True),
    Col("x_share", T("X share", "Доля X"), "pct", 9),
    Col("y_share", T("Y share", "Доля Y"), "pct", 9),
    Col("z_share", T("Z share", "Доля Z"), "pct", 9),
)


PORTFOLIO = TabSpec(
    "portfolio",
    T("Portfolio", "Портфель"),
    T(
        "Quality of each manager's client portfolio: class shares, their trend, and load.",
        "Качество портфеля каждого менеджера: доли классов, их динамика и нагрузка.",
    ),
    (
        Block(
            "latest",
            T("Managers this month", "Менеджеры в этом месяце"),
            (
                MANAGER,
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("load", T("Load", "Нагрузка"), width=16),
                *_CLASS_COLS,
                *_SHARES,
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("a_revenue_share", T("Revenue share of A", "Доля выручки A"), "pct", 11),
                Col(
                    "a_share_change_1m",
                    T("A share vs last month", "Доля A к прошлому месяцу"),
                    "pp",
                    12,
                ),
                Col(
                    "a_share_change_12m",
                    T("A share vs 12 months ago", "Доля A к году назад"),
                    "pp",
                    13,
                ),
                Col(
                    "a_share_falling",
                    T("A share falls 3 months", "Доля A падает 3 мес."),
                    "bool",
                    12,
                ),
            ),
            (
                DataBar("a_share", "#5B9BD5"),
                ColourScale("a_share_change_1m"),
                TextIs("a_share_falling", "yes", "bad"),
                TextIs("a_share_falling", "да", "bad"),
            ),
        ),
        Block(
            "trend",
            T("Month by month", "По месяцам"),
            (
                MANAGER,
                Col("month", T("Month", "Месяц"), "month", 10),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                *_SHARES,
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("a_revenue_share", T("Revenue share of A", "Доля выручки A"), "pct", 11),
            ),
        ),
    ),
    charts=(
        Chart(
            "trend",
            "stacked",
            T("Class shares: ", "Доли классов: "),
            "month",
            ("a_share", "b_share", "c_share", "d_share"),
            per="manager",
        ),
    ),
)


LOAD_TEXT = {
    "low": T("fewer than {lo:g}", "меньше {lo:g}"),
    "high": T("more than {hi:g}", "больше {hi:g}"),
}


PORTFOLIO_NOTE = T(
    "{month}. Load band {lo:g}-{hi:g} clients per manager. Changes are in percentage points.",
    "{month}. Норма нагрузки {lo:g}-{hi:g} клиентов на менеджера. Изменения — в п. п.",
)


@builds(PORTFOLIO, udfs=("CB_PORTFOLIO",), doc="Portfolio quality and manager load")
def portfolio_tab(ctx: Context) -> ResultTab:
    """Class shares per manager: this month with its changes and flags, and month by month."""
    trend = portfolio_trend(ctx.timeline, ctx.letters)
    _, month = compared_months(ctx)
    lo, hi = ctx.settings.manager_load
    latest = portfolio_latest(trend, month, (int(lo), int(hi)))
    latest["load"] = latest["load"].map(
        lambda v: ctx.text(LOAD_TEXT[v], lo=lo, hi=hi) if v in LOAD_TEXT else ""
    )
    latest = latest.sort_values("a_share", ascending=False, kind="stable")
    note = ctx.text(PORTFOLIO_NOTE, month=month.strftime("%Y-%m"), lo=lo, hi=hi)
    return ResultTab(PORTFOLIO, {"latest": latest, "trend": trend}, note)
