"""The result tabs of the refresh, one :class:`~clientbase_xl.report.spec.TabSpec` each.

Adding a method means adding its analytics module, one spec here, and one builder in
:mod:`clientbase_xl.refresh`.
"""

from __future__ import annotations

from clientbase_xl.i18n import LANGS
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.schema import header_key
from clientbase_xl.report import loyalty_tabs as loyalty
from clientbase_xl.report.clv_tabs import CLV
from clientbase_xl.report.dashboard_tabs import DASHBOARD
from clientbase_xl.report.plan_tabs import PLAN
from clientbase_xl.report.priority_tabs import PRIORITY
from clientbase_xl.report.spec import (
    IN_WINDOW,
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    Fmt,
    TabSpec,
    TextIs,
)

_CLIENT = Col("client", T("Client", "Клиент"), width=14)
_NAME = Col("name", T("Name", "Наименование"), width=28)
_MANAGER = Col("manager", T("Manager", "Менеджер"), width=18)
_ABC_STYLES = (
    TextIs("abc", "A", "good"),
    TextIs("abc", "C", "bad"),
    TextIs("abc", "D", "bad"),
    TextIs("xyz", "X", "good"),
    TextIs("xyz", "Z", "bad"),
)

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
                _CLIENT,
                _NAME,
                _MANAGER,
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
            (DataBar("revenue"), *_ABC_STYLES),
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


def _money(cols: tuple[Col, ...]) -> tuple[Col, ...]:
    return tuple(c if c.fmt != "int" else Col(c.key, c.label, "money", 14) for c in cols)


def _pct(cols: tuple[Col, ...]) -> tuple[Col, ...]:
    return tuple(c if c.fmt != "int" else Col(c.key, c.label, "pct", 12) for c in cols)


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
        Block("revenue", T("Revenue", "Выручка"), _money(_MATRIX_COLS), _HEATMAP),
        Block("revenue_share", T("Share of revenue", "Доля выручки"), _pct(_MATRIX_COLS), _HEATMAP),
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

