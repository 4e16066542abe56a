"""The BCG tab: each client as star, cash cow, question mark or dog."""

from __future__ import annotations

import numpy as np

from clientbase_xl.analytics.bcg import QUADRANTS, bcg_by_manager, bcg_summary
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    NET_IN_WINDOW,
    Block,
    Col,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    CLIENT,
    CLIENTS,
    MANAGER,
    NAME,
    REVENUE,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

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
                CLIENTS,
                REVENUE,
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 11),
            ),
            (DataBar("revenue_share"),),
        ),
        Block(
            "managers",
            T("By manager", "По менеджерам"),
            (
                MANAGER,
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
                CLIENT,
                NAME,
                MANAGER,
                REVENUE,
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


QUADRANT_TEXT = dict(
    zip(
        QUADRANTS,
        (
            T("Stars", "Звёзды"),
            T("Cash cows", "Дойные коровы"),
            T("Question marks", "Трудные дети"),
            T("Dogs", "Собаки"),
        ),
        strict=True,
    )
)


@builds(BCG, udfs=("CB_BCG",), doc="BCG client matrix (seed 002)")
def bcg_tab(ctx: Context) -> ResultTab:
    """Clients by share of revenue and growth, their quadrant, per manager."""
    table = ctx.with_names(ctx.bcg)
    names = {k: ctx.text(v) for k, v in QUADRANT_TEXT.items()}
    by_manager = bcg_by_manager(table)
    summary = bcg_summary(table)
    summary["quadrant"] = summary["quadrant"].map(names)
    table["quadrant"] = table["quadrant"].map(names)
    table["growth"] = table["growth"].replace([np.inf], np.nan)
    return ResultTab(
        BCG,
        {
            "summary": summary,
            "managers": by_manager,
            "clients": table.sort_values("revenue", ascending=False),
        },
        ctx.note,
    )
