"""The Migration and Portfolio tabs, and the History tab that Close month writes."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.abc_xyz import XYZ_LETTERS
from clientbase_xl.analytics.migration import (
    LOST,
    NEW,
    balance,
    balance_by,
    balance_over_time,
    moves,
    transitions,
)
from clientbase_xl.analytics.portfolio import portfolio_latest, portfolio_trend
from clientbase_xl.builders.context import TOTAL, Context
from clientbase_xl.builders.registry import builds
from clientbase_xl.i18n import Text
from clientbase_xl.report import tabs as specs
from clientbase_xl.report.spec import ResultTab

DIRECTION_TEXT = {
    "up": Text("up", "вверх"),
    "down": Text("down", "вниз"),
    "same": Text("same", "без изменений"),
    "new": Text("new", "новый"),
    "lost": Text("lost", "потерян"),
}
CLASS_TEXT = {NEW: Text("new", "новый"), LOST: Text("lost", "потерян")}
DIMENSIONS = {
    "abc": Text("ABC", "ABC"),
    "xyz": Text("XYZ", "XYZ"),
    "cell": Text("ABC×XYZ", "ABC×XYZ"),
}
NEW_ROW = Text("New", "Новые")
MIGRATION_NOTE = Text(
    "From {before} to {after}. Months closed in History keep the classes they were frozen "
    "with; the others are rebuilt from sales, each on its own trailing window.",
    "С {before} по {after}. Месяцы, закрытые в «Истории», сохраняют свои классы; остальные "
    "пересчитаны по продажам, каждый по своему окну.",
)
ONE_MONTH = Text(
    "Migration needs two months of data; there is only {after}.",
    "Для миграции нужны два месяца данных; есть только {after}.",
)
LOAD_TEXT = {
    "low": Text("fewer than {lo:g}", "меньше {lo:g}"),
    "high": Text("more than {hi:g}", "больше {hi:g}"),
}
PORTFOLIO_NOTE = Text(
    "{month}. Load band {lo:g}-{hi:g} clients per manager. Changes are in percentage points.",
    "{month}. Норма нагрузки {lo:g}-{hi:g} клиентов на менеджера. Изменения — в п. п.",
)


def _months(ctx: Context) -> tuple[pd.Period | None, pd.Period]:
    """The two months compared: the settings' choice, else the latest and the one before."""
    available = sorted(ctx.timeline["month"].unique())
    s = ctx.settings
    wanted_after = pd.Period(s.migration_to, "M") if s.migration_to else None
    # A month without data is no comparison: the months shown in the note are those used.
    after: pd.Period = available[-1]
    if wanted_after is not None and wanted_after in available:
        after = wanted_after
    earlier = [m for m in available if m < after]
    wanted_before = pd.Period(s.migration_from, "M") if s.migration_from else None
    if wanted_before in earlier:
        return wanted_before, after
    return (earlier[-1] if earlier else None), after


def _label(ctx: Context, values: pd.Series, table: dict[str, Text]) -> pd.Series:
    return values.map(lambda v: ctx.text(table[v]) if v in table else v)


@builds(specs.MIGRATION)
def migration_tab(ctx: Context) -> ResultTab:
    """Moves between classes of two months: matrices, balances, movers, per manager."""
    before_month, after_month = _months(ctx)
    tl = ctx.timeline
    after = tl[tl["month"] == after_month]
    before = tl[tl["month"] == before_month] if before_month is not None else after.iloc[:0]
    m = {dim: moves(before, after, dim) for dim in ("abc", "xyz", "cell")}
    total, new = ctx.text(TOTAL), ctx.text(NEW_ROW)

    summary = pd.DataFrame([{"dimension": ctx.text(DIMENSIONS[d]), **balance(m[d])} for d in m])
    abc = m["abc"]
    cells = (
        m["cell"]
        .groupby(["from", "to", "direction"], observed=True)
        .agg(clients=("client", "size"), revenue_after=("revenue_after", "sum"))
        .reset_index()
        .sort_values(["clients", "from", "to"], ascending=[False, True, True], kind="stable")
    )
    manager_moves = (
        abc.groupby(["manager", "from", "to"], observed=True)
        .agg(clients=("client", "size"), revenue_after=("revenue_after", "sum"))
        .reset_index()
    )
    xyz = m["xyz"].set_index("client")
    movers = abc[abc["direction"] != "same"].assign(
        xyz_from=lambda f: f["client"].map(xyz["from"]),
        xyz_to=lambda f: f["client"].map(xyz["to"]),
        name=lambda f: f["client"].map(ctx.attributes.set_index("client")["name"]),
    )
    order = {d: i for i, d in enumerate(["down", "lost", "up", "new"])}
    movers = movers.sort_values(
        ["direction", "revenue_change"],
        key=lambda c: c.map(order) if c.name == "direction" else c,
        kind="stable",
    )
    frames = {
        "summary": summary,
        "abc_counts": transitions(abc, ctx.letters, "clients", total, new),
        "abc_revenue": transitions(abc, ctx.letters, "revenue", total, new),
        "xyz_counts": transitions(m["xyz"], XYZ_LETTERS, "clients", total, new),
        "cells": cells,
        "managers": balance_by(abc, "manager"),
        "manager_moves": manager_moves,
        "movers": movers,
        "balance": balance_over_time(tl),
    }
    for key in ("cells", "movers", "manager_moves"):
        frame = frames[key]
        for col in ("from", "to", "xyz_from", "xyz_to"):
            if col in frame.columns:
                frame[col] = _label(ctx, frame[col], CLASS_TEXT)
        if "direction" in frame.columns:
            frame["direction"] = _label(ctx, frame["direction"], DIRECTION_TEXT)
    note = (
        ctx.text(
            MIGRATION_NOTE,
            before=before_month.strftime("%Y-%m"),
            after=after_month.strftime("%Y-%m"),
        )
        if before_month is not None
        else ctx.text(ONE_MONTH, after=after_month.strftime("%Y-%m"))
    )
    return ResultTab(specs.MIGRATION, frames, note)


@builds(specs.PORTFOLIO)
def portfolio_tab(ctx: Context) -> ResultTab:
    """Class shares per manager: this month with its changes and flags, and month by month."""
    trend = portfolio_trend(ctx.timeline, ctx.letters)
    _, month = _months(ctx)
    lo, hi = ctx.settings.manager_load
    latest = portfolio_latest(trend, month, (int(lo), int(hi)))
    latest["load"] = latest["load"].map(
        lambda v: ctx.text(LOAD_TEXT[v], lo=lo, hi=hi) if v in LOAD_TEXT else ""
    )
    latest = latest.sort_values("a_share", ascending=False, kind="stable")
    note = ctx.text(PORTFOLIO_NOTE, month=month.strftime("%Y-%m"), lo=lo, hi=hi)
    return ResultTab(specs.PORTFOLIO, {"latest": latest, "trend": trend}, note)


def history_tab(history: pd.DataFrame) -> ResultTab:
    """The History tab: every snapshot, by month and client."""
    return ResultTab(specs.HISTORY, {"snapshots": history})
