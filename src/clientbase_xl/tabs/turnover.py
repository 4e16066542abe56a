"""The Turnover tab: days sales outstanding from Payments and inventory turnover from Stock."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.turnover import dso, dso_by_manager, inventory_turnover
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    IN_WINDOW,
    Block,
    Col,
    ColourScale,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    CLIENT,
    CLIENTS,
    MANAGER,
    NAME,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

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
                MANAGER,
                CLIENTS,
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
                CLIENT,
                NAME,
                MANAGER,
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


MISSING = T(
    "No {sheet} sheet: add one to see {what}.",
    "Нет листа «{sheet}»: добавьте его, чтобы увидеть {what}.",
)


PRESENT = T("{rows} rows read.", "Прочитано строк: {rows}.")


RECEIVABLES = T("days sales outstanding", "оборачиваемость дебиторской задолженности")


INVENTORY = T("inventory turnover", "оборачиваемость запасов")


@builds(TURNOVER, udfs=("CB_DSO",), doc="Turnover")
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
        label = {"Payments": T("Payments", "Оплаты"), "Stock": T("Stock", "Остатки")}[key]
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
        TURNOVER,
        {
            "status": pd.DataFrame(status),
            "dso_managers": dso_managers,
            "dso_clients": dso_clients,
            "inventory": inventory,
        },
        ctx.note,
    )
