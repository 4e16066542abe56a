"""The Migration tab: who moved between ABC and XYZ classes from one month to another."""

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
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    Fmt,
    ResultTab,
    TabSpec,
    TextIs,
)
from clientbase_xl.tabs.columns import (
    CLIENT,
    MANAGER,
    NAME,
)
from clientbase_xl.tabs.context import TOTAL, Context
from clientbase_xl.tabs.registry import builds

_DIRECTIONS = (
    Col("up", T("Up", "Вверх"), "int", 9),
    Col("down", T("Down", "Вниз"), "int", 9),
    Col("same", T("Same", "Без изменений"), "int", 11),
    Col("new", T("New", "Новые"), "int", 9),
    Col("lost", T("Lost", "Потерянные"), "int", 11),
    Col("net", T("Net (up − down)", "Баланс (вверх − вниз)"), "int", 13),
)


_FROM = Col("from", T("From \\ to", "Из \\ в"), width=12)


def _transition_cols(letters: tuple[str, ...], fmt: Fmt = "int") -> tuple[Col, ...]:
    cols = [Col(x, T(x, x), fmt, 11, optional=(x == "D")) for x in letters]
    return (
        _FROM,
        *cols,
        Col("lost", T("Lost", "Потерянные"), fmt, 12),
        Col("total", T("Total", "Итого"), fmt, 12),
    )


_GROWTH = (ColourScale("net"),)


def _mover_cols(moved: str, other: str) -> tuple[Col, ...]:
    """A movers list: the class of dimension ``moved`` before and now, ``other``'s beside it."""
    return (
        CLIENT,
        NAME,
        MANAGER,
        Col("from", T(f"{moved} before", f"{moved} было"), width=10),
        Col("to", T(f"{moved} now", f"{moved} стало"), width=10),
        Col("other_from", T(f"{other} before", f"{other} было"), width=10),
        Col("other_to", T(f"{other} now", f"{other} стало"), width=10),
        Col("direction", T("Direction", "Направление"), width=14),
        Col("revenue_before", T("Revenue before", "Выручка была"), "money", 14),
        Col("revenue_after", T("Revenue now", "Выручка сейчас"), "money", 14),
        Col("revenue_change", T("Change", "Изменение"), "money", 13),
    )


_MOVER_STYLES = (
    TextIs("direction", "up", "good"),
    TextIs("direction", "вверх", "good"),
    TextIs("direction", "down", "bad"),
    TextIs("direction", "вниз", "bad"),
    TextIs("direction", "lost", "bad"),
    TextIs("direction", "потерян", "bad"),
    DataBar("revenue_change"),
)


MIGRATION = TabSpec(
    "migration",
    T("Migration", "Миграция"),
    T(
        "Who moved between classes from one month to the next; the goal is toward A and X.",
        "Кто перешёл между классами за месяц; цель — движение к A и X.",
    ),
    (
        Block(
            "summary",
            T("Balance by dimension", "Баланс по измерениям"),
            (Col("dimension", T("Dimension", "Измерение"), width=16), *_DIRECTIONS),
            _GROWTH,
        ),
        Block(
            "abc_counts",
            T("ABC: clients from → to", "ABC: клиенты из → в"),
            _transition_cols(("A", "B", "C", "D")),
            (ColourScale("A", to="lost", body_only=True, palette="intensity"),),
        ),
        Block(
            "abc_revenue",
            T("ABC: revenue from → to", "ABC: выручка из → в"),
            _transition_cols(("A", "B", "C", "D"), "money"),
        ),
        Block(
            "xyz_counts",
            T("XYZ: clients from → to", "XYZ: клиенты из → в"),
            _transition_cols(("X", "Y", "Z")),
            (ColourScale("X", to="lost", body_only=True, palette="intensity"),),
        ),
        Block(
            "cells",
            T("ABC×XYZ cells: from → to", "Ячейки ABC×XYZ: из → в"),
            (
                Col("from", T("From", "Из"), width=10),
                Col("to", T("To", "В"), width=10),
                Col("direction", T("Direction", "Направление"), width=14),
                Col("clients", T("Clients", "Клиенты"), "int", 10),
                Col("revenue_after", T("Revenue now", "Выручка сейчас"), "money", 14),
            ),
            (
                TextIs("direction", "up", "good"),
                TextIs("direction", "вверх", "good"),
                TextIs("direction", "down", "bad"),
                TextIs("direction", "вниз", "bad"),
            ),
        ),
        Block(
            "managers",
            T("By manager (ABC)", "По менеджерам (ABC)"),
            (MANAGER, Col("clients", T("Clients", "Клиенты"), "int", 10), *_DIRECTIONS),
            _GROWTH,
        ),
        Block(
            "manager_moves",
            T("By manager: ABC from → to", "По менеджерам: ABC из → в"),
            (
                MANAGER,
                Col("from", T("From", "Из"), width=10),
                Col("to", T("To", "В"), width=10),
                Col("clients", T("Clients", "Клиенты"), "int", 10),
                Col("revenue_after", T("Revenue now", "Выручка сейчас"), "money", 14),
            ),
        ),
        Block(
            "movers",
            T("Clients who moved (ABC)", "Клиенты, сменившие класс (ABC)"),
            _mover_cols("ABC", "XYZ"),
            _MOVER_STYLES,
        ),
        Block(
            "managers_xyz",
            T("By manager (XYZ)", "По менеджерам (XYZ)"),
            (MANAGER, Col("clients", T("Clients", "Клиенты"), "int", 10), *_DIRECTIONS),
            _GROWTH,
        ),
        Block(
            "xyz_movers",
            T("Clients who moved (XYZ)", "Клиенты, сменившие класс (XYZ)"),
            _mover_cols("XYZ", "ABC"),
            _MOVER_STYLES,
        ),
        Block(
            "balance",
            T("Balance month by month (ABC)", "Баланс по месяцам (ABC)"),
            (Col("month", T("Month", "Месяц"), "month", 10), *_DIRECTIONS),
            _GROWTH,
        ),
    ),
    charts=(
        Chart(
            "balance",
            "column",
            T("Migration balance by month (ABC)", "Баланс миграции по месяцам (ABC)"),
            "month",
            ("up", "down", "new", "lost"),
        ),
    ),
)


