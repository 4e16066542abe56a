"""The History tab, written by Close month: the frozen monthly snapshots."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Col,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    CLIENT_ID,
    MANAGER,
)

HISTORY = TabSpec(
    "history",
    # Not "History": Excel keeps that name for its change tracking and refuses to give it to a
    # sheet (Sheet.Name, as the Excel button sets it); a file may hold one, but not from there.
    T("Closed months", "История"),
    T(
        "One snapshot per closed month, written by Close month; the refresh reads it back.",
        "Снимок каждого закрытого месяца, пишется кнопкой «Закрыть месяц»; обновление его читает.",
    ),
    (
        Block(
            "snapshots",
            T("Snapshots", "Снимки"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                CLIENT_ID,
                MANAGER,
                Col("abc", T("ABC", "ABC"), width=6),
                Col("xyz", T("XYZ", "XYZ"), width=6),
                Col("cell", T("Cell", "Ячейка"), width=7),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("margin", T("Margin", "Маржа"), "money", 13),
                Col("orders", T("Orders", "Заказы"), "int", 9),
                Col("active_months", T("Months with orders", "Месяцев с заказами"), "int", 11),
                Col("plan", T("Plan for next month", "План на следующий месяц"), "money", 13),
            ),
            extras=True,  # columns a user added to History are kept by Close month
        ),
        Block(
            "wallet",
            T("Share of wallet", "Пенетрация"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                CLIENT_ID,
                Col("category", T("Category", "Категория"), width=16),
                Col("ours", T("Our sales", "Наши продажи"), "money", 13),
                Col("total", T("Wallet", "Закупки всего"), "money", 13),
                Col("penetration", T("Share of wallet", "Пенетрация"), "pct", 11),
            ),
        ),
    ),
    table_style="Table Style Light 9",
    former=("History",),
)


def history_tab(history: pd.DataFrame, wallet: pd.DataFrame) -> ResultTab:
    """The History tab: every snapshot, by month and client, and the share of wallet then."""
    return ResultTab(HISTORY, {"snapshots": history, "wallet": wallet})