_CLASS_COLS = (
    Col("A", T("A", "A"), "int", 9),
    Col("B", T("B", "B"), "int", 9),
    Col("C", T("C", "C"), "int", 9),
    Col("D", T("D", "D"), "int", 9, optional=True),
)
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
            (_MANAGER, Col("clients", T("Clients", "Клиенты"), "int", 10), *_DIRECTIONS),
            _GROWTH,
        ),
        Block(
            "manager_moves",
            T("By manager: ABC from → to", "По менеджерам: ABC из → в"),
            (
                _MANAGER,
                Col("from", T("From", "Из"), width=10),
                Col("to", T("To", "В"), width=10),
                Col("clients", T("Clients", "Клиенты"), "int", 10),
                Col("revenue_after", T("Revenue now", "Выручка сейчас"), "money", 14),
            ),
        ),
        Block(
            "movers",
            T("Clients who moved (ABC)", "Клиенты, сменившие класс (ABC)"),
            (
                _CLIENT,
                _NAME,
                _MANAGER,
                Col("from", T("ABC before", "ABC было"), width=10),
                Col("to", T("ABC now", "ABC стало"), width=10),
                Col("xyz_from", T("XYZ before", "XYZ было"), width=10),
                Col("xyz_to", T("XYZ now", "XYZ стало"), width=10),
                Col("direction", T("Direction", "Направление"), width=14),
                Col("revenue_before", T("Revenue before", "Выручка была"), "money", 14),
                Col("revenue_after", T("Revenue now", "Выручка сейчас"), "money", 14),
                Col("revenue_change", T("Change", "Изменение"), "money", 13),
            ),
            (
                TextIs("direction", "up", "good"),
                TextIs("direction", "вверх", "good"),
                TextIs("direction", "down", "bad"),
                TextIs("direction", "вниз", "bad"),
                TextIs("direction", "lost", "bad"),
                TextIs("direction", "потерян", "bad"),
                DataBar("revenue_change"),
            ),
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

_SHARES = (
    Col("a_share", T("A share", "Доля A"), "pct", 9),
    Col("b_share", T("B share", "Доля B"), "pct", 9),
    Col("c_share", T("C share", "Доля C"), "pct", 9),
    Col("d_share", T("D share", "Доля D"), "pct", 9, optional=True),
    Col("x_share", T("X share", "Доля X"), "pct", 9),
    Col("y_share", T("Y share", "Доля Y"), "pct", 9),
    Col("z_share", T("Z share", "Доля Z"), "pct", 9),
)

PORTFOLIO = TabSpec(
    "portfolio",
    T("Portfolio", "Портфель"),
    T(
        "Quality of each manager's client portfolio: class shares, their trend, and load.",
        "Качество портфеля каждого менеджера: доли классов, их динамика и нагрузка.",
    ),
    (
        Block(
            "latest",
            T("Managers this month", "Менеджеры в этом месяце"),
            (
                _MANAGER,
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("load", T("Load", "Нагрузка"), width=16),
                *_CLASS_COLS,
                *_SHARES,
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("a_revenue_share", T("Revenue share of A", "Доля выручки A"), "pct", 11),
                Col(
                    "a_share_change_1m",
                    T("A share vs last month", "Доля A к прошлому месяцу"),
                    "pp",
                    12,
                ),
                Col(
                    "a_share_change_12m",
                    T("A share vs 12 months ago", "Доля A к году назад"),
                    "pp",
                    12,
                ),
                Col(
                    "a_share_falling",
                    T("A share falls 3 months", "Доля A падает 3 мес."),
                    "bool",
                    12,
                ),
            ),
            (
                DataBar("a_share", "#5B9BD5"),
                ColourScale("a_share_change_1m"),
                TextIs("a_share_falling", "yes", "bad"),
                TextIs("a_share_falling", "да", "bad"),
            ),
        ),
        Block(
            "trend",
            T("Month by month", "По месяцам"),
            (
                _MANAGER,
                Col("month", T("Month", "Месяц"), "month", 10),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                *_SHARES,
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("a_revenue_share", T("Revenue share of A", "Доля выручки A"), "pct", 11),
            ),
        ),
    ),
    charts=(
        Chart(
            "trend",
            "stacked",
            T("Class shares: ", "Доли классов: "),
            "month",
            ("a_share", "b_share", "c_share", "d_share"),
            per="manager",
        ),
    ),
)

HISTORY = TabSpec(
    "history",
    T("History", "История"),
    T(
        "One snapshot per closed month, written by Close month; the refresh reads it back.",
        "Снимок каждого закрытого месяца, пишется кнопкой «Закрыть месяц»; обновление его читает.",
    ),
    (
        Block(
            "snapshots",
            T("Snapshots", "Снимки"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                _CLIENT,
                _MANAGER,
                Col("abc", T("ABC", "ABC"), width=6),
                Col("xyz", T("XYZ", "XYZ"), width=6),
                Col("cell", T("Cell", "Ячейка"), width=7),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("margin", T("Margin", "Маржа"), "money", 13),
                Col("orders", T("Orders", "Заказы"), "int", 9),
                Col("active_months", T("Months with orders", "Месяцев с заказами"), "int", 11),
                Col("plan", T("Plan for next month", "План на следующий месяц"), "money", 13),
            ),
            extras=True,  # columns a user added to History are kept by Close month
        ),
    ),
    table_style="Table Style Light 9",
)

ERRORS = TabSpec(
    "errors",
    T("Errors", "Ошибки"),
    T(
        "Problems found in the input sheets: fix them and refresh again.",
        "Ошибки во входных листах: исправьте их и обновите снова.",
    ),
    (
        Block(
            "problems",
            T("Problems", "Проблемы"),
            (
                Col("severity", T("Severity", "Важность"), width=14),
                Col("sheet", T("Sheet", "Лист"), width=14),
                Col("row", T("Row", "Строка"), "int", 8),
                Col("column", T("Column", "Столбец"), width=18),
                Col("value", T("Value found", "Значение"), width=18),
                Col("problem", T("Problem", "Проблема"), width=48),
                Col("fix", T("How to fix", "Как исправить"), width=80),
            ),
            (
                TextIs("severity", "error", "bad"),
                TextIs("severity", "ошибка", "bad"),
                TextIs("severity", "warning", "neutral"),
                TextIs("severity", "предупреждение", "neutral"),
            ),
        ),
    ),
    table_style="Table Style Medium 3",
)

#: Every result tab, in the order they appear in the workbook.
TABS: tuple[TabSpec, ...] = (
    DASHBOARD,
    SEGMENTS,
    MATRIX,
    PARETO,
    MIGRATION,
    PORTFOLIO,
    loyalty.LTV,
    CLV,
    loyalty.PROFITABILITY,
    loyalty.TURNOVER,
    loyalty.CHURN,
    loyalty.NPS,
    loyalty.RFM,
    loyalty.ACTIVITY,
    loyalty.POTENTIAL,
    PLAN,
    loyalty.BCG,
    PRIORITY,
    ERRORS,
)


#: The tabs a builder makes: every one but Errors, which the orchestrator writes from problems.
RESULT_TABS: tuple[TabSpec, ...] = tuple(spec for spec in TABS if spec is not ERRORS)

#: Every tab a refresh or Close month writes: what a mark's key may name.
OWN_TABS: tuple[TabSpec, ...] = (*TABS, HISTORY)


def tab_key(name: str) -> str | None:
    """The key of the result tab ``name`` names, or None.

    A name is a tab's key or its title in either language, matched like a header: how a user
    picks tabs, on the Start sheet or after ``--only``.
    """
    wanted = header_key(name)
    for spec in RESULT_TABS:  # the Errors tab is written when there are problems, not on request
        if wanted in {header_key(spec.key), *(header_key(spec.title(lang)) for lang in LANGS)}:
            return spec.key
    return None


def result_tab_names() -> set[str]:
    """Every name a result tab can have, in any language."""
    return {spec.title(lang) for spec in OWN_TABS for lang in LANGS}
