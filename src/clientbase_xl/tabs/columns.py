"""The columns and styles several result tabs share, defined once."""

from __future__ import annotations

from dataclasses import replace

from clientbase_xl.i18n import LANGS
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import Col, Fmt, Link, TextIs


def counts_as(cols: tuple[Col, ...], fmt: Fmt, width: float) -> tuple[Col, ...]:
    """A cross table's columns with its counts (``int`` columns) shown as ``fmt`` instead.

    One heat map's layout serves its clients, revenue and share versions.
    """
    return tuple(c if c.fmt != "int" else replace(c, fmt=fmt, width=width) for c in cols)


#: A client id as it is (the card's own table, History's rows read back by Close month).
CLIENT_ID = Col("client", T("Client", "Клиент"), width=14)
#: A client id that takes the user to the client's row of the Client card (on short lists).
CLIENT = replace(CLIENT_ID, link=Link("card", "clients", "client"))
NAME = Col("name", T("Name", "Наименование"), width=28)
MANAGER = Col("manager", T("Manager", "Менеджер"), width=18)
MONTH = Col("month", T("Month", "Месяц"), "month", 10)
ABC = Col("abc", T("ABC", "ABC"), width=6)
XYZ = Col("xyz", T("XYZ", "XYZ"), width=6)
CELL = Col("cell", T("Cell", "Ячейка"), width=7)
CLIENTS = Col("clients", T("Clients", "Клиенты"), "int", 9)
REVENUE = Col("revenue", T("Revenue", "Выручка"), "money", 14)
MARGIN = Col("margin", T("Margin", "Маржа"), "money", 13)
MARGIN_PCT = Col("margin_pct", T("Margin %", "Маржа, %"), "pct", 10)
ORDERS = Col("orders", T("Orders", "Заказы"), "int", 9)
ACTIVE_MONTHS = Col("active_months", T("Months with orders", "Месяцев с заказами"), "int", 11)

#: A client's buying rhythm (:mod:`clientbase_xl.analytics.rhythm`).
LAST_ORDER = Col("last_order", T("Last order", "Последний заказ"), "date", 12)
RHYTHM = Col("rhythm", T("Rhythm, days", "Ритм, дней"), "ratio", 9)
BASIS = Col("basis", T("Rhythm of", "Ритм по"), width=14)
NEXT_DUE = Col("next_due", T("Next order due", "Следующий заказ"), "date", 12)
DAYS_LATE = Col("days_late", T("Days late", "Дней просрочки"), "int", 9)

#: Good and bad classes at a glance, wherever ABC and XYZ columns stand.
ABC_STYLES = (
    TextIs("abc", "A", "good"),
    TextIs("abc", "C", "bad"),
    TextIs("abc", "D", "bad"),
    TextIs("xyz", "X", "good"),
    TextIs("xyz", "Z", "bad"),
)
#: A figure from fewer answers than a setting asks for is shown, greyed.
FEW_ANSWERS = (TextIs("few_answers", "yes", "neutral"), TextIs("few_answers", "да", "neutral"))

#: Each client's stage of its own buying rhythm (:mod:`clientbase_xl.analytics.rhythm`).
STAGE_TEXT = {
    "active": T("active", "активен"),
    "due": T("due", "пора заказывать"),
    "late": T("late", "опаздывает"),
    "sleeping": T("sleeping", "спит"),
    "churned": T("churned", "ушёл"),
}
STAGE = Col("stage", T("Stage", "Стадия"), width=14)
#: How a client's plan was set (:data:`clientbase_xl.analytics.targets.SOURCES`).
PLAN_SOURCE_TEXT = {
    "method": T("computed", "рассчитан"),
    "split": T("share of a target", "доля цели"),
    "override": T("set by hand", "задан вручную"),
}
PLAN_SOURCE = Col("source", T("Plan set as", "Как задан план"), width=16)
BAD_STAGES = tuple(
    TextIs("stage", STAGE_TEXT[s].format(lang), "bad")
    for s in ("late", "sleeping")
    for lang in LANGS
)
