"""The Dashboard tab: the refresh's status, headline figures and the trends to chart.

Figures come from the other tabs' frames (built once through :meth:`Context.tab`), so the
Dashboard can never disagree with the tab a figure comes from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.pareto import pareto_curve
from clientbase_xl.builders.context import Context
from clientbase_xl.builders.loyalty import churn_tab, ltv_tab, nps_tab
from clientbase_xl.builders.plan import plan_tab
from clientbase_xl.builders.registry import builds
from clientbase_xl.builders.timeline import migration_tab
from clientbase_xl.i18n import Text
from clientbase_xl.report.dashboard_tabs import DASHBOARD
from clientbase_xl.report.spec import ResultTab

STATUS_OK = Text("OK", "Успешно")
STATUS_WARNINGS = Text(
    "OK, {n} warning(s): see the Errors tab", "Успешно, предупреждений: {n} — см. лист «Ошибки»"
)
#: Points of the Pareto curve (every 5 % of clients) and clients on the BCG scatter.
PARETO_POINTS, BCG_CLIENTS = 20, 50
#: Growth above +300 % is drawn at 300 %, so one client that grew 200-fold leaves the rest
#: of the scatter readable (the BCG tab keeps the true figure).
BCG_GROWTH_CAP = 3.0


def _last(frame: pd.DataFrame, column: str) -> float:
    """The last value of ``column`` (NaN for an empty frame)."""
    return float(frame[column].iloc[-1]) if len(frame) else np.nan


def _classes(ctx: Context) -> pd.DataFrame:
    """Revenue per ABC class by month over the timeline: month, then one column per class."""
    tl = ctx.timeline
    table = tl.pivot_table(index="month", columns="abc", values="revenue", aggfunc="sum")
    table = table.reindex(columns=list(ctx.letters)).fillna(0.0)
    return table.reset_index().rename_axis(columns=None)


@builds(DASHBOARD)
def dashboard_tab(ctx: Context) -> ResultTab:
    """Status, headline figures and five trend tables (each charted) of the analysis."""
    seg = ctx.segments
    active = seg[seg["revenue"] > 0]
    revenue = float(active["revenue"].sum())
    top = active.loc[active["abc"] == ctx.letters[0], "revenue"].sum()
    nps = ctx.tab(nps_tab).frames
    kpi = {
        "clients": len(active),
        "revenue": revenue,
        "share_a": top / revenue if revenue else np.nan,
        "nps": _last(nps["overall"], "nps"),
        "churn": _last(ctx.tab(churn_tab).frames["by_month"], "churn_rate"),
        "ltv": float(ctx.tab(ltv_tab).frames["clients"]["ltv"].mean()),
        "plan": _last(ctx.tab(plan_tab).frames["by_month"], "fulfilment"),
    }
    status = ctx.text(STATUS_WARNINGS, n=ctx.warnings) if ctx.warnings else ctx.text(STATUS_OK)
    bcg = ctx.bcg[np.isfinite(ctx.bcg["growth"])].nlargest(BCG_CLIENTS, "revenue")
    frames = {
        "status": pd.DataFrame(
            [
                {
                    "refreshed": ctx.refreshed,
                    "as_of": ctx.inputs.as_of,
                    "status": status,
                }
            ]
        ),
        "kpi": pd.DataFrame([kpi]),
        "classes": _classes(ctx),
        "balance": ctx.tab(migration_tab).frames["balance"][["month", "up", "down", "net"]],
        "pareto": pareto_curve(active["revenue"], PARETO_POINTS)[["client_share", "revenue_share"]],
        "bcg": bcg[["share", "growth", "client"]].assign(
            growth=bcg["growth"].clip(upper=BCG_GROWTH_CAP)
        ),
        "nps_trend": nps["by_month"][["month", "nps"]],
    }
    return ResultTab(DASHBOARD, frames, ctx.note)
