"""Specs of the money and loyalty tabs: LTV, Profitability, Turnover, Churn, NPS, RFM, Activity."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.rfm import OTHERS
from clientbase_xl.i18n import Lang
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    EVER_ORDERED,
    IN_WINDOW,
    NET_IN_WINDOW,
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    TabSpec,
    TextIs,
)

_CLIENT = Col("client", T("Client", "Клиент"), width=14)
_NAME = Col("name", T("Name", "Наименование"), width=26)
_MANAGER = Col("manager", T("Manager", "Менеджер"), width=18)
_ABC = Col("abc", T("ABC", "ABC"), width=6)
_CLIENTS = Col("clients", T("Clients", "Клиенты"), "int", 9)
_REVENUE = Col("revenue", T("Revenue", "Выручка"), "money", 14)
_MARGIN = Col("margin", T("Margin", "Маржа"), "money", 13)
_MARGIN_PCT = Col("margin_pct", T("Margin %", "Маржа, %"), "pct", 10)
_FEW = (TextIs("few_answers", "yes", "neutral"), TextIs("few_answers", "да", "neutral"))

_LTV_FACTORS = (
    Col("s", T("S: average order", "S: средний чек"), "money", 12),
    Col("c", T("C: orders a month", "C: заказов в месяц"), "ratio", 11),
    Col("p", T("P: margin share", "P: доля маржи"), "pct", 10),
    Col("t", T("t: lifetime, months", "t: срок жизни, мес."), "ratio", 11),
)
_LTV_AGG = (
    _CLIENTS,
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
        Block("by_abc", T("By ABC class", "По классам ABC"), (_ABC, *_LTV_AGG), (DataBar("ltv"),)),
        Block(
            "by_manager", T("By manager", "По менеджерам"), (_MANAGER, *_LTV_AGG), (DataBar("ltv"),)
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
                _CLIENTS,
                Col("ltv", T("LTV, average", "LTV, средний"), "money", 13),
                Col("ltv_total", T("LTV, total", "LTV, всего"), "money", 15),
            ),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                _ABC,
                Col("first_month", T("First order", "Первый заказ"), "month", 10),
                Col("last_month", T("Last order", "Последний заказ"), "month", 10),
                Col("lifetime_months", T("Months active", "Месяцев активен"), "int", 9),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                _REVENUE,
                _MARGIN,
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
            ("ltv",),
        ),
    ),
    counts=("clients", EVER_ORDERED),
)

_PROFIT = (_CLIENTS, _REVENUE, _MARGIN, _MARGIN_PCT)
PROFITABILITY = TabSpec(
    "profitability",
    T("Profitability", "Рентабельность"),
    T(
        "Margin and margin % per client, group and manager over the analysis window.",
        "Маржа и рентабельность по клиентам, группам и менеджерам за окно анализа.",
    ),
    (
        Block(
            "by_manager",
            T("By manager", "По менеджерам"),
            (_MANAGER, *_PROFIT),
            (ColourScale("margin_pct"),),
        ),
        Block(
            "by_group",
            T("By client group", "По группам клиентов"),
            (Col("group", T("Group", "Группа"), width=16), *_PROFIT),
            (ColourScale("margin_pct"),),
        ),
        Block("by_abc", T("By ABC class", "По классам ABC"), (_ABC, *_PROFIT)),
        Block(
            "unprofitable",
            T(
                "Big but less profitable: A clients below the average margin %",
                "Крупные, но менее рентабельные: клиенты A ниже средней маржи",
            ),
            (_CLIENT, _NAME, _MANAGER, _REVENUE, _MARGIN, _MARGIN_PCT),
            (ColourScale("margin_pct"),),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                Col("group", T("Group", "Группа"), width=14),
                _ABC,
                _REVENUE,
                _MARGIN,
                _MARGIN_PCT,
            ),
            (DataBar("margin"), ColourScale("margin_pct")),
        ),
    ),
    counts=("clients", IN_WINDOW),
)

_STATUS = Block(
    "status",
    T("Sources", "Источники"),
    (
        Col("sheet", T("Sheet", "Лист"), width=14),
        Col("status", T("Status", "Состояние"), width=70),
    ),
)
TURNOVER = TabSpec(
    "turnover",
    T("Turnover", "Оборачиваемость"),
    T(
        "Days sales outstanding from Payments; inventory turnover from Stock.",
        "Оборачиваемость дебиторской задолженности по «Оплатам»; запасов — по «Остаткам».",
    ),
    (
        _STATUS,
        Block(
            "dso_managers",
            T("Receivables by manager", "Дебиторка по менеджерам"),
            (
                _MANAGER,
                _CLIENTS,
                Col("amount", T("Invoiced", "Выставлено"), "money", 14),
                Col("open_amount", T("Open", "Не оплачено"), "money", 13),
                Col("overdue_amount", T("Overdue", "Просрочено"), "money", 13),
                Col("dso_days", T("DSO, days", "Оборачиваемость, дней"), "ratio", 12),
            ),
            (ColourScale("dso_days", reverse=True),),
        ),
        Block(
            "dso_clients",
            T("Receivables by client", "Дебиторка по клиентам"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                Col("invoices", T("Invoices", "Счета"), "int", 9),
                Col("amount", T("Invoiced", "Выставлено"), "money", 14),
                Col("open_amount", T("Open", "Не оплачено"), "money", 13),
                Col("overdue_amount", T("Overdue", "Просрочено"), "money", 13),
                Col("dso_days", T("DSO, days", "Оборачиваемость, дней"), "ratio", 12),
            ),
            (ColourScale("dso_days", reverse=True),),
        ),
        Block(
            "inventory",
            T("Inventory by product", "Запасы по товарам"),
            (
                Col("product", T("Product", "Товар"), width=14),
                Col("avg_stock", T("Average stock", "Средний запас"), "money", 14),
                Col("sold", T("Sold (at cost)", "Продано (по себестоимости)"), "money", 14),
                Col("turnover", T("Turnover", "Оборачиваемость"), "ratio", 12),
                Col("days_of_stock", T("Days of stock", "Запас, дней"), "ratio", 12),
            ),
            (ColourScale("days_of_stock", reverse=True),),
        ),
    ),
    counts=("dso_clients", IN_WINDOW),
)

CHURN = TabSpec(
    "churn",
    T("Churn", "Отток"),
    T(
        "Clients lost month by month, and how many new clients buy a 2nd, 3rd and 4th time.",
        "Отток клиентов по месяцам и сколько новых клиентов покупают 2-й, 3-й и 4-й раз.",
    ),
    (
        Block(
            "by_month",
            T("Churn by month", "Отток по месяцам"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                Col("active_at_start", T("Active at start", "Активных на начало"), "int", 12),
                Col("churned", T("Churned", "Ушли"), "int", 9),
                Col("churn_rate", T("Churn rate", "Доля оттока"), "pct", 10),
            ),
            (ColourScale("churn_rate", reverse=True),),
        ),
        Block(
            "funnel",
            T(
                "Repeat purchases by first-order month",
                "Повторные покупки по месяцу первого заказа",
            ),
            (
                Col("cohort", T("First order in", "Первый заказ в"), "month", 12),
                _CLIENTS,
                Col("second", T("2nd order", "2-й заказ"), "int", 9),
                Col("third", T("3rd order", "3-й заказ"), "int", 9),
                Col("fourth_plus", T("4th+ order", "4-й и далее"), "int", 9),
                Col("second_share", T("2nd, share", "2-й, доля"), "pct", 9),
                Col("third_share", T("3rd, share", "3-й, доля"), "pct", 9),
                Col("fourth_plus_share", T("4th+, share", "4+, доля"), "pct", 9),
            ),
            (DataBar("second_share"),),
        ),
        Block(
            "churned",
            T("Churned clients", "Ушедшие клиенты"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                Col("last_order", T("Last order", "Последний заказ"), "date", 12),
                Col("days_since", T("Days since", "Дней назад"), "int", 10),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                _REVENUE,
            ),
            (DataBar("revenue"),),
        ),
    ),
    charts=(
        Chart(
            "by_month",
            "line",
            T("Churn rate by month", "Доля оттока по месяцам"),
            "month",
            ("churn_rate",),
        ),
    ),
)

_NPS_COLS = (
    Col("answers", T("Answers", "Ответов"), "int", 9),
    Col("promoters", T("Promoters", "Промоутеры"), "int", 10),
    Col("passives", T("Passives", "Нейтралы"), "int", 10),
    Col("detractors", T("Detractors", "Критики"), "int", 10),
    Col("nps", T("NPS", "NPS"), "ratio", 8),
    Col("target", T("Target", "Цель"), "ratio", 8),
    Col("few_answers", T("Fewer than 30 answers", "Меньше 30 ответов"), "bool", 11),
)
_NPS_STYLE = (ColourScale("nps"), *_FEW)
NPS = TabSpec(
    "nps",
    T("NPS", "NPS"),
    T(
        "Net Promoter Score = % promoters (9-10) − % detractors (0-6), against the target.",
        "Индекс NPS = % промоутеров (9-10) − % критиков (0-6), в сравнении с целью.",
    ),
    (
        Block("overall", T("Overall", "Итог"), _NPS_COLS, _NPS_STYLE),
        Block(
            "by_month",
            T("By survey month", "По месяцам опроса"),
            (Col("month", T("Month", "Месяц"), "month", 10), *_NPS_COLS),
            _NPS_STYLE,
        ),
        Block("by_manager", T("By manager", "По менеджерам"), (_MANAGER, *_NPS_COLS), _NPS_STYLE),
        Block("by_abc", T("By ABC class", "По классам ABC"), (_ABC, *_NPS_COLS), _NPS_STYLE),
        Block(
            "comments",
            T("Comments", "Комментарии"),
            (
                Col("group", T("Group", "Группа"), width=12),
                Col("date", T("Date", "Дата"), "date", 11),
                _CLIENT,
                _NAME,
                _MANAGER,
                Col("score", T("Score", "Оценка"), "int", 7),
                Col("comment", T("Comment", "Комментарий"), width=50),
            ),
            (
                TextIs("group", "promoter", "good"),
                TextIs("group", "промоутер", "good"),
                TextIs("group", "detractor", "bad"),
                TextIs("group", "критик", "bad"),
            ),
        ),
    ),
    charts=(
        Chart(
            "by_month",
            "line",
            T("NPS by month and target", "NPS по месяцам и цель"),
            "month",
            ("nps", "target"),
        ),
    ),
)

#: Russian names of the default RFM segments (user-defined names are shown as typed).
SEGMENT_RU = {
    "Champions": "Чемпионы",
    "Loyal Customers": "Лояльные",
    "Potential Loyalist": "Потенциально лояльные",
    "New Customers": "Новые",
    "Promising": "Перспективные",
    "Need Attention": "Требуют внимания",
    "About To Sleep": "Засыпающие",
    "At Risk": "Под угрозой",
    "Can't Lose Them": "Нельзя потерять",
    "Lost": "Потерянные",
    OTHERS: "Прочие",
}


def segment_names(names: pd.Series, lang: Lang, defaults: bool) -> pd.Series:
    """RFM segment names as the tab and ``CB_RFM`` show them in ``lang``.

    The default segments (``defaults``) carry the R rfm package's English names, translated
    here; names a user typed into the RFM segments sheet are shown as typed.
    """
    if lang == "ru" and defaults:
        return names.map(lambda n: SEGMENT_RU.get(n, n))
    return names


RFM = TabSpec(
    "rfm",
    T("RFM", "RFM"),
    T(
        "Recency, frequency and monetary scores 1-5 and the named segments of the RFM sheet.",
        "Давность, частота и сумма покупок в баллах 1-5 и сегменты из листа RFM.",
    ),
    (
        Block(
            "summary",
            T("Segments", "Сегменты"),
            (
                Col("segment", T("Segment", "Сегмент"), width=22),
                _CLIENTS,
                Col("orders", T("Orders", "Заказы"), "int", 9),
                _REVENUE,
                Col("aov", T("Average order", "Средний чек"), "money", 12),
            ),
            (DataBar("revenue"),),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                Col("last_order", T("Last order", "Последний заказ"), "date", 12),
                Col("recency_days", T("Recency, days", "Давность, дней"), "int", 10),
                Col("frequency", T("Orders", "Заказы"), "int", 8),
                Col("monetary", T("Revenue", "Выручка"), "money", 13),
                Col("r", T("R", "R"), "int", 5),
                Col("f", T("F", "F"), "int", 5),
                Col("m", T("M", "M"), "int", 5),
                Col("rfm_score", T("RFM", "RFM"), "int", 7),
                Col("segment", T("Segment", "Сегмент"), width=22),
            ),
            (ColourScale("rfm_score"),),
        ),
    ),
    counts=("clients", IN_WINDOW),
)

ACTIVITY = TabSpec(
    "activity",
    T("Activity", "Активность отгрузок"),
    T(
        "Shipment regularity and manager activity per period; working days are Monday to Friday.",
        "Регулярность отгрузок и активность менеджеров по периодам; рабочие дни — пн-пт.",
    ),
    (
        Block(
            "regularity",
            T("Orders and activity", "Заказы и активность"),
            (
                _MANAGER,
                Col("period", T("Period", "Период"), width=12),
                Col("working_days", T("Working days", "Рабочих дней"), "int", 9),
                Col("orders", T("Orders", "Заказы"), "int", 8),
                Col(
                    "orders_per_working_day",
                    T("Orders a working day", "Заказов в рабочий день"),
                    "ratio",
                    11,
                ),
                Col("orders_per_week", T("Orders a week", "Заказов в неделю"), "ratio", 10),
                Col("buying_clients", T("Buying clients", "Покупали"), "int", 9),
                Col("portfolio", T("Portfolio", "Портфель"), "int", 9),
                Col("buying_share", T("Share of portfolio buying", "Доля покупавших"), "pct", 11),
                Col("activities", T("Activities", "Активности"), "int", 10),
                Col(
                    "activities_per_buying_client",
                    T("Activities per buying client", "Активностей на покупателя"),
                    "ratio",
                    12,
                ),
            ),
            (DataBar("buying_share"),),
        ),
        Block(
            "by_type",
            T("Activities by type", "Активности по типам"),
            (
                _MANAGER,
                Col("period", T("Period", "Период"), width=12),
                Col("type", T("Type", "Тип"), width=14),
                Col("count", T("Count", "Количество"), "int", 10),
            ),
        ),
    ),
)

_POTENTIAL = (
    Col("ours", T("Our sales", "Наши продажи"), "money", 13),
    Col("wallet", T("Wallet", "Закупки всего"), "money", 13),
    Col("penetration", T("Share of wallet", "Пенетрация"), "pct", 11),
    Col("upsell", T("Up-sell", "Допродажа"), "money", 12),
    Col("crosssell", T("Cross-sell", "Кросс-продажа"), "money", 12),
    Col("potential", T("Potential", "Потенциал"), "money", 13),
)
POTENTIAL = TabSpec(
    "potential",
    T("Potential", "Потенциал роста"),
    T(
        "Share of wallet from the Wallet sheet, what more we could sell, and a monthly plan per "
        "client; blank means no wallet data, not zero.",
        "Доля в закупках клиента по листу «Потенциал», что ещё можно продать, и план на месяц "
        "по каждому клиенту; пусто — нет данных, а не ноль.",
    ),
    (
        Block(
            "managers",
            T("By manager", "По менеджерам"),
            (
                _MANAGER,
                _CLIENTS,
                *_POTENTIAL,
                Col("current", T("Sales a month", "Продажи в месяц"), "money", 13),
                Col("plan", T("Plan a month", "План на месяц"), "money", 13),
            ),
            (DataBar("potential"),),
        ),
        Block(
            "categories",
            T("By category", "По категориям"),
            (
                Col("category", T("Category", "Категория"), width=16),
                _CLIENTS,
                *_POTENTIAL,
            ),
            (DataBar("potential"),),
        ),
        Block(
            "clients",
            T("Clients: potential and plan", "Клиенты: потенциал и план"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                *_POTENTIAL,
                Col("current", T("Sales a month", "Продажи в месяц"), "money", 13),
                Col("plan", T("Plan a month", "План на месяц"), "money", 13),
                Col("capped", T("Capped by potential", "Ограничен потенциалом"), "bool", 11),
            ),
            (DataBar("potential"), ColourScale("penetration")),
        ),
        Block(
            "cells",
            T("Client × category", "Клиент × категория"),
            (
                _CLIENT,
                Col("category", T("Category", "Категория"), width=16),
                Col("ours", T("Our sales", "Наши продажи"), "money", 13),
                Col("total", T("Wallet", "Закупки всего"), "money", 13),
                Col("penetration", T("Share of wallet", "Пенетрация"), "pct", 11),
                Col("upsell", T("Up-sell", "Допродажа"), "money", 12),
                Col("crosssell", T("Cross-sell", "Кросс-продажа"), "money", 12),
            ),
            (ColourScale("penetration"),),
        ),
    ),
    counts=("clients", IN_WINDOW),
)

BCG = TabSpec(
    "bcg",
    T("BCG", "BCG"),
    T(
        "Clients by share of our revenue and growth against the window before, split at the "
        "medians: Stars, Cash cows, Question marks, Dogs.",
        "Клиенты по доле в нашей выручке и росту к прошлому окну, с делением по медианам: "
        "звёзды, дойные коровы, трудные дети, собаки.",
    ),
    (
        Block(
            "summary",
            T("Quadrants", "Квадранты"),
            (
                Col("quadrant", T("Quadrant", "Квадрант"), width=18),
                _CLIENTS,
                _REVENUE,
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 11),
            ),
            (DataBar("revenue_share"),),
        ),
        Block(
            "managers",
            T("By manager", "По менеджерам"),
            (
                _MANAGER,
                Col("star", T("Stars", "Звёзды"), "int", 9),
                Col("cash_cow", T("Cash cows", "Дойные коровы"), "int", 9),
                Col("question_mark", T("Question marks", "Трудные дети"), "int", 9),
                Col("dog", T("Dogs", "Собаки"), "int", 9),
            ),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                _REVENUE,
                Col(
                    "revenue_before",
                    T("Revenue, window before", "Выручка, прошлое окно"),
                    "money",
                    14,
                ),
                Col("share", T("Share of revenue", "Доля выручки"), "pct", 10),
                Col("growth", T("Growth", "Рост"), "pct", 10),
                Col("quadrant", T("Quadrant", "Квадрант"), width=18),
            ),
            (DataBar("share"),),
        ),
    ),
    counts=("clients", NET_IN_WINDOW),
)