DIRECTION_TEXT = {
    "up": T("up", "вверх"),
    "down": T("down", "вниз"),
    "same": T("same", "без изменений"),
    "new": T("new", "новый"),
    "lost": T("lost", "потерян"),
}


CLASS_TEXT = {NEW: T("new", "новый"), LOST: T("lost", "потерян")}


DIMENSIONS = {
    "abc": T("ABC", "ABC"),
    "xyz": T("XYZ", "XYZ"),
    "cell": T("ABC×XYZ", "ABC×XYZ"),
}


NEW_ROW = T("New", "Новые")


MIGRATION_NOTE = T(
    "From {before} to {after}. Months closed in History keep the classes they were frozen "
    "with; the others are rebuilt from sales, each on its own trailing window.",
    "С {before} по {after}. Месяцы, закрытые в «Истории», сохраняют свои классы; остальные "
    "пересчитаны по продажам, каждый по своему окну.",
)


ONE_MONTH = T(
    "Migration needs two months of data; there is only {after}.",
    "Для миграции нужны два месяца данных; есть только {after}.",
)


def compared_months(ctx: Context) -> tuple[pd.Period | None, pd.Period]:
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


_MOVE_ORDER = {d: i for i, d in enumerate(["down", "lost", "up", "new"])}


def _movers(moved: pd.DataFrame, other: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """The clients whose class in ``moved`` changed, with their class in ``other`` beside.

    ``moved`` and ``other`` are :func:`moves` of two dimensions; down and lost first, then up
    and new, each the largest loss of revenue first.
    """
    other = other.set_index("client")
    out = moved[moved["direction"] != "same"].assign(
        other_from=lambda f: f["client"].map(other["from"]),
        other_to=lambda f: f["client"].map(other["to"]),
        name=lambda f: f["client"].map(names),
    )
    return out.sort_values(
        ["direction", "revenue_change"],
        key=lambda c: c.map(_MOVE_ORDER) if c.name == "direction" else c,
        kind="stable",
    )


@builds(MIGRATION, udfs=("CB_MIGRATION",), doc="Migration")
def migration_tab(ctx: Context) -> ResultTab:
    """Moves between classes of two months: matrices, balances, movers, per manager."""
    before_month, after_month = compared_months(ctx)
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
    names = ctx.attributes.set_index("client")["name"]
    frames = {
        "summary": summary,
        "abc_counts": transitions(abc, ctx.letters, "clients", total, new),
        "abc_revenue": transitions(abc, ctx.letters, "revenue", total, new),
        "xyz_counts": transitions(m["xyz"], XYZ_LETTERS, "clients", total, new),
        "cells": cells,
        "managers": balance_by(abc, "manager"),
        "manager_moves": manager_moves,
        "movers": _movers(m["abc"], m["xyz"], names),
        "managers_xyz": balance_by(m["xyz"], "manager"),
        "xyz_movers": _movers(m["xyz"], m["abc"], names),
        "balance": balance_over_time(tl),
    }
    for key in ("cells", "movers", "xyz_movers", "manager_moves"):
        frame = frames[key]
        for col in ("from", "to", "other_from", "other_to"):
            if col in frame.columns:
                frame[col] = ctx.texts(frame[col], CLASS_TEXT)
        if "direction" in frame.columns:
            frame["direction"] = ctx.texts(frame["direction"], DIRECTION_TEXT)
    note = (
        ctx.text(
            MIGRATION_NOTE,
            before=before_month.strftime("%Y-%m"),
            after=after_month.strftime("%Y-%m"),
        )
        if before_month is not None
        else ctx.text(ONE_MONTH, after=after_month.strftime("%Y-%m"))
    )
    return ResultTab(MIGRATION, frames, note)
