"""The result tabs of the refresh, one :class:`~clientbase_xl.report.spec.TabSpec` each.

Adding a method means adding its analytics module, one spec here, and one builder in
:mod:`clientbase_xl.refresh`.
"""

from __future__ import annotations

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import Block, Col, ColourScale, DataBar, TabSpec, TextIs

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
)

_MATRIX_COLS = (
    Col("abc", T("ABC", "ABC"), width=8),
    Col("X", T("X", "X"), "int", 12),
    Col("Y", T("Y", "Y"), "int", 12),
    Col("Z", T("Z", "Z"), "int", 12),
    Col("total", T("Total", "Итого"), "int", 12),
)


_HEATMAP = (ColourScale("X", to="Z", body_only=True),)


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
TABS: tuple[TabSpec, ...] = (SEGMENTS, MATRIX, PARETO, ERRORS)
