"""The Segments, Matrix and Pareto tabs."""

from __future__ import annotations

from clientbase_xl.analytics.abc_xyz import matrix, matrix_crosstab
from clientbase_xl.analytics.pareto import pareto_curve, pareto_table
from clientbase_xl.builders.context import TOTAL, Context
from clientbase_xl.builders.registry import builds
from clientbase_xl.i18n import Text
from clientbase_xl.report import tabs as specs
from clientbase_xl.report.spec import ResultTab

PARETO_MEASURES = {
    "all": Text("All clients with positive revenue", "Все клиенты с положительной выручкой"),
    "top": Text("The largest 20 % of clients", "Крупнейшие 20 % клиентов"),
    "target": Text(
        "The fewest clients making 80 % of revenue",
        "Наименьшее число клиентов, дающих 80 % выручки",
    ),
}


@builds(specs.SEGMENTS)
def segments_tab(ctx: Context) -> ResultTab:
    """One row per client with its ABC and XYZ class."""
    return ResultTab(specs.SEGMENTS, {"clients": ctx.segments}, ctx.note)


@builds(specs.MATRIX)
def matrix_tab(ctx: Context) -> ResultTab:
    """The ABC×XYZ cells, long and as three cross tables."""
    cells = matrix(ctx.segments, ctx.rules.cuts)
    total = ctx.text(TOTAL)
    return ResultTab(
        specs.MATRIX,
        {
            "cells": cells,
            "counts": matrix_crosstab(cells, "clients", total),
            "revenue": matrix_crosstab(cells, "revenue", total),
            "revenue_share": matrix_crosstab(cells, "revenue_share", total),
        },
        ctx.note,
    )


@builds(specs.PARETO)
def pareto_tab(ctx: Context) -> ResultTab:
    """The 80/20 check and the concentration curve."""
    revenue = ctx.segments.set_index("client")["revenue"]
    summary = pareto_table(revenue)
    summary["measure"] = [ctx.text(PARETO_MEASURES[m]) for m in summary["measure"]]
    return ResultTab(specs.PARETO, {"summary": summary, "curve": pareto_curve(revenue)}, ctx.note)
