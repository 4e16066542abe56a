"""Tab builders: each turns analytics output into the localised frames of its result tabs.

A builder is a function ``(Context) -> list[ResultTab]``; :data:`BUILDERS` lists them in tab
order. The :class:`~clientbase_xl.builders.context.Context` computes what several tabs share
(monthly facts, the current segments, the timeline of snapshots) once, on first use.
"""

from __future__ import annotations

from collections.abc import Callable

from clientbase_xl.builders.clv import clv_tab
from clientbase_xl.builders.context import Context
from clientbase_xl.builders.dashboard import dashboard_tab
from clientbase_xl.builders.loyalty import (
    activity_tab,
    bcg_tab,
    churn_tab,
    ltv_tab,
    nps_tab,
    potential_tab,
    profitability_tab,
    rfm_tab,
    turnover_tab,
)
from clientbase_xl.builders.plan import plan_tab
from clientbase_xl.builders.priority import priority_tab
from clientbase_xl.builders.segments import matrix_tab, pareto_tab, segments_tab
from clientbase_xl.builders.timeline import migration_tab, portfolio_tab
from clientbase_xl.report.spec import ResultTab

Builder = Callable[[Context], ResultTab]

#: Every result tab's builder, in tab order, with the progress step it reports.
BUILDERS: tuple[tuple[str, Builder], ...] = (
    ("dashboard", dashboard_tab),
    ("segments", segments_tab),
    ("matrix", matrix_tab),
    ("pareto", pareto_tab),
    ("migration", migration_tab),
    ("portfolio", portfolio_tab),
    ("ltv", ltv_tab),
    ("clv", clv_tab),
    ("profitability", profitability_tab),
    ("turnover", turnover_tab),
    ("churn", churn_tab),
    ("nps", nps_tab),
    ("rfm", rfm_tab),
    ("activity", activity_tab),
    ("potential", potential_tab),
    ("plan", plan_tab),
    ("bcg", bcg_tab),
    ("priority", priority_tab),
)

__all__ = ["BUILDERS", "Builder", "Context"]
