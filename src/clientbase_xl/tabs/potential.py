"""The Potential tab: share of wallet, up-sell and cross-sell per client and category."""

from __future__ import annotations

from clientbase_xl.analytics.wallet import totals_by
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    IN_WINDOW,
    Block,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    CLIENT,
    CLIENTS,
    MANAGER,
    NAME,
    PLAN_SOURCE,
    PLAN_SOURCE_TEXT,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

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
                MANAGER,
                CLIENTS,
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
                CLIENTS,
                *_POTENTIAL,
            ),
            (DataBar("potential"),),
        ),
        Block(
            "clients",
            T("Clients: potential and plan", "Клиенты: потенциал и план"),
            (
                CLIENT,
                NAME,
                MANAGER,
                *_POTENTIAL,
                Col("current", T("Sales a month", "Продажи в месяц"), "money", 13),
                Col("plan", T("Plan a month", "План на месяц"), "money", 13),
                PLAN_SOURCE,
            ),
            (DataBar("potential"), ColourScale("penetration")),
        ),
        Block(
            "cells",
            T("Client × category", "Клиент × категория"),
            (
                CLIENT,
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


@builds(
    POTENTIAL,
    udfs=("CB_PENETRATION", "CB_POTENTIAL"),
    doc="Share of wallet, potential and plans (seeds 000, 001, 003)",
)
def potential_tab(ctx: Context) -> ResultTab:
    """Share of wallet, up-sell and cross-sell potential and the monthly plan per client."""
    cells = ctx.potential.cells
    clients = ctx.with_names(ctx.potential.clients)
    clients["source"] = [ctx.text(PLAN_SOURCE_TEXT[v]) for v in clients["source"]]
    clients = clients.sort_values("potential", ascending=False, kind="stable")

    by_category = cells.rename(columns={"total": "wallet"}).assign(
        potential=lambda f: f["upsell"] + f["crosssell"]
    )
    return ResultTab(
        POTENTIAL,
        {
            "managers": totals_by(clients, "manager", ("current", "plan")),
            "categories": totals_by(
                by_category.assign(
                    known_ours=by_category["ours"].where(by_category["wallet"].notna())
                ),
                "category",
            ),
            "clients": clients,
            "cells": cells,
        },
        ctx.note,
    )
