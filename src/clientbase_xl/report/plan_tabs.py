"""Spec of the Plan vs actual tab: individual plans set at each month's close, and what came."""

from __future__ import annotations

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import Block, Chart, Col, ColourScale, TabSpec

_MONTH = Col("month", T("Month", "Месяц"), "month", 10)
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
            "by_month", T("Company by month", "Компания по месяцам"), (_MONTH, *_FIGURES), _TRAFFIC
        ),
        Block(
            "by_manager",
            T("Managers by month", "Менеджеры по месяцам"),
            (Col("manager", T("Manager", "Менеджер"), width=18), _MONTH, *_FIGURES),
            _TRAFFIC,
        ),
        Block(
            "clients",
            T("Clients, latest month", "Клиенты, последний месяц"),
            (
                _MONTH,
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
