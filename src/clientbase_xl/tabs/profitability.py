"""The Profitability tab: revenue and margin per client, class, manager and group."""

from __future__ import annotations

from clientbase_xl.analytics.profit import big_but_unprofitable, margin_pct, profit_by
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
    ABC,
    CLIENT,
    CLIENTS,
    MANAGER,
    MARGIN,
    MARGIN_PCT,
    NAME,
    REVENUE,
)
from clientbase_xl.tabs.common import NO_GROUP, fill
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_PROFIT = (CLIENTS, REVENUE, MARGIN, MARGIN_PCT)


PROFITABILITY = TabSpec(
    "profitability",
    T("Profitability", "Рентабельность"),
    T(
        "Margin and margin % per client, group and manager over the analysis window.",
        "Маржа и рентабельность по клиентам, группам и менеджерам за окно анализа.",
    ),
    (
        Block(
            "by_manager",
            T("By manager", "По менеджерам"),
            (MANAGER, *_PROFIT),
            (ColourScale("margin_pct"),),
        ),
        Block(
            "by_group",
            T("By client group", "По группам клиентов"),
            (Col("group", T("Group", "Группа"), width=16), *_PROFIT),
            (ColourScale("margin_pct"),),
        ),
        Block("by_abc", T("By ABC class", "По классам ABC"), (ABC, *_PROFIT)),
        Block(
            "unprofitable",
            T(
                "Big but less profitable: A clients below the average margin %",
                "Крупные, но менее рентабельные: клиенты A ниже средней маржи",
            ),
            (CLIENT, NAME, MANAGER, REVENUE, MARGIN, MARGIN_PCT),
            (ColourScale("margin_pct"),),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                CLIENT,
                NAME,
                MANAGER,
                Col("group", T("Group", "Группа"), width=14),
                ABC,
                REVENUE,
                MARGIN,
                MARGIN_PCT,
            ),
            (DataBar("margin"), ColourScale("margin_pct")),
        ),
    ),
    counts=("clients", IN_WINDOW),
)


@builds(PROFITABILITY, udfs=("CB_MARGIN",), doc="Profitability")
def profitability_tab(ctx: Context) -> ResultTab:
    """Margin and margin % per client, group, manager and class."""
    seg = ctx.segments.assign(margin_pct=lambda f: margin_pct(f["margin"], f["revenue"]))
    seg["group"] = fill(ctx, seg["group"], NO_GROUP)
    return ResultTab(
        PROFITABILITY,
        {
            "by_manager": profit_by(seg, "manager"),
            "by_group": profit_by(seg, "group"),
            "by_abc": profit_by(seg, "abc").sort_values("abc", kind="stable"),
            "unprofitable": big_but_unprofitable(seg, ctx.letters[0]),
            "clients": seg.sort_values("margin", ascending=False, kind="stable"),
        },
        ctx.note,
    )
