"""Spec of the Dashboard tab: the last refresh, headline figures and five charts."""

from __future__ import annotations

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.raw import column_letter
from clientbase_xl.report.spec import FIRST_BLOCK_ROW, Block, Chart, Col, TabSpec

_MONTH = Col("month", T("Month", "Месяц"), "month", 10)

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
                Col("clients", T("Clients", "Клиенты"), "int", 12),
                Col("revenue", T("Revenue", "Выручка"), "money", 16),
                Col("share_a", T("Share of A in revenue", "Доля A в выручке"), "pct", 14),
                Col("nps", T("NPS", "NPS"), "ratio", 10),
                Col("churn", T("Churn, last month", "Отток, последний месяц"), "pct", 14),
                Col("ltv", T("Average LTV", "Средний LTV"), "money", 14),
                Col("plan", T("Plan fulfilment, last month", "Выполнение плана"), "pct", 14),
            ),
        ),
        Block(
            "classes",
            T("Revenue by ABC class", "Выручка по классам ABC"),
            (
                _MONTH,
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
                _MONTH,
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
            (_MONTH, Col("nps", T("NPS", "NPS"), "ratio", 10)),
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
