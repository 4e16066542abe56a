"""The Potential tab: share of wallet, up-sell and cross-sell per client and category."""

from __future__ import annotations

import numpy as np

from clientbase_xl.analytics.wallet import totals_by
from clientbase_xl.i18n import LANGS
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    IN_WINDOW,
    Block,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
    TextIs,
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
_THEN = (
    Col("penetration_then", T("Share a year ago", "Пенетрация год назад"), "pct", 11),
    Col("change", T("Change", "Изменение"), "pp", 10),
)
OLD = T("old: ask again", "устарела: спросите снова")
UNDATED = T("no date", "без даты")


POTENTIAL = TabSpec(
    "potential",
    T("Potential", "Потенциал роста"),
    T(
        "Share of wallet from the Wallet sheet, what more we could sell, and a monthly plan per "
        "client; blank means no wallet data, not zero. The share a year ago is History's, or "
        "rebuilt from the estimates given by then.",
        "Доля в закупках клиента по листу «Потенциал», что ещё можно продать, и план на месяц "
        "по каждому клиенту; пусто — нет данных, а не ноль. Пенетрация год назад — из "
        "«Истории» или по оценкам, данным к тому времени.",
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
                *_THEN,
                Col("estimated", T("Oldest estimate", "Самая старая оценка"), "date", 12),
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
                Col("plan", T("Plan next month", "План на след. месяц"), "money", 13),
                *_THEN,
                Col("estimated", T("Estimated on", "Дата оценки"), "date", 12),
                Col("age", T("Age, months", "Возраст, мес."), "int", 9),
                Col("freshness", T("Estimate", "Оценка"), width=22),
            ),
            (
                ColourScale("penetration"),
                *(
                    TextIs("freshness", text.format(lang), "bad")
                    for text in (OLD, UNDATED)
                    for lang in LANGS
                ),
            ),
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
    cells = ctx.potential.cells.assign(
        change=lambda f: f["penetration"] - f["penetration_then"],
        freshness=lambda f: [
            ctx.text(UNDATED if np.isnan(age) else OLD) if stale else ""
            for stale, age in zip(f["stale"], f["age"], strict=True)
        ],
    )
    # Each client's plan as split over its categories (the Plan tab sums them per category).
    cells = cells.merge(
        ctx.category_plans[["client", "category", "plan"]], on=["client", "category"], how="left"
    )
    clients = ctx.with_names(ctx.potential.clients)
    clients["source"] = ctx.texts(clients["source"], PLAN_SOURCE_TEXT)
    clients = clients.sort_values("potential", ascending=False, kind="stable")
    clients["change"] = clients["penetration"] - clients["penetration_then"]

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
