"""The Plan vs actual tab."""

from __future__ import annotations

from clientbase_xl.analytics.plan import fulfilment_by, plan_vs_actual
from clientbase_xl.builders.context import Context
from clientbase_xl.builders.registry import builds
from clientbase_xl.i18n import Text
from clientbase_xl.report.plan_tabs import PLAN
from clientbase_xl.report.spec import ResultTab

TO_DATE = Text("{month} is compared to date ({as_of}).", "{month} сравнивается на дату {as_of}.")


@builds(PLAN)
def plan_tab(ctx: Context) -> ResultTab:
    """Plan against actual by month, by manager and month, and per client in the last month."""
    table = plan_vs_actual(ctx.timeline, ctx.facts, ctx.month)
    last = table[table["month"] == table["month"].max()] if len(table) else table
    clients = ctx.with_names(last.drop(columns="manager")).assign(
        manager=last["manager"].to_numpy()
    )
    as_of = ctx.inputs.as_of
    partial = as_of.normalize() != ctx.month.end_time.normalize()
    note = ctx.note + (
        " " + ctx.text(TO_DATE, month=ctx.month.strftime("%Y-%m"), as_of=as_of.strftime("%Y-%m-%d"))
        if partial
        else ""
    )
    return ResultTab(
        PLAN,
        {
            "by_month": fulfilment_by(table, ["month"]),
            "by_manager": fulfilment_by(table, ["manager", "month"]),
            "clients": clients.sort_values("plan", ascending=False, kind="stable"),
        },
        note,
    )
