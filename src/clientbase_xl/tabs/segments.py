"""The Segments, Matrix and Pareto tabs: ABC/XYZ per client, the ABC×XYZ cells, the 80/20 check."""

from __future__ import annotations

from clientbase_xl.analytics.abc_xyz import matrix, matrix_crosstab
from clientbase_xl.analytics.pareto import pareto_curve, pareto_table
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
    ABC_STYLES,
    CLIENT,
    MANAGER,
    NAME,
    counts_as,
)
from clientbase_xl.tabs.context import TOTAL, Context
from clientbase_xl.tabs.registry import builds

SEGMENTS = TabSpec(
    "segments",
    T("Segments", "Сегменты"),
    T(
        "ABC and XYZ class of every client in the analysis window.",
        "Класс ABC и XYZ каждого клиента за окно анализа.",
    ),
    (
        Block(
            "clients",
            T("Clients by class", "Клиенты по классам"),
            (
                Col("rank", T("Rank", "Место"), "int", 7),
                CLIENT,
                NAME,
                MANAGER,
                Col("group", T("Group", "Группа"), width=14),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("margin", T("Margin", "Маржа"), "money", 13),
                Col("orders", T("Orders", "Заказы"), "int", 9),
                Col("active_months", T("Months with orders", "Месяцев с заказами"), "int", 11),
                Col("share", T("Share", "Доля"), "pct", 9),
                Col("cum_share", T("Cumulative share", "Накопленная доля"), "pct", 12),
                Col("abc", T("ABC", "ABC"), width=6),
                Col("cv", T("Variation", "Вариация"), "pct", 10),
                Col("xyz", T("XYZ", "XYZ"), width=6),
                Col("cell", T("Cell", "Ячейка"), width=7),
                Col("nonpositive", T("Metric ≤ 0", "Показатель ≤ 0"), "bool", 10),
            ),
            (DataBar("revenue"), *ABC_STYLES),
        ),
    ),
    counts=("clients", IN_WINDOW),
)


_MATRIX_COLS = (
    Col("abc", T("ABC", "ABC"), width=8),
    Col("X", T("X", "X"), "int", 12),
    Col("Y", T("Y", "Y"), "int", 12),
    Col("Z", T("Z", "Z"), "int", 12),
    Col("total", T("Total", "Итого"), "int", 12),
)


_HEATMAP = (ColourScale("X", to="Z", body_only=True, palette="intensity"),)


MATRIX = TabSpec(
    "matrix",
    T("Matrix", "Матрица"),
    T(
        "ABC×XYZ: how many clients and how much revenue sit in each cell.",
        "ABC×XYZ: сколько клиентов и выручки в каждой ячейке.",
    ),
    (
        Block(
            "cells",
            T("Cells", "Ячейки"),
            (
                Col("cell", T("Cell", "Ячейка"), width=8),
                Col("abc", T("ABC", "ABC"), width=6),
                Col("xyz", T("XYZ", "XYZ"), width=6),
                Col("clients", T("Clients", "Клиенты"), "int", 10),
                Col("client_share", T("Share of clients", "Доля клиентов"), "pct", 12),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 12),
            ),
            (DataBar("revenue_share"),),
        ),
        Block("counts", T("Clients", "Клиенты"), _MATRIX_COLS, _HEATMAP),
        Block("revenue", T("Revenue", "Выручка"), counts_as(_MATRIX_COLS, "money", 14), _HEATMAP),
        Block(
            "revenue_share",
            T("Share of revenue", "Доля выручки"),
            counts_as(_MATRIX_COLS, "pct", 12),
            _HEATMAP,
        ),
    ),
)


PARETO = TabSpec(
    "pareto",
    T("Pareto", "Парето"),
    T(
        "How concentrated revenue is: the 80/20 check.",
        "Насколько выручка сосредоточена: проверка 80/20.",
    ),
    (
        Block(
            "summary",
            T("Summary", "Итог"),
            (
                Col("measure", T("Clients", "Клиенты"), width=46),
                Col("clients", T("Number", "Число"), "int", 12),
                Col("client_share", T("Share of clients", "Доля клиентов"), "pct", 14),
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 14),
            ),
        ),
        Block(
            "curve",
            T("Curve", "Кривая"),
            (
                Col("client_share", T("Share of clients", "Доля клиентов"), "pct", 14),
                Col("clients", T("Clients", "Клиентов"), "int", 10),
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 14),
            ),
            (DataBar("revenue_share"),),
        ),
    ),
)


PARETO_MEASURES = {
    "all": T("All clients with positive revenue", "Все клиенты с положительной выручкой"),
    "top": T("The largest 20 % of clients", "Крупнейшие 20 % клиентов"),
    "target": T(
        "The fewest clients making 80 % of revenue",
        "Наименьшее число клиентов, дающих 80 % выручки",
    ),
}


@builds(SEGMENTS, udfs=("CB_ABC", "CB_XYZ", "CB_SEGMENTS"), doc="ABC and ABCD")
def segments_tab(ctx: Context) -> ResultTab:
    """One row per client with its ABC and XYZ class."""
    return ResultTab(SEGMENTS, {"clients": ctx.segments}, ctx.note)


@builds(MATRIX, udfs=("CB_SEGMENTS",), doc="ABC×XYZ matrix")
def matrix_tab(ctx: Context) -> ResultTab:
    """The ABC×XYZ cells, long and as three cross tables."""
    cells = matrix(ctx.segments, ctx.rules.cuts)
    total = ctx.text(TOTAL)
    return ResultTab(
        MATRIX,
        {
            "cells": cells,
            "counts": matrix_crosstab(cells, "clients", total),
            "revenue": matrix_crosstab(cells, "revenue", total),
            "revenue_share": matrix_crosstab(cells, "revenue_share", total),
        },
        ctx.note,
    )


@builds(PARETO, udfs=("CB_PARETO",), doc="Pareto check (seed 004)")
def pareto_tab(ctx: Context) -> ResultTab:
    """The 80/20 check and the concentration curve."""
    revenue = ctx.segments.set_index("client")["revenue"]
    summary = pareto_table(revenue)
    summary["measure"] = [ctx.text(PARETO_MEASURES[m]) for m in summary["measure"]]
    return ResultTab(PARETO, {"summary": summary, "curve": pareto_curve(revenue)}, ctx.note)
