"""Spec of the CLV tab: BG/NBD and Gamma-Gamma per client, by manager, and the fitted model."""

from __future__ import annotations

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import EVER_ORDERED, Block, Col, ColourScale, DataBar, TabSpec

_FIGURES = (
    Col("p_alive", T("P(alive)", "P(активен)"), "pct", 10),
    Col("expected_orders", T("Expected orders", "Ожидаемые заказы"), "ratio", 11),
    Col("expected_spend", T("Expected order value", "Ожидаемый чек"), "money", 13),
    Col("clv", T("CLV", "CLV"), "money", 14),
)

CLV = TabSpec(
    "clv",
    T("CLV", "CLV"),
    T(
        "Probabilistic customer value: (M)BG/NBD says how many orders each client will place in "
        "the horizon and how likely it is still buying, Gamma-Gamma what an order will be "
        "worth; CLV is their discounted product.",
        "Вероятностная ценность клиента: (M)BG/NBD — сколько заказов клиент сделает за горизонт и "
        "насколько вероятно, что он ещё покупает; Gamma-Gamma — сколько будет стоить заказ; "
        "CLV — их дисконтированное произведение.",
    ),
    (
        Block(
            "model",
            T("Fitted model", "Параметры модели"),
            (
                Col("parameter", T("Parameter", "Параметр"), width=14),
                Col("value", T("Value", "Значение"), "ratio", 12),
                Col("meaning", T("Meaning", "Смысл"), width=60),
            ),
        ),
        Block(
            "by_manager",
            T("By manager", "По менеджерам"),
            (
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("p_alive", T("P(alive), average", "P(активен), среднее"), "pct", 11),
                Col("expected_orders", T("Expected orders", "Ожидаемые заказы"), "ratio", 11),
                Col("clv", T("CLV, total", "CLV, всего"), "money", 15),
            ),
            (DataBar("clv"),),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                Col("client", T("Client", "Клиент"), width=14),
                Col("name", T("Name", "Наименование"), width=26),
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("frequency", T("Repeat order days", "Дней с повторными заказами"), "int", 11),
                Col("recency", T("Recency, weeks", "Давность, нед."), "ratio", 10),
                Col("T", T("Age, weeks", "Возраст, нед."), "ratio", 10),
                Col("monetary", T("Average repeat order", "Средний повторный заказ"), "money", 13),
                *_FIGURES,
            ),
            (DataBar("clv"), ColourScale("p_alive")),
        ),
    ),
    counts=("clients", EVER_ORDERED),
)
